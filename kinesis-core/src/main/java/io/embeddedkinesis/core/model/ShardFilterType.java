package io.embeddedkinesis.core.model;

/**
 * Which shards {@code ListShards} returns, as Kinesis names it in {@code ShardFilter}.
 */
public enum ShardFilterType {
    /** Shards after a given shard id. */
    AFTER_SHARD_ID,
    /** Shards that were open at the trim horizon. */
    AT_TRIM_HORIZON,
    /** Every shard within retention (the default). */
    FROM_TRIM_HORIZON,
    /** Open shards only. */
    AT_LATEST,
    /** Shards that were open at a time. */
    AT_TIMESTAMP,
    /** Shards closed after a time, and every open shard. */
    FROM_TIMESTAMP
}
