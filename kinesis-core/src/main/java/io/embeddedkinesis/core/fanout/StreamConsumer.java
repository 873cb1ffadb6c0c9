package io.embeddedkinesis.core.fanout;

import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ConsumerDescription;
import io.embeddedkinesis.core.model.ConsumerStatus;

import java.time.Instant;
import java.util.SortedMap;

/**
 * A registered enhanced fan-out consumer as the broker holds it.
 *
 * <p>Like a stream's, its status is derived from the clock rather than stored: CREATING until its ready
 * time, DELETING once it was deregistered with a deletion delay, ACTIVE otherwise. Once it is gone, its
 * {@link #removal()} says why, in the words its subscriptions end with.
 *
 * <p>Thread-safe: what changes is volatile and replaced whole; changes are made under the
 * {@link ConsumerRegistry}'s lock.
 */
final class StreamConsumer {
    private final String consumerName;
    private final String consumerArn;
    private final String streamName;
    private final String streamArn;
    private final long streamTag;
    private final long createdAtMs;
    private final long readyAtMs;
    private volatile long deleteAtMs;
    private volatile SortedMap<String, String> tags;
    private volatile String resourcePolicy;
    private volatile KinesisException removal;

    StreamConsumer(final String consumerName, final String streamName, final String streamArn, final long streamTag,
        final long createdAtMs, final long readyAtMs, final long deleteAtMs, final SortedMap<String, String> tags) {
        this.consumerName = consumerName;
        this.consumerArn = ConsumerArn.of(streamArn, consumerName, createdAtMs);
        this.streamName = streamName;
        this.streamArn = streamArn;
        this.streamTag = streamTag;
        this.createdAtMs = createdAtMs;
        this.readyAtMs = readyAtMs;
        this.deleteAtMs = deleteAtMs;
        this.tags = tags;
    }

    String consumerName() {
        return consumerName;
    }

    String consumerArn() {
        return consumerArn;
    }

    String streamName() {
        return streamName;
    }

    long streamTag() {
        return streamTag;
    }

    long createdAtMs() {
        return createdAtMs;
    }

    long readyAtMs() {
        return readyAtMs;
    }

    /** When a deregistration completes, or {@link Long#MAX_VALUE} if the consumer was not deregistered. */
    long deleteAtMs() {
        return deleteAtMs;
    }

    /** The creation time the ARN carries: epoch seconds. */
    long creationEpochSeconds() {
        return createdAtMs / 1000;
    }

    ConsumerStatus status(final long nowMs) {
        if (deleteAtMs != Long.MAX_VALUE) {
            return ConsumerStatus.DELETING;
        }
        return nowMs < readyAtMs ? ConsumerStatus.CREATING : ConsumerStatus.ACTIVE;
    }

    SortedMap<String, String> tags() {
        return tags;
    }

    void tags(final SortedMap<String, String> changed) {
        this.tags = changed;
    }

    /** The consumer's resource policy as it was put, or null if it has none. */
    String resourcePolicy() {
        return resourcePolicy;
    }

    void resourcePolicy(final String changed) {
        this.resourcePolicy = changed;
    }

    /**
     * Marks the consumer deregistered: DELETING until a time, its subscriptions ended with an error.
     *
     * @param atMs   when it is gone.
     * @param reason what its subscriptions end with.
     */
    void deregister(final long atMs, final KinesisException reason) {
        this.deleteAtMs = atMs;
        this.removal = reason;
    }

    /**
     * Why the consumer can no longer read, once it was deregistered or its stream deleted.
     *
     * @return the error its subscriptions end with, or null while it may read.
     */
    KinesisException removal() {
        return removal;
    }

    Consumer toConsumer(final long nowMs) {
        return new Consumer(consumerName, consumerArn, status(nowMs), Instant.ofEpochMilli(createdAtMs));
    }

    ConsumerDescription describe(final long nowMs) {
        return new ConsumerDescription(consumerName, consumerArn, status(nowMs), Instant.ofEpochMilli(createdAtMs),
            streamArn);
    }

    @Override
    public String toString() {
        return consumerArn;
    }
}
