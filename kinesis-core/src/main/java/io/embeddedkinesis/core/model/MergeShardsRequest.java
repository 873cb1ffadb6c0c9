package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code MergeShards}.
 *
 * @param stream               the stream.
 * @param shardToMerge         one open shard; it becomes the child's {@code ParentShardId}.
 * @param adjacentShardToMerge an open shard whose hash key range adjoins the first one's; it becomes the
 *                             child's {@code AdjacentParentShardId}.
 */
public record MergeShardsRequest(StreamRequest stream, String shardToMerge, String adjacentShardToMerge) {
}
