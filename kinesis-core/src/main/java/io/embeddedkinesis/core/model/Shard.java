package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.routing.HashKeyRange;

/**
 * A shard as Kinesis describes it in {@code DescribeStream} and {@code ListShards}.
 *
 * @param shardId               e.g. {@code shardId-000000000000}.
 * @param parentShardId         the shard it was split from or merged from, or null.
 * @param adjacentParentShardId the other parent of a merge, or null.
 * @param hashKeyRange          the hash keys it owns.
 * @param sequenceNumberRange   the sequence numbers it spans.
 */
public record Shard(
    String shardId, String parentShardId, String adjacentParentShardId,
    HashKeyRange hashKeyRange, SequenceNumberRange sequenceNumberRange) {
}
