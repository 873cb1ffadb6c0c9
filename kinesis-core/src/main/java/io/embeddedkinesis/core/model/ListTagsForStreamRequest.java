package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code ListTagsForStream}.
 *
 * @param stream               the stream.
 * @param exclusiveStartTagKey list the tags whose keys sort after this one (it need not exist), or null
 *                             from the first.
 * @param limit                the most tags to list, 1 to 50; null for 50.
 */
public record ListTagsForStreamRequest(StreamRequest stream, String exclusiveStartTagKey, Integer limit) {
}
