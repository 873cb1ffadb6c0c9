package io.embeddedkinesis.core.fanout;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.consumer.ShardReads;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.DryRunOperationException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.log.LogClosedException;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import io.embeddedkinesis.core.model.SubscribeToShardRequest;
import io.embeddedkinesis.core.shard.ShardId;
import io.embeddedkinesis.core.shard.StoredShard;
import io.embeddedkinesis.core.stream.RequestPatterns;
import io.embeddedkinesis.core.stream.Stream;
import io.embeddedkinesis.core.stream.StreamRegistry;
import io.embeddedkinesis.core.throttle.ShardReadLimiter;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * {@code SubscribeToShard}: enhanced fan-out's push subscriptions, each a {@link Flow.Publisher} of
 * {@link SubscribeToShardEvent}s for one consumer and one shard, with Kinesis's rules: the consumer must be
 * ACTIVE; a subscription lasts 5 minutes (the configured lifetime) and then completes; a second subscription
 * of the same consumer to the same shard within 5 seconds of the last is refused with
 * {@code ResourceInUseException}, a later one takes over and the earlier one completes; each consumer reads
 * each shard at its own 2 MiB/s (the stream's per-shard read rate), shared with no other reader.
 *
 * <p><b>Thread model.</b> One dispatcher thread per broker, {@code kinesis-fanout}, an Agrona agent
 * ({@link FanOutAgent}) started by the first subscription and stopped when the broker closes, serves every
 * subscription: it reads the shards and calls every subscriber's {@code onNext}, {@code onComplete} and
 * {@code onError}. So subscribers must not block in those callbacks (hand the event to another thread if its
 * processing is slow); {@code request(n)} from a callback is fine. One thread suffices because a push costs
 * a log read of records already in memory-mapped files, and it keeps each subscription's signals in order
 * without locks. The write path wakes it through each shard's {@link io.embeddedkinesis.core.shard.AppendSignal},
 * which costs a put one volatile read while nobody subscribes; the dispatcher spins and yields a little
 * after each push and then parks ({@link SignalledIdleStrategy}) until the next signal, or at most a
 * millisecond, which is when the time-driven rules (lifetimes, read limits refilling) are looked at again.
 * Time comes from the broker's clock, so tests move lifetimes and limits without sleeping.
 *
 * <p>Backpressure: records are read from the log only on demand ({@code request(n)}), one event per unit, so a
 * slow subscriber costs no memory: its records wait in the shard's log.
 *
 * <p>Thread-safe; subscribing is serialized by this object's lock.
 */
public final class ShardSubscriptions implements AutoCloseable {
    /** How long after a subscription another one of the same consumer and shard is refused. */
    public static final long TAKEOVER_AFTER_MS = 5_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ShardSubscriptions.class);

    private final ConsumerRegistry consumers;
    private final StreamRegistry streams;
    private final EpochClock clock;
    private final String accountId;
    private final long lifetimeMs;
    private final SignalledIdleStrategy idle = new SignalledIdleStrategy();
    private final FanOutAgent agent;
    private final Map<String, SubscriptionLease> leases = new ConcurrentHashMap<>();
    private AgentRunner runner;
    private boolean closed;

    /**
     * @param consumers the consumers.
     * @param streams   the streams.
     * @param config    the broker's configuration: its clock, account and subscription lifetime.
     */
    public ShardSubscriptions(final ConsumerRegistry consumers, final StreamRegistry streams,
        final BrokerConfig config) {
        this.consumers = consumers;
        this.streams = streams;
        this.clock = config.clock();
        this.accountId = config.accountId();
        this.lifetimeMs = config.subscriptionLifetimeMs();
        this.agent = new FanOutAgent(clock, idle);
    }

    /**
     * Subscribes a consumer to a shard. Everything about the request is checked now, and a refusal is thrown;
     * once this returns, errors reach the subscriber as {@code onError}.
     *
     * @param request the consumer's ARN, the shard and where to start.
     * @return the subscription's publisher, which takes one subscriber.
     */
    public Flow.Publisher<SubscribeToShardEvent> subscribeToShard(final SubscribeToShardRequest request) {
        return subscribeToShard(request, false);
    }

    /**
     * Checks a subscription as {@link #subscribeToShard(SubscribeToShardRequest)} does, the consumer's
     * subscription in the last 5 seconds included, without subscribing or taking the shard over.
     *
     * @param request the consumer, the shard and where to start.
     * @throws DryRunOperationException if every check passed; otherwise the error the subscription would raise.
     */
    public void dryRunSubscribeToShard(final SubscribeToShardRequest request) {
        subscribeToShard(request, true);
    }

    private Flow.Publisher<SubscribeToShardEvent> subscribeToShard(final SubscribeToShardRequest request,
        final boolean dryRun) {
        final StartingPosition start = request.startingPosition();
        final ValidationErrors errors = new ValidationErrors()
            .string("consumerARN", request.consumerARN(), true, RequestPatterns.CONSUMER_ARN,
                RequestPatterns.CONSUMER_ARN_TEXT, 1, 2048)
            .string("shardId", request.shardId(), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1, 128)
            .notNull("startingPosition", start != null);
        if (start != null) {
            errors.notNull("startingPosition.type", start.type() != null)
                .string("startingPosition.sequenceNumber", start.sequenceNumber(), false,
                    RequestPatterns.SEQUENCE_NUMBER, RequestPatterns.SEQUENCE_NUMBER_TEXT, 0, Integer.MAX_VALUE);
        }
        errors.throwIfAny();
        final StreamConsumer consumer = consumers.activeConsumer(request.consumerARN());
        final Stream stream = streams.get(consumer.streamName());
        if (stream == null || stream.streamTag() != consumer.streamTag()) {
            throw streams.notFound(consumer.streamName());
        }
        final long nowMs = clock.time();
        final ShardId shardId = ShardId.tryParse(request.shardId());
        final StoredShard shard = shardId == null ? null : stream.shard(shardId.index());
        if (shard == null || !stream.isReady(nowMs) || stream.isExpired(shard, nowMs)) {
            throw shardNotFound(stream, request.shardId());
        }
        final long position = startingPosition(start, stream, shard, nowMs);
        if (dryRun) {
            ensureNotInUse(consumer, stream, shard, nowMs);
            throw DryRunOperationException.passed();
        }
        return lease(consumer, stream, shard, position, nowMs);
    }

    private long startingPosition(final StartingPosition start, final Stream stream, final StoredShard shard,
        final long nowMs) {
        final boolean bySequence = start.type() == ShardIteratorType.AT_SEQUENCE_NUMBER
            || start.type() == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        if (bySequence != (start.sequenceNumber() != null)) {
            // Inferred: GetShardIterator's text for the same mistake, with this operation's member names.
            throw new InvalidArgumentException("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER"
                + " and SequenceNumber or (2) TRIM_HORIZON, LATEST or AT_TIMESTAMP and no SequenceNumber. Request"
                + " specified " + start.type() + " and " + (bySequence ? "no" : "also a") + " SequenceNumber.");
        }
        try {
            final long position = ShardReads.position("SubscribeToShard", start.type(), start.sequenceNumber(),
                start.timestamp(), stream, shard, nowMs, accountId);
            // Continuation sequence numbers name the position before the next read: never before the shard.
            return Math.max(position, shard.startingPosition());
        } catch (final LogClosedException deletedMeanwhile) {
            throw shardNotFound(stream, shard.shardId());
        }
    }

    private synchronized SubscriptionSession lease(final StreamConsumer consumer, final Stream stream,
        final StoredShard shard, final long position, final long nowMs) {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        // Leases of consumers deregistered (or deleted with their stream) while not subscribed are forgotten
        // here, as nothing else would end them.
        leases.values().removeIf(held -> held.consumer().removal() != null && held.current() == null);
        ensureNotInUse(consumer, stream, shard, nowMs);
        final String key = leaseKey(consumer, shard);
        SubscriptionLease lease = leases.get(key);
        if (lease == null || lease.consumer() != consumer) {
            final ShardLimits ownLimit = new ShardLimits(ShardLimits.UNLIMITED, ShardLimits.UNLIMITED,
                stream.shardLimits().readBytesPerSecond(), ShardLimits.UNLIMITED);
            lease = new SubscriptionLease(consumer, ShardReadLimiter.forSubscription(ownLimit, nowMs));
            leases.put(key, lease);
        }
        final SubscriptionSession session =
            new SubscriptionSession(this, lease, stream, shard, position, nowMs, lifetimeMs);
        lease.takeOver(session, nowMs);
        shard.appendSignal(idle);
        startDispatcher();
        idle.signal();
        return session;
    }

    /** Refuses a subscription within 5 seconds of the consumer's last one to the shard. */
    private synchronized void ensureNotInUse(final StreamConsumer consumer, final Stream stream,
        final StoredShard shard, final long nowMs) {
        final SubscriptionLease lease = leases.get(leaseKey(consumer, shard));
        if (lease != null && lease.consumer() == consumer && nowMs - lease.subscribedAtMs() < TAKEOVER_AFTER_MS) {
            // The service's text, as quoted by Databricks' knowledge base and several issue trackers.
            throw new ResourceInUseException("Another active subscription exists for this consumer: " + accountId
                + ":" + stream.streamName() + ":" + shard.shardId() + ":" + consumer.consumerName());
        }
    }

    private static String leaseKey(final StreamConsumer consumer, final StoredShard shard) {
        return consumer.consumerArn() + '|' + shard.shardId();
    }

    private void startDispatcher() {
        if (runner != null) {
            return;
        }
        runner = new AgentRunner(idle, error -> LOG.warn("The fan-out dispatcher failed; it goes on", error),
            null, agent);
        AgentRunner.startOnThread(runner, task -> {
            final Thread thread = new Thread(task, "kinesis-fanout");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Hands a subscription that has its subscriber to the dispatcher; after the broker closed, completes it.
     *
     * @param session the subscription.
     */
    void attach(final SubscriptionSession session) {
        synchronized (this) {
            if (!closed) {
                agent.add(session);
                return;
            }
        }
        session.end();
    }

    /** Wakes the dispatcher: a subscription changed from outside (demand, cancellation, takeover). */
    void wake() {
        idle.signal();
    }

    /** Lets go of a subscription that ended, and forgets its lease if its consumer is gone. */
    void ended(final SubscriptionSession session) {
        final SubscriptionLease lease = session.lease();
        lease.release(session);
        if (lease.consumer().removal() != null) {
            leases.values().remove(lease);
        }
    }

    /**
     * The error for a shard a subscription cannot read: missing, expired, or deleted with its stream.
     *
     * @param stream  the stream.
     * @param shardId the shard's id as the caller gave it.
     * @return the exception, worded as {@code GetShardIterator}'s.
     */
    ResourceNotFoundException shardNotFound(final Stream stream, final String shardId) {
        return new ResourceNotFoundException("Shard " + shardId + " in stream " + stream.streamName()
            + " under account " + accountId + " does not exist");
    }

    /**
     * Stops the dispatcher; every live subscription completes (subscribing again then fails, as every call to a
     * closed broker does). Idempotent.
     */
    @Override
    public void close() {
        final AgentRunner stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = runner;
        }
        if (stopping != null) {
            stopping.close();
        }
    }
}
