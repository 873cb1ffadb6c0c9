package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.model.MetricsName;

import java.util.Set;

/**
 * No metrics: one object that is every stream's and every shard's meters and does nothing, so that a
 * broker without a registry pays nothing. Its calls are empty and monomorphic, and the JIT removes them.
 */
enum NoMetrics implements BrokerMetrics, StreamMeters, ShardMeters, ApplicationMeters {
    INSTANCE;

    @Override
    public StreamMeters forStream(final String streamName, final Set<MetricsName> shardLevelMetrics) {
        return this;
    }

    @Override
    public void onIteratorAge(final String shardId, final long iteratorAgeMs) {
        // Nothing is measured.
    }

    @Override
    public void onShardReleased(final String shardId) {
        // Nothing is measured.
    }

    @Override
    public long startTime() {
        return 0;
    }

    @Override
    public long startPutRecordTime() {
        return NOT_TIMED;
    }

    @Override
    public void onPutRecord(final long startTime, final long bytes) {
        // Nothing is measured.
    }

    @Override
    public void onPutRecordThrottled() {
        // Nothing is measured.
    }

    @Override
    public void onPutRecords(final long startTime, final int successfulRecords, final int throttledRecords,
        final int failedRecords, final long successfulBytes) {
        // Nothing is measured.
    }

    @Override
    public void onGetRecords(final long startTime, final int records, final long bytes) {
        // Nothing is measured.
    }

    @Override
    public void onGetRecordsThrottled() {
        // Nothing is measured.
    }

    @Override
    public ShardMeters forShard(final String shardId) {
        return this;
    }

    @Override
    public void shardLevelMetrics(final Set<MetricsName> metrics) {
        // Nothing is measured.
    }

    @Override
    public void onIncoming(final long bytes) {
        // Nothing is measured.
    }

    @Override
    public void onWriteThrottled() {
        // Nothing is measured.
    }

    @Override
    public void onOutgoing(final int records, final long bytes, final long iteratorAgeMs) {
        // Nothing is measured.
    }

    @Override
    public void onReadThrottled() {
        // Nothing is measured.
    }

    @Override
    public void close() {
        // Nothing was registered.
    }
}
