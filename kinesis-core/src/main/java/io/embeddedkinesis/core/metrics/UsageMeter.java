package io.embeddedkinesis.core.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one stream's billable usage while the broker holds it: PUT payload units and bytes read, on the
 * hot path, and the open time of shards that have left the stream, added as they leave. The open time of
 * the shards it still has is worked out from their creation and closing times when the usage is read.
 *
 * <p>Always on, whatever the metrics: one {@code LongAdder} add per put or read call. Thread-safe.
 */
public final class UsageMeter {
    /**
     * A PUT payload unit, as AWS's pricing page defines it: a 25 KB chunk of a record. Kinesis's sizes are
     * binary (a record is at most 1 MiB by default), so this is 25 KiB.
     */
    public static final int PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;

    private final long sinceMs;
    private final LongAdder putPayloadUnits = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder departedShardMs = new LongAdder();

    /**
     * @param sinceMs when the broker opened the stream: usage is counted from there.
     */
    public UsageMeter(final long sinceMs) {
        this.sinceMs = sinceMs;
    }

    /**
     * The PUT payload units of one record.
     *
     * @param recordBytes the record's size, data plus partition key.
     * @return its 25 KiB chunks, rounded up; at least 1.
     */
    public static long payloadUnits(final long recordBytes) {
        return recordBytes <= PUT_PAYLOAD_UNIT_BYTES ? 1
            : (recordBytes + PUT_PAYLOAD_UNIT_BYTES - 1) / PUT_PAYLOAD_UNIT_BYTES;
    }

    /**
     * Counts records put.
     *
     * @param units their PUT payload units, added up.
     */
    public void onPut(final long units) {
        putPayloadUnits.add(units);
    }

    /**
     * Counts bytes read.
     *
     * @param bytes what a {@code GetRecords} call returned.
     */
    public void onRead(final long bytes) {
        if (bytes > 0) {
            bytesRead.add(bytes);
        }
    }

    /**
     * Adds the open time of a shard that leaves the stream (it expired), which can then no longer be
     * worked out from the stream's shards.
     *
     * @param createdAtMs when the shard was created.
     * @param closedAtMs  when it was closed.
     */
    public void onShardDeparted(final long createdAtMs, final long closedAtMs) {
        departedShardMs.add(openMs(createdAtMs, closedAtMs, closedAtMs));
    }

    /**
     * How long a shard was open since usage was counted.
     *
     * @param createdAtMs when the shard was created.
     * @param closedAtMs  when it was closed, or {@link Long#MAX_VALUE} while it is open.
     * @param nowMs       the current time.
     * @return milliseconds, never negative.
     */
    public long openMs(final long createdAtMs, final long closedAtMs, final long nowMs) {
        final long from = Math.max(createdAtMs, sinceMs);
        final long to = Math.min(closedAtMs, nowMs);
        return Math.max(0, to - from);
    }

    /**
     * When counting started.
     *
     * @return epoch milliseconds.
     */
    public long sinceMs() {
        return sinceMs;
    }

    /**
     * The PUT payload units counted.
     *
     * @return the units.
     */
    public long putPayloadUnits() {
        return putPayloadUnits.sum();
    }

    /**
     * The bytes read.
     *
     * @return the bytes.
     */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /**
     * The open time of shards that left the stream.
     *
     * @return milliseconds.
     */
    public long departedShardMs() {
        return departedShardMs.sum();
    }
}
