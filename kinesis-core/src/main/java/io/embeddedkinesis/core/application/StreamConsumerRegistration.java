package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.ConsumerDescription;
import io.embeddedkinesis.core.model.ConsumerStatus;
import io.embeddedkinesis.core.model.StreamConsumerRequest;

/**
 * The enhanced fan-out consumer of one application, found or registered once and shared by every shard of
 * every worker, as the KCL's {@code FanOutConsumerRegistration}: a consumer given by ARN is used as it is; one
 * given by name is looked up with {@code DescribeStreamConsumer} and registered if the stream lacks it (another
 * worker registering it at the same moment is fine: its registration is used). Unlike the KCL, which waits
 * for ACTIVE with sleeps, {@link #activeConsumerArn()} only looks, so that a worker's duty cycle never blocks:
 * shards ask again on their next poll while the consumer is CREATING.
 *
 * <p>A consumer given by name that is found DELETING, or that a subscription finds gone
 * ({@link #forget}), is forgotten, so that it is registered again: the application goes on reading after its
 * consumer was deregistered. A consumer given by ARN is the caller's to manage.
 *
 * <p>Thread-safe: every worker's shards call it; calls are serialized by this object's lock.
 */
final class StreamConsumerRegistration {
    private final KinesisBroker broker;
    private final String streamName;
    private final String consumerName;
    private final String givenArn;
    private String consumerArn;
    private boolean active;

    /**
     * @param broker       the broker.
     * @param streamName   the stream the consumer reads.
     * @param consumerName the consumer's name, or null if given by ARN.
     * @param givenArn     the consumer's ARN, or null to go by name.
     */
    StreamConsumerRegistration(final KinesisBroker broker, final String streamName, final String consumerName,
        final String givenArn) {
        this.broker = broker;
        this.streamName = streamName;
        this.consumerName = consumerName;
        this.givenArn = givenArn;
    }

    /**
     * The consumer's ARN once it is ACTIVE, registering it first if needed.
     *
     * @return the ARN, or null while the consumer is not ACTIVE yet.
     * @throws ResourceNotFoundException if the stream, or the consumer given by ARN, does not exist.
     * @throws IllegalArgumentException  if the consumer given by ARN is another stream's.
     */
    synchronized String activeConsumerArn() {
        if (active) {
            return consumerArn;
        }
        if (consumerArn == null) {
            consumerArn = givenArn != null ? givenArn : findOrRegister();
        }
        final ConsumerDescription description = broker.describeStreamConsumer(consumerArn);
        if (givenArn != null) {
            checkStream(description);
        }
        if (description.consumerStatus() == ConsumerStatus.DELETING && givenArn == null) {
            consumerArn = null;
            return null;
        }
        active = description.consumerStatus() == ConsumerStatus.ACTIVE;
        return active ? consumerArn : null;
    }

    /**
     * Forgets a consumer that turned out to be gone, so that the next {@link #activeConsumerArn()} finds or
     * registers it again; only for a consumer given by name, and only if it is still the one known.
     *
     * @param goneArn the ARN a subscription found missing.
     */
    synchronized void forget(final String goneArn) {
        if (givenArn == null && goneArn.equals(consumerArn)) {
            consumerArn = null;
            active = false;
        }
    }

    private String findOrRegister() {
        final String streamArn = broker.describeStreamSummary(streamName).streamARN();
        final StreamConsumerRequest byName = StreamConsumerRequest.of(streamArn, consumerName);
        try {
            return broker.describeStreamConsumer(byName).consumerARN();
        } catch (final ResourceNotFoundException notRegistered) {
            // Registered next, as the KCL does when the consumer does not exist.
        }
        try {
            return broker.registerStreamConsumer(streamArn, consumerName).consumerARN();
        } catch (final ResourceInUseException registeredMeanwhile) {
            return broker.describeStreamConsumer(byName).consumerARN();
        }
    }

    private void checkStream(final ConsumerDescription description) {
        final String streamArn = broker.describeStreamSummary(streamName).streamARN();
        if (!streamArn.equals(description.streamARN())) {
            throw new IllegalArgumentException("the consumer reads another stream: consumerArn=" + consumerArn
                + ", streamARN=" + description.streamARN());
        }
    }
}
