package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.core.model.SubscribeToShardEvent;

import java.util.concurrent.Flow;

/**
 * A {@code SubscribeToShard} subscriber that asks for everything and counts the records pushed to it, for a
 * benchmark thread to spin on. It touches each record's data, as a consumer would.
 *
 * <p>Written by the broker's fan-out thread, read by the benchmark thread.
 */
final class CountingSubscriber implements Flow.Subscriber<SubscribeToShardEvent> {
    private volatile long received;
    private volatile Throwable failure;
    private long checksum;

    @Override
    public void onSubscribe(final Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final SubscribeToShardEvent event) {
        for (int i = 0; i < event.records().size(); i++) {
            checksum += event.records().get(i).data().length;
        }
        received += event.records().size();
    }

    @Override
    public void onError(final Throwable throwable) {
        failure = throwable;
    }

    @Override
    public void onComplete() {
        failure = new IllegalStateException("the subscription completed: received=" + received);
    }

    /**
     * Spins until a count of records has arrived.
     *
     * @param count the count since the subscription began.
     * @throws IllegalStateException if the subscription ended first.
     */
    void awaitReceived(final long count) {
        while (received < count) {
            final Throwable ended = failure;
            if (ended != null) {
                throw new IllegalStateException("the subscription ended", ended);
            }
            Thread.onSpinWait();
        }
    }

    /** The bytes of data received, which keeps the reads from being optimized away. */
    long checksum() {
        return checksum;
    }
}
