package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code PutResourcePolicy}.
 *
 * @param resourceARN the ARN of the stream or consumer the policy is for.
 * @param policy      the policy: a JSON object, as a string. It replaces any policy the resource has. It is
 *                    stored, not enforced.
 */
public record PutResourcePolicyRequest(String resourceARN, String policy) {
}
