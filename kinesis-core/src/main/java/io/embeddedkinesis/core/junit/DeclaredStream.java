package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.stream.StreamRegistry;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A {@link KinesisStream} declaration and where it was written, which the extension turns into
 * {@code CreateStream} (and a retention change) on a test's broker.
 *
 * @param stream the declaration.
 * @param source where it was written, for messages: a class or a method.
 */
record DeclaredStream(KinesisStream stream, String source) {

    /**
     * Creates the stream. The broker checks the declaration as Kinesis checks a request; what it refuses
     * fails the test with the broker's message and the declaration's place.
     */
    void createIn(final KinesisBroker broker) {
        final Integer shardCount = stream.shards() != 0 ? Integer.valueOf(stream.shards())
            : stream.mode() == StreamMode.PROVISIONED ? Integer.valueOf(1) : null;
        final ShardLimits limits = stream.throttling() ? null : ShardLimits.NONE;
        final int retentionHours = stream.retentionPeriodHours();
        try {
            broker.createDeclaredStream(new CreateStreamRequest(stream.name(), shardCount, stream.mode(), limits, null,
                null, null, null));
            if (retentionHours > StreamRegistry.DEFAULT_RETENTION_HOURS) {
                broker.increaseStreamRetentionPeriod(stream.name(), retentionHours);
            } else if (retentionHours < StreamRegistry.DEFAULT_RETENTION_HOURS) {
                broker.decreaseStreamRetentionPeriod(stream.name(), retentionHours);
            }
        } catch (final KinesisException ex) {
            throw new ExtensionConfigurationException("@KinesisStream(name = \"" + stream.name() + "\") on " + source
                + " could not be created: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
        }
    }
}
