package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code DeleteResourcePolicy}.
 *
 * @param resourceARN the ARN of the stream or consumer whose policy to remove.
 */
public record DeleteResourcePolicyRequest(String resourceARN) {
}
