package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * A {@code ListShards} filter, as in Kinesis's {@code ShardFilter}.
 *
 * @param type      which shards to return.
 * @param shardId   for {@link ShardFilterType#AFTER_SHARD_ID}, the shard to list after; else null.
 * @param timestamp for {@link ShardFilterType#AT_TIMESTAMP} and {@link ShardFilterType#FROM_TIMESTAMP}; else null.
 */
public record ShardFilter(ShardFilterType type, String shardId, Instant timestamp) {
    /**
     * A filter that takes no parameter.
     *
     * @param type the filter type.
     * @return the filter.
     */
    public static ShardFilter of(final ShardFilterType type) {
        return new ShardFilter(type, null, null);
    }
}
