package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * The parameters of {@code GetShardIterator}.
 *
 * @param stream                 the stream.
 * @param shardId                the shard, e.g. {@code shardId-000000000000}.
 * @param shardIteratorType      where to start.
 * @param startingSequenceNumber the sequence number, for {@code AT_} and {@code AFTER_SEQUENCE_NUMBER} only.
 * @param timestamp              the time, for {@code AT_TIMESTAMP} only; millisecond precision.
 */
public record GetShardIteratorRequest(
    StreamRequest stream, String shardId, ShardIteratorType shardIteratorType, String startingSequenceNumber,
    Instant timestamp) {
}
