package io.embeddedkinesis.core.model;

import java.util.Map;

/**
 * The parameters of {@code AddTagsToStream}.
 *
 * @param stream the stream.
 * @param tags   1 to 200 tags by key; a key the stream already has gets the new value. A stream has at most
 *               50 tags. A null value is an empty one.
 */
public record AddTagsToStreamRequest(StreamRequest stream, Map<String, String> tags) {
}
