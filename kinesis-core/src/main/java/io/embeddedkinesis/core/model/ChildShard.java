package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.routing.HashKeyRange;

import java.util.List;

/**
 * A shard that a closed shard's records continue in, returned with the last {@code GetRecords} of the
 * closed shard, as in Kinesis's {@code ChildShard}.
 *
 * @param shardId      the child's id.
 * @param parentShards the child's parents: the closed shard, and for a merge the other shard.
 * @param hashKeyRange the hash keys the child owns.
 */
public record ChildShard(String shardId, List<String> parentShards, HashKeyRange hashKeyRange) {
    /**
     * Copies the parent list.
     *
     * @param shardId      see the class description.
     * @param parentShards see the class description.
     * @param hashKeyRange see the class description.
     */
    public ChildShard {
        parentShards = List.copyOf(parentShards);
    }
}
