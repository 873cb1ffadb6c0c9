package io.embeddedkinesis.server;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One SubscribeToShard call of the AWS SDK's asynchronous client, as a user writes it: a
 * {@link SubscribeToShardResponseHandler} whose subscriber asks for events as the test says and keeps them for
 * the test to take. The waits are bounds against a hang, not timings: each ends as soon as what it waits for
 * happens.
 */
final class SdkShardSubscription implements SubscribeToShardResponseHandler {
    private static final long WAIT_SECONDS = 20;

    private final long initialDemand;
    private final BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<SubscribeToShardResponse> started = new CompletableFuture<>();
    private final CompletableFuture<Subscription> subscription = new CompletableFuture<>();
    private final CompletableFuture<Boolean> handlerCompleted = new CompletableFuture<>();
    private CompletableFuture<Void> call;

    private SdkShardSubscription(final long initialDemand) {
        this.initialDemand = initialDemand;
    }

    /**
     * Subscribes, and waits until the server answered, with its initial response or an error.
     */
    static SdkShardSubscription subscribe(final KinesisAsyncClient kinesis, final String consumerArn,
        final String shardId, final StartingPosition position, final long initialDemand) {
        return subscribe(kinesis, consumerArn, shardId, position, initialDemand, false);
    }

    /**
     * Subscribes with {@code DryRun} set, and waits until the server answered.
     */
    static SdkShardSubscription dryRun(final KinesisAsyncClient kinesis, final String consumerArn,
        final String shardId, final StartingPosition position) {
        return subscribe(kinesis, consumerArn, shardId, position, 0, true);
    }

    private static SdkShardSubscription subscribe(final KinesisAsyncClient kinesis, final String consumerArn,
        final String shardId, final StartingPosition position, final long initialDemand, final boolean dryRun) {
        final SdkShardSubscription subscription = new SdkShardSubscription(initialDemand);
        subscription.call = kinesis.subscribeToShard(b -> b.consumerARN(consumerArn).shardId(shardId)
            .startingPosition(position).dryRun(dryRun ? Boolean.TRUE : null), subscription);
        CompletableFuture.anyOf(subscription.started, subscription.call).exceptionally(error -> null).join();
        return subscription;
    }

    @Override
    public void responseReceived(final SubscribeToShardResponse response) {
        started.complete(response);
    }

    @Override
    public void onEventStream(final SdkPublisher<SubscribeToShardEventStream> publisher) {
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(final Subscription granted) {
                subscription.complete(granted);
                if (initialDemand > 0) {
                    granted.request(initialDemand);
                }
            }

            @Override
            public void onNext(final SubscribeToShardEventStream event) {
                events.add((SubscribeToShardEvent) event);
            }

            @Override
            public void onError(final Throwable error) {
                // The call's future carries the error too, which is where the tests look.
            }

            @Override
            public void onComplete() {
                // The call's future completes too, which is where the tests look.
            }
        });
    }

    @Override
    public void exceptionOccurred(final Throwable error) {
        // The call's future carries it, which is where the tests look.
    }

    @Override
    public void complete() {
        handlerCompleted.complete(true);
    }

    /** Asks for more events. */
    void request(final long n) {
        subscription.join().request(n);
    }

    /** Stops the subscription from the client's side. */
    void cancel() {
        subscription.join().cancel();
    }

    SubscribeToShardEvent nextEvent() throws InterruptedException {
        final SubscribeToShardEvent event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + WAIT_SECONDS + " s");
        }
        return event;
    }

    SubscribeToShardEvent nextEventWithRecords() throws InterruptedException {
        SubscribeToShardEvent event = nextEvent();
        while (event.records().isEmpty() && event.childShards().isEmpty()) {
            event = nextEvent();
        }
        return event;
    }

    /** The next {@code count} records, across as many events as they come in. */
    List<Record> records(final int count) throws InterruptedException {
        final List<Record> records = new ArrayList<>();
        while (records.size() < count) {
            records.addAll(nextEvent().records());
        }
        return records;
    }

    /** The events received and not taken yet. */
    List<SubscribeToShardEvent> drain() {
        final List<SubscribeToShardEvent> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }

    /** Whether the call completed normally, its handler told so. */
    boolean awaitCompletion() throws InterruptedException, ExecutionException, TimeoutException {
        call.get(WAIT_SECONDS, TimeUnit.SECONDS);
        return handlerCompleted.getNow(false);
    }

    /** The error the call ended with. */
    Throwable awaitError() throws InterruptedException, TimeoutException {
        try {
            call.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException ex) {
            return ex.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : ex.getCause();
        }
        throw new AssertionError("the call completed without an error");
    }

    boolean hasEnded() {
        return call.isDone();
    }
}
