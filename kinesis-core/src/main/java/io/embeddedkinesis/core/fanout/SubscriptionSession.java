package io.embeddedkinesis.core.fanout;

import io.embeddedkinesis.core.consumer.RecordBatch;
import io.embeddedkinesis.core.consumer.RecordFetcher;
import io.embeddedkinesis.core.consumer.ShardReads;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.log.LogClosedException;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.model.ChildShard;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import io.embeddedkinesis.core.shard.StoredShard;
import io.embeddedkinesis.core.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code SubscribeToShard} subscription: the publisher its caller subscribes to, the
 * {@link Flow.Subscription} its subscriber requests events through, and the state machine the dispatcher
 * drives ({@link #doWork(long)}) to read the shard and push events.
 *
 * <p>An event is read from the log only when the subscriber has asked for one, so a slow subscriber leaves
 * the records in the log rather than in memory: the subscription holds at most the one event being handed
 * over. An event carries what arrived since the previous one, up to 10,000 records and a second's worth of
 * the consumer's read limit (a larger single record goes alone), and a pass of the dispatcher pushes at most
 * one event per subscription, so that subscriptions share the dispatcher fairly. With nothing to push for
 * {@value #IDLE_PUSH_MS} ms the subscription pushes an event without records, as Kinesis does, so that its
 * continuation sequence number can be checkpointed. It completes at the end of its lifetime, when another
 * subscription of its consumer takes the shard over, or after the event that carries a closed shard's
 * children; it fails with the Kinesis error when its consumer or stream goes away or its shard expires.
 *
 * <p>Threads: {@link #subscribe}, {@link #request} and {@link #cancel} may be called from any thread (they
 * only set fields and wake the dispatcher); every signal to the subscriber ({@code onNext},
 * {@code onComplete}, {@code onError}) comes from the dispatcher's thread, one at a time, after
 * {@code onSubscribe}, which comes from the thread that subscribed.
 */
final class SubscriptionSession implements Flow.Publisher<SubscribeToShardEvent>, Flow.Subscription {
    /** How long a subscription stays silent before it pushes an event without records. */
    static final long IDLE_PUSH_MS = 5_000L;

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSession.class);
    private static final VarHandle SUBSCRIBER;

    static {
        try {
            SUBSCRIBER = MethodHandles.lookup().findVarHandle(SubscriptionSession.class, "subscriber",
                Flow.Subscriber.class);
        } catch (final ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Where a subscription stands; moved on by the dispatcher only. */
    private enum State {
        /** Pushing events as they are asked for. */
        ACTIVE,
        /** Completed, failed or cancelled: the dispatcher drops it. */
        DONE
    }

    private final ShardSubscriptions owner;
    private final SubscriptionLease lease;
    private final Stream stream;
    private final StoredShard shard;
    private final long endAtMs;
    private final long maxEventBytes;
    private final AtomicLong demand = new AtomicLong();
    @SuppressWarnings("unused") // set through SUBSCRIBER
    private volatile Flow.Subscriber<? super SubscribeToShardEvent> subscriber;
    private volatile boolean cancelled;
    private volatile long invalidRequest;
    private State state = State.ACTIVE;
    private long position;
    private long lastPushMs;

    SubscriptionSession(final ShardSubscriptions owner, final SubscriptionLease lease, final Stream stream,
        final StoredShard shard, final long position, final long nowMs, final long lifetimeMs) {
        this.owner = owner;
        this.lease = lease;
        this.stream = stream;
        this.shard = shard;
        this.position = position;
        this.lastPushMs = nowMs;
        this.endAtMs = nowMs + lifetimeMs;
        this.maxEventBytes = Math.min(stream.shardLimits().readBytesPerSecond(), RecordFetcher.MAX_BYTES_PER_CALL);
    }

    /**
     * Takes the one subscriber this subscription pushes to; a second one is refused with an error.
     *
     * @param subscriber the subscriber.
     */
    @Override
    public void subscribe(final Flow.Subscriber<? super SubscribeToShardEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!SUBSCRIBER.compareAndSet(this, null, subscriber)) {
            subscriber.onSubscribe(Refused.INSTANCE);
            subscriber.onError(new IllegalStateException("a SubscribeToShard subscription takes one subscriber;"
                + " call SubscribeToShard again for another"));
            return;
        }
        subscriber.onSubscribe(this);
        owner.attach(this);
    }

    @Override
    public void request(final long n) {
        if (n <= 0) {
            invalidRequest = n;
        } else {
            demand.accumulateAndGet(n, SubscriptionSession::cappedSum);
        }
        owner.wake();
    }

    private static long cappedSum(final long a, final long b) {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public void cancel() {
        cancelled = true;
        owner.wake();
    }

    /** The lease this subscription belongs to. */
    SubscriptionLease lease() {
        return lease;
    }

    boolean isDone() {
        return state == State.DONE;
    }

    /**
     * One step of the dispatcher: ends the subscription if its time, its consumer or its shard is up, else
     * pushes at most one event, if one was asked for and there is something to push.
     *
     * @param nowMs the current time.
     * @return 1 if something was done, else 0.
     */
    int doWork(final long nowMs) {
        if (state == State.DONE) {
            return 0;
        }
        if (cancelled) {
            return drop();
        }
        final KinesisException removal = lease.consumer().removal();
        if (removal != null) {
            return fail(removal);
        }
        if (invalidRequest != 0) {
            return fail(new IllegalArgumentException("Flow.Subscription.request needs a positive number (rule"
                + " 3.9): n=" + invalidRequest));
        }
        if (stream.shard(shard.id().index()) != shard || stream.isExpired(shard, nowMs)) {
            return fail(owner.shardNotFound(stream, shard.shardId()));
        }
        if (lease.current() != this || nowMs >= endAtMs) {
            return complete();
        }
        if (demand.get() == 0) {
            return 0;
        }
        try {
            final boolean idlePushDue = nowMs - lastPushMs >= IDLE_PUSH_MS;
            if (position >= shard.log().endPosition() && shard.closure() == null && !idlePushDue) {
                return 0;
            }
            if (!lease.limiter().tryAcquireCall(nowMs)) {
                return 0;
            }
            return push(nowMs, idlePushDue);
        } catch (final LogClosedException deletedMeanwhile) {
            return fail(owner.shardNotFound(stream, shard.shardId()));
        } catch (final KinesisException ex) {
            return fail(ex);
        } catch (final RuntimeException ex) {
            return fail(new InternalFailureException("Internal service failure.", ex));
        }
    }

    private int push(final long nowMs, final boolean idlePushDue) {
        final RecordBatch batch = ShardReads.read(shard, position, RecordFetcher.MAX_RECORDS_PER_CALL,
            maxEventBytes, stream.trimHorizonMs(nowMs));
        if (batch.reachedEndOf(shard)) {
            final List<ChildShard> children = ShardReads.childShards(stream, shard);
            if (children.isEmpty()) {
                // The resharder seals a parent a moment before it publishes the children: look again, without
                // charging the consumer's read limit for a read nobody receives.
                return 0;
            }
            lease.limiter().onBytesRead(batch.bytes());
            if (deliver(new SubscribeToShardEvent(batch.records(), null, 0, children))) {
                return complete();
            }
            return drop();
        }
        lease.limiter().onBytesRead(batch.bytes());
        if (batch.records().isEmpty() && !idlePushDue) {
            return 0;
        }
        position = batch.nextPosition();
        lastPushMs = nowMs;
        if (!deliver(new SubscribeToShardEvent(batch.records(), continuation(),
            batch.millisBehindLatest(shard, nowMs), List.of()))) {
            return drop();
        }
        return 1;
    }

    /**
     * Where a new subscription continues, {@code AFTER_SEQUENCE_NUMBER}: the number just before the next read,
     * which is the last record read, or, while nothing has been read from the shard's start, the shard's
     * starting sequence number.
     */
    private SequenceNumber continuation() {
        return position > shard.startingPosition() ? shard.sequenceNumber(position - 1)
            : shard.startingSequenceNumber();
    }

    /**
     * Hands an event over, taking one unit of demand; false if the subscriber threw, which cancels. Any
     * {@code Throwable} counts (an {@code AssertionError} in a test's subscriber, say): it must not reach the
     * dispatcher's thread, which serves every other subscription.
     */
    private boolean deliver(final SubscribeToShardEvent event) {
        if (demand.get() != Long.MAX_VALUE) {
            demand.decrementAndGet();
        }
        try {
            subscriber.onNext(event);
            return true;
        } catch (final Throwable ex) {
            // Rule 2.13: a subscriber that throws is treated as cancelled; nothing else can be told.
            LOG.warn("A SubscribeToShard subscriber of {} {} threw from onNext; its subscription is cancelled",
                stream.streamName(), shard.shardId(), ex);
            return false;
        }
    }

    /** Ends the subscription without a signal: cancelled, or its subscriber threw. */
    private int drop() {
        state = State.DONE;
        owner.ended(this);
        return 1;
    }

    /**
     * Completes the subscription, unless it has ended already: the broker is closing.
     */
    void end() {
        if (state != State.DONE) {
            complete();
        }
    }

    private int complete() {
        state = State.DONE;
        try {
            subscriber.onComplete();
        } catch (final Throwable ex) {
            LOG.warn("A SubscribeToShard subscriber threw from onComplete", ex);
        }
        owner.ended(this);
        return 1;
    }

    /**
     * Ends the subscription with an error.
     *
     * @param error what the subscriber is told.
     * @return 1, the work done.
     */
    int fail(final Throwable error) {
        if (state == State.DONE) {
            return 0;
        }
        state = State.DONE;
        try {
            subscriber.onError(error);
        } catch (final Throwable ex) {
            LOG.warn("A SubscribeToShard subscriber threw from onError", ex);
        }
        owner.ended(this);
        return 1;
    }

    /** The subscription handed to a second subscriber, which is refused at once. */
    private enum Refused implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(final long n) {
            // Nothing will ever be pushed to a refused subscriber.
        }

        @Override
        public void cancel() {
            // Nothing to cancel: the refused subscriber was never attached.
        }
    }
}
