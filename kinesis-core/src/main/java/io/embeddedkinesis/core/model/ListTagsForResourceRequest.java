package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code ListTagsForResource}.
 *
 * @param resourceARN the ARN of the stream whose tags to list.
 */
public record ListTagsForResourceRequest(String resourceARN) {
}
