package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code DescribeStream}.
 *
 * @param stream                the stream.
 * @param limit                 the most shards to describe, 1 to 10,000; null for 100.
 * @param exclusiveStartShardId describe shards after this one, or null from the first.
 */
public record DescribeStreamRequest(StreamRequest stream, Integer limit, String exclusiveStartShardId) {
}
