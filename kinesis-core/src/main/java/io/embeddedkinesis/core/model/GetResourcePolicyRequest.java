package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code GetResourcePolicy}.
 *
 * @param resourceARN the ARN of the stream or consumer whose policy to return.
 */
public record GetResourcePolicyRequest(String resourceARN) {
}
