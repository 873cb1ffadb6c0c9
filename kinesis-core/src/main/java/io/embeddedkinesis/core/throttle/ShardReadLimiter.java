package io.embeddedkinesis.core.throttle;

import io.embeddedkinesis.core.ShardLimits;

/**
 * Admits reads of one shard within its calls-per-second and bytes-per-second limits, as Kinesis does: a
 * call is admitted if a call token is free and the byte budget is not in debt; what the call then returns
 * is charged afterwards and may put the budget into debt, so a large response makes the following calls
 * wait until the debt is repaid.
 *
 * <p>For {@code GetRecords} ({@link #forGetRecords}) a response that overdraws the byte budget costs one more
 * second of it, which agrees with what Kinesis documents of its byte limit: after a response of 10 MiB, calls
 * in the next five seconds are refused (at 2 MiB/s, four seconds repay the 8 MiB beyond a full budget, and one
 * more), and once a shard has run short of read throughput, calls in the next second are. Only the response
 * that takes the budget into debt pays that second, not one admitted beside it that is charged while the debt
 * stands. A subscription's pushes ({@link #forSubscription}) are paced by their debt alone.
 *
 * <p>Thread-safe. With both read limits off it admits everything without taking a lock.
 */
public final class ShardReadLimiter {
    private final boolean unlimited;
    private final TokenBucket calls;
    private final TokenBucket bytes;
    /** Whether a response that overdraws the byte budget costs one more second of it. */
    private final boolean overdraftCostsASecond;

    private ShardReadLimiter(final ShardLimits limits, final long nowMs, final boolean overdraftCostsASecond) {
        this.unlimited = limits.readsUnlimited();
        this.calls = ShardWriteLimiter.bucket(limits.readCallsPerSecond(), nowMs);
        this.bytes = ShardWriteLimiter.bucket(limits.readBytesPerSecond(), nowMs);
        this.overdraftCostsASecond = overdraftCostsASecond;
    }

    /**
     * A limiter for a shard's {@code GetRecords} calls, shared by all its polling consumers.
     *
     * @param limits the shard's limits; only the read limits are used.
     * @param nowMs  the current time; the budgets start full.
     * @return the limiter.
     */
    public static ShardReadLimiter forGetRecords(final ShardLimits limits, final long nowMs) {
        return new ShardReadLimiter(limits, nowMs, true);
    }

    /**
     * A limiter for the pushes of one consumer's subscription to a shard.
     *
     * @param limits the consumer's own limits on the shard; only the read limits are used.
     * @param nowMs  the current time; the budgets start full.
     * @return the limiter.
     */
    public static ShardReadLimiter forSubscription(final ShardLimits limits, final long nowMs) {
        return new ShardReadLimiter(limits, nowMs, false);
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
     * Charges the bytes an admitted call returned, and for {@code GetRecords} one more second of the budget if
     * they took it into debt.
     *
     * @param byteCount the data and partition key bytes returned.
     */
    public void onBytesRead(final long byteCount) {
        if (unlimited || bytes == null) {
            return;
        }
        synchronized (this) {
            final boolean inDebtBefore = bytes.isOverdrawn();
            bytes.take(byteCount);
            if (overdraftCostsASecond && !inDebtBefore && bytes.isOverdrawn()) {
                bytes.take(bytes.ratePerSecond());
            }
        }
    }
}
