package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;

/**
 * Retrieval by polling {@code GetRecords}, as the KCL's {@code PollingConfig}: each shard is read at
 * most once per {@code idleTimeBetweenReadsInMillis}, up to {@code maxRecords} a call. The shard's read
 * limits (5 calls and 2 MiB a second, shared by every reader) are the broker's: a throttled call is
 * repeated after a second, the time Kinesis refuses calls after a throttle, and an expired iterator is
 * replaced by one after the last record delivered.
 *
 * @param maxRecords                   records per {@code GetRecords} call, 1 to 10,000.
 * @param idleTimeBetweenReadsInMillis the least time between two calls on one shard, 0 or more.
 */
public record PollingConfig(int maxRecords, long idleTimeBetweenReadsInMillis) implements RetrievalFactory {
    /** The KCL's defaults: 10,000 records a call, 1,500 ms between calls. */
    public static final PollingConfig DEFAULTS = new PollingConfig(10_000, 1_500);

    /**
     * Validates the settings.
     *
     * @param maxRecords                   see the class description.
     * @param idleTimeBetweenReadsInMillis see the class description.
     */
    public PollingConfig {
        if (maxRecords < 1 || maxRecords > 10_000) {
            throw new IllegalArgumentException("maxRecords must be 1 to 10000: maxRecords=" + maxRecords);
        }
        if (idleTimeBetweenReadsInMillis < 0) {
            throw new IllegalArgumentException("idle time must not be negative: idleTimeBetweenReadsInMillis="
                + idleTimeBetweenReadsInMillis);
        }
    }

    @Override
    public ShardRecordsSource createSource(final KinesisBroker broker, final String streamName,
        final String shardId) {
        return new PollingRecordsSource(broker, streamName, shardId, this);
    }
}
