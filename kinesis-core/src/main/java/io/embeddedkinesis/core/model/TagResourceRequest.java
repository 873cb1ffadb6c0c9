package io.embeddedkinesis.core.model;

import java.util.Map;

/**
 * The parameters of {@code TagResource}.
 *
 * @param resourceARN the ARN of the stream to tag.
 * @param tags        1 to 200 tags by key; a key the resource already has gets the new value. A resource has
 *                    at most 50 tags. A null value is an empty one.
 */
public record TagResourceRequest(String resourceARN, Map<String, String> tags) {
}
