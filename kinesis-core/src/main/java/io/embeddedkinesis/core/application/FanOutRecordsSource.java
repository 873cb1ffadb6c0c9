package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;

/**
 * A shard read by enhanced fan-out, as the KCL's {@code FanOutRecordsPublisher} reads it; see
 * {@link FanOutConfig}. The broker's fan-out thread pushes events into the current subscription's
 * {@link ShardSubscriber}; {@link #poll()}, on the worker's thread, takes the one waiting and only then
 * requests the next, so at most one event is buffered and a slow processor leaves the records in the log.
 *
 * <p>Resubscribing follows the KCL: the first subscription starts at the lease's checkpoint (the checkpointed
 * record itself, or a sentinel), later ones after the last event's continuation sequence number.
 *
 * <p>Not thread-safe: one worker thread polls and closes it; the subscriber it hands the broker is.
 */
final class FanOutRecordsSource implements ShardRecordsSource {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutRecordsSource.class);

    private final KinesisBroker broker;
    private final StreamConsumerRegistration registration;
    private final String shardId;
    private final long retryBackoffMs;
    private final EpochClock clock;
    private ExtendedSequenceNumber start;
    private Instant initialTimestamp;
    private String continuationSequenceNumber;
    private ShardSubscriber subscriber;
    private long nextSubscribeMs;
    private boolean ended;

    FanOutRecordsSource(final KinesisBroker broker, final StreamConsumerRegistration registration,
        final String shardId, final long retryBackoffMs) {
        this.broker = broker;
        this.registration = registration;
        this.shardId = shardId;
        this.retryBackoffMs = retryBackoffMs;
        this.clock = broker.config().clock();
    }

    @Override
    public void start(final ExtendedSequenceNumber checkpoint, final Instant timestamp) {
        this.start = checkpoint;
        this.initialTimestamp = timestamp;
    }

    @Override
    public RecordsBatch poll() {
        if (ended) {
            return null;
        }
        final long nowMs = clock.time();
        if (subscriber == null && (nowMs < nextSubscribeMs || !subscribe(nowMs))) {
            return null;
        }
        // Read the end before the queue: the fan-out thread queues every event before it signals the end.
        final boolean subscriptionEnded = subscriber.ended;
        final SubscribeToShardEvent event = subscriber.events.poll();
        if (event != null) {
            return batch(event, nowMs);
        }
        if (subscriptionEnded) {
            final Throwable error = subscriber.error;
            final String subscribedArn = subscriber.consumerArn;
            subscriber = null;
            if (error instanceof ResourceNotFoundException) {
                registration.forget(subscribedArn);   // deregistered meanwhile: registered again next time
            }
            if (error != null) {
                throw error instanceof RuntimeException runtime ? runtime
                    : new InternalFailureException("Internal service failure.", error);
            }
            // Completed at the end of its lifetime, or taken over: subscribe again at the next poll.
        }
        return null;
    }

    /** Subscribes from where the shard is at; false if the consumer is not ready or the shard is held. */
    private boolean subscribe(final long nowMs) {
        final String consumerArn = registration.activeConsumerArn();
        if (consumerArn == null) {
            return false;
        }
        final Flow.Publisher<SubscribeToShardEvent> publisher;
        try {
            publisher = broker.subscribeToShard(consumerArn, shardId, startingPosition());
        } catch (final ResourceInUseException ex) {
            // Another subscription of the consumer took the shard less than 5 s ago, e.g. the lease's last holder.
            LOG.debug("Shard {} is subscribed elsewhere; retrying in {} ms: {}", shardId, retryBackoffMs,
                ex.getMessage());
            nextSubscribeMs = nowMs + retryBackoffMs;
            return false;
        } catch (final ResourceNotFoundException ex) {
            registration.forget(consumerArn);
            throw ex;
        }
        subscriber = new ShardSubscriber(consumerArn);
        publisher.subscribe(subscriber);
        return true;
    }

    private StartingPosition startingPosition() {
        if (continuationSequenceNumber != null) {
            return StartingPosition.afterSequenceNumber(continuationSequenceNumber);
        }
        final SentinelCheckpoint sentinel = start.sentinel();
        if (sentinel == null) {
            return StartingPosition.atSequenceNumber(start.sequenceNumber());
        }
        return switch (sentinel) {
            case TRIM_HORIZON -> StartingPosition.trimHorizon();
            case LATEST -> StartingPosition.latest();
            case AT_TIMESTAMP -> StartingPosition.atTimestamp(initialTimestamp);
            case SHARD_END -> throw new IllegalStateException("a shard at SHARD_END has nothing to read: shardId="
                + shardId);
        };
    }

    private RecordsBatch batch(final SubscribeToShardEvent event, final long nowMs) {
        final List<Record> read = event.records();
        final List<KinesisClientRecord> records = new ArrayList<>(read.size());
        for (final Record record : read) {
            records.add(KinesisClientRecord.from(record));
        }
        final boolean shardEnded = event.continuationSequenceNumber() == null;
        if (shardEnded) {
            ended = true;
            subscriber = null;
        } else {
            continuationSequenceNumber = event.continuationSequenceNumber();
            subscriber.request();
        }
        // As CloudWatch's IteratorAgeMilliseconds: the age of the last record read; with none, how far behind.
        final long ageMs = read.isEmpty() ? event.millisBehindLatest()
            : Math.max(0, nowMs - read.get(read.size() - 1).approximateArrivalTimestampMs());
        return new RecordsBatch(records, event.millisBehindLatest(), ageMs, shardEnded, event.childShards());
    }

    @Override
    public void close() {
        ended = true;
        if (subscriber != null) {
            subscriber.cancel();
            subscriber = null;
        }
    }

    /**
     * One subscription's receiving end: events queue here until the worker polls them. Each subscription gets
     * its own, so that nothing a finished one still signals reaches the next.
     *
     * <p>Thread-safe: the fan-out thread signals, the worker's thread reads and requests.
     */
    private static final class ShardSubscriber implements Flow.Subscriber<SubscribeToShardEvent> {
        private final String consumerArn;
        private final Queue<SubscribeToShardEvent> events = new ConcurrentLinkedQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile Throwable error;
        private volatile boolean ended;

        /**
         * @param consumerArn the consumer subscribed with, forgotten if the subscription finds it gone.
         */
        ShardSubscriber(final String consumerArn) {
            this.consumerArn = consumerArn;
        }

        @Override
        public void onSubscribe(final Flow.Subscription given) {
            subscription = given;
            given.request(1);
        }

        @Override
        public void onNext(final SubscribeToShardEvent event) {
            events.add(event);
        }

        @Override
        public void onError(final Throwable throwable) {
            error = throwable;
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        void request() {
            subscription.request(1);
        }

        void cancel() {
            subscription.cancel();
        }
    }
}
