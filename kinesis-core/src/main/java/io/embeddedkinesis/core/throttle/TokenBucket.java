package io.embeddedkinesis.core.throttle;

/**
 * A token bucket on a millisecond clock: it holds up to one second of its rate, and refills
 * continuously at that rate.
 *
 * <p>Tokens are counted in thousandths so that a rate below 1,000 per second still refills a little
 * every millisecond, without floating point. Time is passed in by the caller, so the bucket is pure
 * logic and tests move time by passing a later value. Not thread-safe: the owning limiter synchronizes.
 */
final class TokenBucket {
    private static final long SCALE = 1000L;
    /** The largest rate whose capacity, in thousandths, still fits a long with room for debt. */
    static final long MAX_RATE = Long.MAX_VALUE / (4 * SCALE);

    private final long ratePerSecond;
    private final long capacityScaled;
    private long tokensScaled;
    private long lastRefillMs;

    /**
     * @param ratePerSecond tokens added per second, which is also the capacity; at least 1.
     * @param nowMs         the time the bucket starts full.
     */
    TokenBucket(final long ratePerSecond, final long nowMs) {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
            throw new IllegalArgumentException("rate must be in 1.." + MAX_RATE + ": ratePerSecond=" + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacityScaled = ratePerSecond * SCALE;
        this.tokensScaled = capacityScaled;
        this.lastRefillMs = nowMs;
    }

    /**
     * Whether {@code amount} tokens are available now, without taking them.
     *
     * @param amount the tokens needed.
     * @param nowMs  the current time.
     * @return true if a {@link #take} of that amount would not leave the bucket negative.
     */
    boolean hasAvailable(final long amount, final long nowMs) {
        refill(nowMs);
        return tokensScaled >= scale(amount);
    }

    /**
     * Whether a {@link #take} of {@code amount} may go ahead now: the tokens are there, or, for an amount
     * larger than the bucket can ever hold, the bucket is full, and the take will leave it in debt.
     *
     * @param amount the tokens needed.
     * @param nowMs  the current time.
     * @return true if the take may go ahead.
     */
    boolean admits(final long amount, final long nowMs) {
        refill(nowMs);
        return tokensScaled >= Math.min(scale(amount), capacityScaled);
    }

    /**
     * Whether the bucket holds any tokens at all, i.e. it is not in debt.
     *
     * @param nowMs the current time.
     * @return true if the balance is positive.
     */
    boolean isPositive(final long nowMs) {
        refill(nowMs);
        return tokensScaled > 0;
    }

    /**
     * Whether the balance is below zero, as it stands after the last refill and takes.
     *
     * @return true if the bucket is in debt.
     */
    boolean isOverdrawn() {
        return tokensScaled < 0;
    }

    /**
     * The tokens added per second, which is also the capacity.
     *
     * @return the rate.
     */
    long ratePerSecond() {
        return ratePerSecond;
    }

    /**
     * Takes tokens unconditionally; the balance may go negative, which delays later takers until the
     * debt is refilled (how Kinesis treats a read that returned more than a second's worth).
     *
     * @param amount the tokens to take.
     */
    void take(final long amount) {
        tokensScaled -= scale(amount);
    }

    private void refill(final long nowMs) {
        final long elapsedMs = nowMs - lastRefillMs;
        if (elapsedMs <= 0) {
            return;
        }
        lastRefillMs = nowMs;
        final long missing = capacityScaled - tokensScaled;
        if (elapsedMs >= missing / ratePerSecond + 1) {
            tokensScaled = capacityScaled;
        } else {
            tokensScaled += elapsedMs * ratePerSecond;
        }
    }

    private static long scale(final long amount) {
        return amount >= MAX_RATE ? MAX_RATE * SCALE : amount * SCALE;
    }
}
