package io.embeddedkinesis.core.throttle;

import io.embeddedkinesis.core.ShardLimits;

/**
 * Admits writes to one shard within its bytes-per-second and records-per-second limits. A write is
 * admitted whole or not at all: both buckets are checked before either is charged, so a refused write
 * costs nothing.
 *
 * <p>A record larger than a second's worth of bytes (a stream may take records of up to 10 MiB against a
 * 1 MiB/s shard) can never find that many tokens, so it is admitted once the byte bucket is full and
 * leaves it in debt: the shard bursts for it and pays it back at its rate before taking more, which is how
 * Kinesis describes large records (a tank that a large record empties and that refills at a steady rate).
 *
 * <p>It also counts what it was asked to admit ({@link #load()}), at no cost beyond the lock it holds
 * anyway: an on-demand stream scales by that load.
 *
 * <p>Thread-safe. With both write limits off it admits everything without taking a lock, and counts
 * nothing.
 */
public final class ShardWriteLimiter {
    private final boolean unlimited;
    private final TokenBucket bytes;
    private final TokenBucket records;
    private long offeredRecords;
    private long offeredBytes;
    private long refusedRecords;

    /**
     * @param limits the shard's limits; only the write limits are used.
     * @param nowMs  the current time; the buckets start full.
     */
    public ShardWriteLimiter(final ShardLimits limits, final long nowMs) {
        this.unlimited = limits.writesUnlimited();
        this.bytes = bucket(limits.writeBytesPerSecond(), nowMs);
        this.records = bucket(limits.writeRecordsPerSecond(), nowMs);
    }

    /**
     * Whether this limiter admits everything without checking the time.
     *
     * @return true if both write limits are off.
     */
    public boolean isUnlimited() {
        return unlimited;
    }

    /**
     * Admits a write of {@code recordCount} records totalling {@code byteCount} bytes if both limits
     * allow it now, and charges it.
     *
     * @param recordCount the records to write.
     * @param byteCount   their data and partition key bytes.
     * @param nowMs       the current time.
     * @return true if admitted and charged; false if refused, with nothing charged.
     */
    public boolean tryAcquire(final int recordCount, final long byteCount, final long nowMs) {
        if (unlimited) {
            return true;
        }
        synchronized (this) {
            offeredRecords += recordCount;
            offeredBytes += byteCount;
            if ((bytes != null && !bytes.admits(byteCount, nowMs))
                || (records != null && !records.admits(recordCount, nowMs))) {
                refusedRecords += recordCount;
                return false;
            }
            if (bytes != null) {
                bytes.take(byteCount);
            }
            if (records != null) {
                records.take(recordCount);
            }
            return true;
        }
    }

    /**
     * What this shard was asked to write since it opened.
     *
     * @return the counts so far; {@link WriteLoad#NONE} if both write limits are off.
     */
    public synchronized WriteLoad load() {
        return new WriteLoad(offeredRecords, offeredBytes, refusedRecords);
    }

    static TokenBucket bucket(final long ratePerSecond, final long nowMs) {
        return ratePerSecond == ShardLimits.UNLIMITED ? null : new TokenBucket(Math.min(ratePerSecond,
            TokenBucket.MAX_RATE), nowMs);
    }
}
