package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * The parameters of {@code RemoveTagsFromStream}.
 *
 * @param stream  the stream.
 * @param tagKeys 1 to 50 keys; keys the stream does not have are ignored.
 */
public record RemoveTagsFromStreamRequest(StreamRequest stream, List<String> tagKeys) {
}
