package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * The parameters of {@code UntagResource}.
 *
 * @param resourceARN the ARN of the stream to untag.
 * @param tagKeys     1 to 50 keys; keys the resource does not have are ignored.
 */
public record UntagResourceRequest(String resourceARN, List<String> tagKeys) {
}
