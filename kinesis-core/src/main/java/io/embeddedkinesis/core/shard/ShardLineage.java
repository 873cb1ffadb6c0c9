package io.embeddedkinesis.core.shard;

/**
 * Where a shard came from: the shard it was split from (or the two it was merged from), and when it was
 * created. A shard of a new stream has no parents.
 *
 * @param parentShardId         the shard split or merged into this one, or null.
 * @param adjacentParentShardId the other shard of a merge, or null.
 * @param createdAtMs           when the shard was created.
 */
public record ShardLineage(ShardId parentShardId, ShardId adjacentParentShardId, long createdAtMs) {
    /**
     * The lineage of a shard created with its stream.
     *
     * @param createdAtMs when the stream was created.
     * @return a lineage without parents.
     */
    public static ShardLineage root(final long createdAtMs) {
        return new ShardLineage(null, null, createdAtMs);
    }

    /**
     * Whether a shard is a parent of the shard this lineage belongs to.
     *
     * @param shard a shard id.
     * @return true if it is the parent or the adjacent parent.
     */
    public boolean hasParent(final ShardId shard) {
        return shard.equals(parentShardId) || shard.equals(adjacentParentShardId);
    }
}
