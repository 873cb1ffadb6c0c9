package io.embeddedkinesis.core.fanout;

import io.embeddedkinesis.core.throttle.ShardReadLimiter;

/**
 * A consumer's hold on one shard: its current subscription, when it last subscribed (a new subscription
 * within 5 seconds of it is refused, a later one takes over), and the consumer's own read limit on the
 * shard, which every subscription of the pair shares and no other reader does.
 *
 * <p>Thread-safe: {@link #current()} is volatile, set under {@link ShardSubscriptions}' lock and read by the
 * dispatcher; {@link #subscribedAtMs} is only touched under that lock; the limiter is thread-safe.
 */
final class SubscriptionLease {
    private final StreamConsumer consumer;
    private final ShardReadLimiter limiter;
    private volatile SubscriptionSession current;
    private long subscribedAtMs;

    SubscriptionLease(final StreamConsumer consumer, final ShardReadLimiter limiter) {
        this.consumer = consumer;
        this.limiter = limiter;
    }

    StreamConsumer consumer() {
        return consumer;
    }

    ShardReadLimiter limiter() {
        return limiter;
    }

    /** The subscription that holds the shard now; any other one of this lease has been taken over. */
    SubscriptionSession current() {
        return current;
    }

    long subscribedAtMs() {
        return subscribedAtMs;
    }

    void takeOver(final SubscriptionSession session, final long nowMs) {
        this.current = session;
        this.subscribedAtMs = nowMs;
    }
}
