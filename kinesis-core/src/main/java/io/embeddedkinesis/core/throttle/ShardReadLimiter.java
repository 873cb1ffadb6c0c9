package io.embeddedkinesis.core.throttle;

import io.embeddedkinesis.core.ShardLimits;

/**
 * Admits {@code GetRecords} calls on one shard within its calls-per-second and bytes-per-second
 * limits, as Kinesis does: a call is admitted if a call token is free and the byte budget is not in
 * debt; what the call then returns is charged afterwards and may put the budget into debt, so a large
 * response makes the following calls wait until the debt is repaid (a 10 MiB response at 2 MiB/s blocks
 * reads for about four seconds).
 *
 * <p>Thread-safe. With both read limits off it admits everything without taking a lock.
 */
public final class ShardReadLimiter {
    private final boolean unlimited;
    private final TokenBucket calls;
    private final TokenBucket bytes;

    /**
     * @param limits the shard's limits; only the read limits are used.
     * @param nowMs  the current time; the buckets start full.
     */
    public ShardReadLimiter(final ShardLimits limits, final long nowMs) {
        this.unlimited = limits.readsUnlimited();
        this.calls = ShardWriteLimiter.bucket(limits.readCallsPerSecond(), nowMs);
        this.bytes = ShardWriteLimiter.bucket(limits.readBytesPerSecond(), nowMs);
    }

    /**
     * Admits one call if a call token is free and the byte budget is not in debt, and charges the call.
     *
     * @param nowMs the current time.
     * @return true if admitted; false if refused, with nothing charged.
     */
    public boolean tryAcquireCall(final long nowMs) {
        if (unlimited) {
            return true;
        }
        synchronized (this) {
            if ((calls != null && !calls.hasAvailable(1, nowMs)) || (bytes != null && !bytes.isPositive(nowMs))) {
                return false;
            }
            if (calls != null) {
                calls.take(1);
            }
            return true;
        }
    }

    /**
     * Charges the bytes an admitted call returned.
     *
     * @param byteCount the data and partition key bytes returned.
     */
    public void onBytesRead(final long byteCount) {
        if (unlimited || bytes == null) {
            return;
        }
        synchronized (this) {
            bytes.take(byteCount);
        }
    }
}
