package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.model.MetricsName;

import java.util.Set;

/**
 * The stream-level meters of one stream, as the put and read paths report to them. Byte counts are
 * those of records: data plus partition key, as Kinesis counts them.
 *
 * <p>Thread-safe; the {@code on*} methods are on the hot path, and must neither block nor allocate.
 */
public interface StreamMeters {
    /**
     * The time an operation starts, for its latency.
     *
     * @return a monotonic time in nanoseconds, or anything when nothing is measured.
     */
    long startTime();

    /**
     * The time a {@code PutRecord} starts, if this one is to be timed: one in a few is, because reading the
     * clock twice costs a noticeable share of a put.
     *
     * @return a monotonic time in nanoseconds, or {@link #NOT_TIMED}.
     */
    long startPutRecordTime();

    /** What {@link #startPutRecordTime()} returns for a call that is not timed. */
    long NOT_TIMED = Long.MIN_VALUE;

    /**
     * A {@code PutRecord} succeeded.
     *
     * @param startTime what {@link #startPutRecordTime()} returned when it started.
     * @param bytes     the record's size.
     */
    void onPutRecord(long startTime, long bytes);

    /**
     * A {@code PutRecord} was refused by the shard's write limits.
     */
    void onPutRecordThrottled();

    /**
     * A {@code PutRecords} call returned.
     *
     * @param startTime         what {@link #startTime()} returned when it started.
     * @param successfulRecords the records written.
     * @param throttledRecords  the records refused by their shard's write limits.
     * @param failedRecords     the records that failed inside the broker.
     * @param successfulBytes   the size of the records written.
     */
    void onPutRecords(long startTime, int successfulRecords, int throttledRecords, int failedRecords,
        long successfulBytes);

    /**
     * A {@code GetRecords} call returned.
     *
     * @param startTime what {@link #startTime()} returned when it started.
     * @param records   the records it returned.
     * @param bytes     their size.
     */
    void onGetRecords(long startTime, int records, long bytes);

    /**
     * A {@code GetRecords} call was refused by the shard's read limits.
     */
    void onGetRecordsThrottled();

    /**
     * Makes the meters of one of the stream's shards, as it is created or reopened.
     *
     * @param shardId the shard's id.
     * @return its meters; closed when the shard is.
     */
    ShardMeters forShard(String shardId);

    /**
     * Switches the shard-level meters of every shard of the stream, present and future, to a set of
     * metrics ({@code EnableEnhancedMonitoring} and {@code DisableEnhancedMonitoring}).
     *
     * @param metrics the metrics enabled from now on, without {@link MetricsName#ALL}.
     */
    void shardLevelMetrics(Set<MetricsName> metrics);

    /**
     * Removes the stream's meters, as the stream is deleted or the broker closes; idempotent.
     */
    void close();
}
