package io.embeddedkinesis.core;

import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A subscriber that records what a subscription pushes, for a test thread to wait on, and checks the push
 * side of the Flow contract as it goes: no event beyond what was requested, nothing after the end.
 */
final class RecordingSubscriber implements Flow.Subscriber<SubscribeToShardEvent> {
    private static final long WAIT_SECONDS = 20;

    private final BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final List<String> violations = new ArrayList<>();
    private final long initialRequest;
    private volatile Flow.Subscription subscription;
    private volatile boolean completed;

    /**
     * @param initialRequest how many events to request on subscription; 0 for none.
     */
    RecordingSubscriber(final long initialRequest) {
        this.initialRequest = initialRequest;
    }

    /** Requests everything. */
    static RecordingSubscriber unbounded() {
        return new RecordingSubscriber(Long.MAX_VALUE);
    }

    @Override
    public void onSubscribe(final Flow.Subscription given) {
        this.subscription = given;
        if (initialRequest > 0) {
            request(initialRequest);
        }
    }

    @Override
    public void onNext(final SubscribeToShardEvent event) {
        if (ended.getCount() == 0) {
            violation("onNext after the end");
        }
        if (outstanding.get() != Long.MAX_VALUE && outstanding.getAndDecrement() <= 0) {
            violation("onNext beyond the demand");
        }
        events.add(event);
    }

    @Override
    public void onError(final Throwable throwable) {
        error.set(throwable);
        ended.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        ended.countDown();
    }

    private synchronized void violation(final String what) {
        violations.add(what);
    }

    void request(final long n) {
        outstanding.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    /** The next event, waiting for it. */
    SubscribeToShardEvent nextEvent() throws InterruptedException {
        final SubscribeToShardEvent event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + WAIT_SECONDS + " s; error=" + error.get());
        }
        return event;
    }

    /** The next event that carries records, waiting for it. */
    SubscribeToShardEvent nextEventWithRecords() throws InterruptedException {
        while (true) {
            final SubscribeToShardEvent event = nextEvent();
            if (!event.records().isEmpty() || !event.childShards().isEmpty()) {
                return event;
            }
        }
    }

    /** Records until a count has arrived, waiting for them. */
    List<Record> records(final int count) throws InterruptedException {
        final List<Record> records = new ArrayList<>();
        while (records.size() < count) {
            records.addAll(nextEvent().records());
        }
        return records;
    }

    /** The events that arrived and were not taken yet. */
    List<SubscribeToShardEvent> drain() {
        final List<SubscribeToShardEvent> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    /** Waits for onComplete or onError; true if it completed. */
    boolean awaitEnd() throws InterruptedException {
        if (!ended.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the subscription did not end within " + WAIT_SECONDS + " s");
        }
        return completed;
    }

    /** Waits for onError and returns it. */
    Throwable awaitError() throws InterruptedException {
        if (awaitEnd()) {
            throw new AssertionError("the subscription completed instead of failing");
        }
        return error.get();
    }

    boolean hasEnded() {
        return ended.getCount() == 0;
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
