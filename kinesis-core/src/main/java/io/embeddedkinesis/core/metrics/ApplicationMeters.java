package io.embeddedkinesis.core.metrics;

/**
 * The meters of one consumer application (a KCL-style application reading one stream), as its workers
 * report to them: {@code IteratorAgeMilliseconds}, the age of the last record read, the largest over
 * the shards the application's workers hold.
 *
 * <p>Thread-safe: the workers of an application share it.
 */
public interface ApplicationMeters {
    /**
     * A read of a shard returned.
     *
     * @param shardId       the shard.
     * @param iteratorAgeMs how old the last record read is, or 0 when the read caught up.
     */
    void onIteratorAge(String shardId, long iteratorAgeMs);

    /**
     * A worker stopped processing a shard: its age no longer counts.
     *
     * @param shardId the shard.
     */
    void onShardReleased(String shardId);

    /**
     * Removes the meters, as the application closes; idempotent.
     */
    void close();
}
