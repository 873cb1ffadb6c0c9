package io.embeddedkinesis.core.fanout;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.fanout.ConsumerStore.ConsumerMetadata;
import io.embeddedkinesis.core.fanout.ConsumerStore.StreamConsumers;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ConsumerDescription;
import io.embeddedkinesis.core.model.ConsumerStatus;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.RegisterStreamConsumerRequest;
import io.embeddedkinesis.core.model.StreamConsumerRequest;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.stream.ConsumerPolicies;
import io.embeddedkinesis.core.stream.ConsumerTags;
import io.embeddedkinesis.core.stream.RequestPatterns;
import io.embeddedkinesis.core.stream.Stream;
import io.embeddedkinesis.core.stream.StreamRegistry;
import io.embeddedkinesis.core.stream.StreamTags;
import org.agrona.concurrent.EpochClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Every enhanced fan-out consumer of a broker's streams: {@code RegisterStreamConsumer},
 * {@code DescribeStreamConsumer}, {@code DeregisterStreamConsumer}, the consumer side of {@code DeleteStream},
 * and consumer tags and resource policies, with Kinesis's rules: names of 1 to 128 {@code [a-zA-Z0-9_.-]},
 * unique within a stream; at most {@value #MAX_CONSUMERS_PER_STREAM} consumers per stream
 * ({@value #MAX_CONSUMERS_PER_ON_DEMAND_ADVANTAGE_STREAM} for an on-demand stream of an account with On-demand
 * Advantage) and {@value #MAX_CREATING_CONSUMERS} CREATING at once; CREATING, then ACTIVE after the configured delay;
 * DELETING once deregistered, then gone. Listing is {@link ConsumerListing}'s.
 *
 * <p>Consumers are kept on disk with their tags and resource policies ({@link ConsumerStore}), so they
 * survive a restart, and are removed with their stream. Deregistering a consumer or deleting its stream ends
 * its subscriptions, with the error {@link StreamConsumer#removal()} gives.
 *
 * <p>Texts: "is not in ACTIVE status" is the service's answer to {@code SubscribeToShard} (quoted in
 * awslabs/kinesis-hot-shard-advisor#37) and the {@code DeleteStream} refusal is the service's (quoted in
 * aws/aws-cli#3580 and elsewhere); the other messages were not found and are inferred from the service's
 * style, as the comments at each say.
 *
 * <p>Thread-safe: every change, and every lookup, is serialized by this object's lock. The lock may be held
 * while the stream registry's is taken (a stream deletion), never the other way round.
 */
public final class ConsumerRegistry implements ConsumerTags, ConsumerPolicies {
    /** The most consumers a provisioned or On-demand Standard stream may have, as in Kinesis. */
    public static final int MAX_CONSUMERS_PER_STREAM = 20;
    /**
     * The most consumers an on-demand stream may have while its account has On-demand Advantage (a minimum
     * throughput billing commitment, {@code UpdateAccountSettings}), as the enhanced fan-out guide gives it.
     */
    public static final int MAX_CONSUMERS_PER_ON_DEMAND_ADVANTAGE_STREAM = 50;
    /** The most consumers that may be CREATING at once, in all streams. */
    public static final int MAX_CREATING_CONSUMERS = 5;

    private static final SortedMap<String, StreamConsumer> NONE = Collections.emptySortedMap();
    private static final SortedMap<String, String> NONE_TAGS = Collections.emptySortedMap();

    private final StreamRegistry streams;
    private final ConsumerStore store;
    private final EpochClock clock;
    private final String accountId;
    private final String region;
    private final long creationDelayMs;
    private final long deletionDelayMs;
    /** By stream tag, each by name; maps are replaced whole. Guarded by this. */
    private final Map<Long, SortedMap<String, StreamConsumer>> byStream = new HashMap<>();

    /**
     * Restores the consumers found in the broker directory, dropping those whose stream is gone.
     *
     * @param brokerDirectory the broker directory.
     * @param streams         the streams.
     * @param config          the broker's configuration.
     */
    public ConsumerRegistry(final Path brokerDirectory, final StreamRegistry streams, final BrokerConfig config) {
        this.streams = streams;
        this.store = new ConsumerStore(brokerDirectory);
        this.clock = config.clock();
        this.accountId = config.accountId();
        this.region = config.region();
        this.creationDelayMs = config.consumerCreationDelayMs();
        this.deletionDelayMs = config.consumerDeletionDelayMs();
        restore();
    }

    private synchronized void restore() {
        final long nowMs = clock.time();
        for (final StreamConsumers file : store.loadAll()) {
            final Stream stream = streams.get(file.streamName());
            if (stream == null || stream.streamTag() != file.streamTag()) {
                store.delete(file.streamTag());
                continue;
            }
            final SortedMap<String, StreamConsumer> consumers = new TreeMap<>();
            if (file.consumers() == null || file.consumers().isEmpty()) {
                store.delete(file.streamTag());
                continue;
            }
            for (final ConsumerMetadata metadata : file.consumers()) {
                final StreamConsumer consumer = new StreamConsumer(metadata.consumerName(), stream.streamName(),
                    stream.streamArn(), stream.streamTag(), metadata.createdAtMs(), metadata.readyAtMs(),
                    Long.MAX_VALUE, sorted(metadata.tags() == null ? Map.of() : metadata.tags()));
                consumer.resourcePolicy(metadata.resourcePolicy());
                if (metadata.deleteAtMs() != Long.MAX_VALUE) {
                    consumer.deregister(metadata.deleteAtMs(), notActive(consumer));
                }
                consumers.put(consumer.consumerName(), consumer);
            }
            byStream.put(stream.streamTag(), Collections.unmodifiableSortedMap(consumers));
        }
        purge(nowMs);
    }

    /**
     * Registers a consumer with a stream ({@code RegisterStreamConsumer}).
     *
     * @param request the stream's ARN, the name and optional tags.
     * @return the consumer, CREATING unless the broker has no creation delay.
     */
    public Consumer register(final RegisterStreamConsumerRequest request) {
        final ValidationErrors errors = new ValidationErrors()
            .string("streamARN", request.streamARN(), true, RequestPatterns.STREAM_ARN,
                RequestPatterns.STREAM_ARN_TEXT, 1, 2048)
            .string("consumerName", request.consumerName(), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT,
                1, 128);
        StreamTags.checkTagMap(errors, request.tags(), false).throwIfAny();
        final Stream stream = streams.find(new StreamRequest(null, request.streamARN()));
        final String name = request.consumerName();
        synchronized (this) {
            final long nowMs = clock.time();
            purge(nowMs);
            if (streams.get(stream.streamName()) != stream || stream.deleteAtMs() != Long.MAX_VALUE
                || !stream.isReady(nowMs)) {
                // The text the service gives other operations on a stream that is not ACTIVE.
                throw new ResourceInUseException("Stream " + stream.streamName() + " under account " + accountId
                    + " is not ACTIVE.");
            }
            final SortedMap<String, StreamConsumer> consumers = byStream.getOrDefault(stream.streamTag(), NONE);
            if (consumers.containsKey(name)) {
                // Inferred: the service's "already exists" text for streams, said of the consumer.
                throw new ResourceInUseException("Consumer " + name + " under stream " + stream.streamName()
                    + " and account " + accountId + " already exists.");
            }
            checkLimits(stream, consumers, nowMs);
            final SortedMap<String, String> tags = request.tags() == null ? NONE_TAGS
                : sorted(StreamTags.initialConsumerTags(name, accountId, request.tags()));
            final StreamConsumer consumer = new StreamConsumer(name, stream.streamName(), stream.streamArn(),
                stream.streamTag(), nowMs, nowMs + creationDelayMs, Long.MAX_VALUE, tags);
            final SortedMap<String, StreamConsumer> changed = new TreeMap<>(consumers);
            changed.put(name, consumer);
            replace(stream.streamTag(), stream.streamName(), changed);
            return consumer.toConsumer(nowMs);
        }
    }

    /** Kinesis documents both limits; no sample of their texts was found, so these are inferred. */
    private void checkLimits(final Stream stream, final Map<String, StreamConsumer> consumers, final long nowMs) {
        final int limit = stream.streamMode() == StreamMode.ON_DEMAND && streams.account().isCommitted()
            ? MAX_CONSUMERS_PER_ON_DEMAND_ADVANTAGE_STREAM : MAX_CONSUMERS_PER_STREAM;
        if (consumers.size() >= limit) {
            throw new LimitExceededException("This request would exceed the limit of " + limit
                + " consumers for stream " + stream.streamName() + " under account " + accountId + ".");
        }
        int creating = 0;
        for (final SortedMap<String, StreamConsumer> each : byStream.values()) {
            for (final StreamConsumer consumer : each.values()) {
                creating += consumer.status(nowMs) == ConsumerStatus.CREATING ? 1 : 0;
            }
        }
        if (creating >= MAX_CREATING_CONSUMERS) {
            throw new LimitExceededException("This request would exceed the limit of " + MAX_CREATING_CONSUMERS
                + " consumers in CREATING status for the account " + accountId + " in " + region + ".");
        }
    }

    /**
     * Describes a consumer ({@code DescribeStreamConsumer}).
     *
     * @param request the consumer's ARN, or its stream's ARN and its name.
     * @return the consumer and its stream's ARN.
     */
    public synchronized ConsumerDescription describe(final StreamConsumerRequest request) {
        final long nowMs = clock.time();
        purge(nowMs);
        return find(request).describe(nowMs);
    }

    /**
     * Deregisters a consumer ({@code DeregisterStreamConsumer}): it is DELETING for the configured delay and
     * then gone, and its subscriptions end at once.
     *
     * @param request the consumer's ARN, or its stream's ARN and its name.
     */
    public synchronized void deregister(final StreamConsumerRequest request) {
        final long nowMs = clock.time();
        purge(nowMs);
        final StreamConsumer consumer = find(request);
        if (consumer.deleteAtMs() != Long.MAX_VALUE) {
            throw notActive(consumer);
        }
        if (deletionDelayMs == 0) {
            final SortedMap<String, StreamConsumer> changed =
                new TreeMap<>(byStream.getOrDefault(consumer.streamTag(), NONE));
            changed.remove(consumer.consumerName());
            replace(consumer.streamTag(), consumer.streamName(), changed);
            consumer.deregister(nowMs, notFound(consumer));
            return;
        }
        consumer.deregister(nowMs + deletionDelayMs, notActive(consumer));
        replace(consumer.streamTag(), consumer.streamName(), byStream.get(consumer.streamTag()));
    }

    /**
     * Deletes a stream, with its consumers if the request enforces it ({@code DeleteStream}); their
     * subscriptions end with the stream's not-found error.
     *
     * @param request the stream, and whether to deregister its consumers.
     * @throws ResourceInUseException if the stream has consumers and the request does not enforce their deletion.
     */
    public synchronized void deleteStream(final DeleteStreamRequest request) {
        StreamRegistry.validate(request.stream());
        final Stream stream = streams.find(request.stream());
        purge(clock.time());
        final SortedMap<String, StreamConsumer> consumers = byStream.getOrDefault(stream.streamTag(), NONE);
        if (!consumers.isEmpty() && !Boolean.TRUE.equals(request.enforceConsumerDeletion())) {
            throw new ResourceInUseException("DeleteStream can\u2019t delete " + accountId + ":" + stream.streamName()
                + " because there are consumers associated with this data stream. To delete " + stream.streamName()
                + " anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the"
                + " consumers that are associated with it.");
        }
        streams.delete(request.stream());
        if (!consumers.isEmpty()) {
            for (final StreamConsumer consumer : consumers.values()) {
                consumer.deregister(clock.time(), streams.notFound(stream.streamName()));
            }
            byStream.remove(stream.streamTag());
            store.delete(stream.streamTag());
        }
    }

    /**
     * How many consumers a stream has, DELETING ones included, as {@code DescribeStreamSummary} counts them.
     *
     * @param stream the stream.
     * @return the count.
     */
    public synchronized int consumerCount(final Stream stream) {
        purge(clock.time());
        return byStream.getOrDefault(stream.streamTag(), NONE).size();
    }

    /**
     * A stream's consumers, by name, for {@link ConsumerListing}.
     *
     * @param stream the stream.
     * @return the consumers, an immutable snapshot.
     */
    synchronized List<StreamConsumer> consumersOf(final Stream stream) {
        purge(clock.time());
        return List.copyOf(byStream.getOrDefault(stream.streamTag(), NONE).values());
    }

    /**
     * The consumer a {@code SubscribeToShard} names, which must be ACTIVE.
     *
     * @param consumerArn the consumer's ARN, valid by the model.
     * @return the consumer.
     * @throws ResourceNotFoundException if there is no such consumer or stream.
     * @throws ResourceInUseException    if the consumer is not ACTIVE.
     */
    synchronized StreamConsumer activeConsumer(final String consumerArn) {
        final long nowMs = clock.time();
        purge(nowMs);
        final StreamConsumer consumer = byArn(consumerArn);
        if (consumer.status(nowMs) != ConsumerStatus.ACTIVE) {
            throw notActive(consumer);
        }
        return consumer;
    }

    @Override
    public synchronized Map<String, String> tagsOf(final String consumerArn) {
        purge(clock.time());
        return byArn(consumerArn).tags();
    }

    @Override
    public synchronized void updateTags(final String consumerArn, final UnaryOperator<Map<String, String>> change) {
        purge(clock.time());
        final StreamConsumer consumer = byArn(consumerArn);
        final SortedMap<String, String> previous = consumer.tags();
        consumer.tags(sorted(change.apply(previous)));
        try {
            replace(consumer.streamTag(), consumer.streamName(), byStream.get(consumer.streamTag()));
        } catch (final RuntimeException ex) {
            consumer.tags(previous);
            throw ex;
        }
    }

    @Override
    public synchronized String policyOf(final String consumerArn) {
        purge(clock.time());
        return byArn(consumerArn).resourcePolicy();
    }

    @Override
    public synchronized void updatePolicy(final String consumerArn, final UnaryOperator<String> change) {
        purge(clock.time());
        final StreamConsumer consumer = byArn(consumerArn);
        final String previous = consumer.resourcePolicy();
        final String changed = change.apply(previous);
        if (Objects.equals(changed, previous)) {
            return;
        }
        consumer.resourcePolicy(changed);
        try {
            replace(consumer.streamTag(), consumer.streamName(), byStream.get(consumer.streamTag()));
        } catch (final RuntimeException ex) {
            consumer.resourcePolicy(previous);
            throw ex;
        }
    }

    private StreamConsumer find(final StreamConsumerRequest request) {
        new ValidationErrors()
            .string("streamARN", request.streamARN(), false, RequestPatterns.STREAM_ARN,
                RequestPatterns.STREAM_ARN_TEXT, 1, 2048)
            .string("consumerName", request.consumerName(), false, RequestPatterns.NAME, RequestPatterns.NAME_TEXT,
                1, 128)
            .string("consumerARN", request.consumerARN(), false, RequestPatterns.CONSUMER_ARN,
                RequestPatterns.CONSUMER_ARN_TEXT, 1, 2048)
            .throwIfAny();
        if (request.consumerARN() != null) {
            final StreamConsumer consumer = byArn(request.consumerARN());
            if (request.streamARN() != null && !request.streamARN().equals(ConsumerArn.parse(
                request.consumerARN()).streamArn())
                || request.consumerName() != null && !request.consumerName().equals(consumer.consumerName())) {
                // Inferred, after the service's words for a StreamARN and a StreamName that disagree.
                throw new InvalidArgumentException("ConsumerARN " + request.consumerARN() + " does not refer to the"
                    + " consumer named by StreamARN and ConsumerName.");
            }
            return consumer;
        }
        if (request.streamARN() == null || request.consumerName() == null) {
            // Inferred, after the service's "Either StreamName or StreamARN must be provided."
            throw new InvalidArgumentException("Either ConsumerARN or both StreamARN and ConsumerName must be"
                + " provided.");
        }
        final Stream stream = streams.find(new StreamRequest(null, request.streamARN()));
        final StreamConsumer consumer = byStream.getOrDefault(stream.streamTag(), NONE).get(request.consumerName());
        if (consumer == null) {
            // Inferred, as the texts below.
            throw new ResourceNotFoundException("Consumer " + request.consumerName() + " under stream "
                + stream.streamName() + " and account " + accountId + " not found.");
        }
        return consumer;
    }

    private StreamConsumer byArn(final String consumerArn) {
        final ConsumerArn arn = ConsumerArn.parse(consumerArn);
        if (arn == null || !RequestPatterns.STREAM_ARN.matcher(arn.streamArn()).matches()) {
            throw new ResourceNotFoundException("Consumer " + consumerArn + " under account " + accountId
                + " not found.");
        }
        final Stream stream = streams.find(new StreamRequest(null, arn.streamArn()));
        final StreamConsumer consumer = byStream.getOrDefault(stream.streamTag(), NONE).get(arn.consumerName());
        if (consumer == null || consumer.creationEpochSeconds() != arn.creationEpochSeconds()) {
            throw new ResourceNotFoundException("Consumer " + arn.consumerName() + " with creation timestamp "
                + arn.creationEpochSeconds() + " under stream " + stream.streamName() + " and account " + accountId
                + " not found.");
        }
        return consumer;
    }

    private ResourceNotFoundException notFound(final StreamConsumer consumer) {
        return new ResourceNotFoundException("Consumer " + consumer.consumerName() + " with creation timestamp "
            + consumer.creationEpochSeconds() + " under stream " + consumer.streamName() + " and account "
            + accountId + " not found.");
    }

    private ResourceInUseException notActive(final StreamConsumer consumer) {
        return new ResourceInUseException("Consumer " + consumer.consumerName() + " with creation timestamp "
            + consumer.creationEpochSeconds() + " under stream: " + consumer.streamName() + " , account "
            + accountId + " is not in ACTIVE status.");
    }

    /**
     * Forgets consumers whose deregistration is due, and those of streams that are gone (deleted other than
     * through {@link #deleteStream}); persists what changed.
     */
    private void purge(final long nowMs) {
        final Iterator<Map.Entry<Long, SortedMap<String, StreamConsumer>>> entries = byStream.entrySet().iterator();
        final List<SortedMap<String, StreamConsumer>> changed = new ArrayList<>();
        while (entries.hasNext()) {
            final SortedMap<String, StreamConsumer> consumers = entries.next().getValue();
            final StreamConsumer any = consumers.values().iterator().next();
            final Stream stream = streams.get(any.streamName());
            if (stream == null || stream.streamTag() != any.streamTag()) {
                final KinesisException gone = streams.notFound(any.streamName());
                consumers.values().forEach(consumer -> consumer.deregister(nowMs, gone));
                entries.remove();
                store.delete(any.streamTag());
                continue;
            }
            if (consumers.values().stream().anyMatch(consumer -> consumer.deleteAtMs() <= nowMs)) {
                changed.add(consumers);
            }
        }
        for (final SortedMap<String, StreamConsumer> consumers : changed) {
            final SortedMap<String, StreamConsumer> kept = new TreeMap<>();
            consumers.forEach((name, consumer) -> {
                if (consumer.deleteAtMs() > nowMs) {
                    kept.put(name, consumer);
                }
            });
            final StreamConsumer any = consumers.values().iterator().next();
            replace(any.streamTag(), any.streamName(), kept);
        }
    }

    /** Persists a stream's consumers, then makes them current; an empty map removes the stream's entry. */
    private void replace(final long streamTag, final String streamName, final SortedMap<String, StreamConsumer> next) {
        final List<ConsumerMetadata> metadata = new ArrayList<>(next.size());
        for (final StreamConsumer consumer : next.values()) {
            metadata.add(new ConsumerMetadata(consumer.consumerName(), consumer.createdAtMs(), consumer.readyAtMs(),
                consumer.deleteAtMs(), consumer.tags(), consumer.resourcePolicy()));
        }
        store.save(new StreamConsumers(StreamConsumers.FORMAT_VERSION, streamName, streamTag, metadata));
        if (next.isEmpty()) {
            byStream.remove(streamTag);
        } else {
            byStream.put(streamTag, Collections.unmodifiableSortedMap(new TreeMap<>(next)));
        }
    }

    private static SortedMap<String, String> sorted(final Map<String, String> tags) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }
}
