package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code SplitShard}.
 *
 * @param stream             the stream.
 * @param shardToSplit       the open shard to split.
 * @param newStartingHashKey the first hash key of the second child, inside the shard's range.
 */
public record SplitShardRequest(StreamRequest stream, String shardToSplit, String newStartingHashKey) {
}
