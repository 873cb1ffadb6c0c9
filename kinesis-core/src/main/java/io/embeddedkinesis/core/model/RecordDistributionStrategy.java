package io.embeddedkinesis.core.model;

/**
 * How an on-demand stream picks the shard of each record put to it, as Kinesis names it.
 */
public enum RecordDistributionStrategy {
    /**
     * The service spreads records evenly over the open shards, ignoring partition keys and explicit hash keys;
     * a put may leave the partition key out. For stateless workloads that need no order per key.
     */
    AUTO,
    /** A record goes to the shard that owns its partition key's hash (or explicit hash key). The default. */
    USER_PARTITION_KEY
}
