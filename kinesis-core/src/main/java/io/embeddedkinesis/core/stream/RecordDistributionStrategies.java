package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.RecordDistributionStrategy;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.UpdateStreamRecordDistributionStrategyRequest;

/**
 * {@code UpdateStreamRecordDistributionStrategy}: switches an on-demand stream between spreading records by
 * partition key ({@code USER_PARTITION_KEY}, the default) and evenly whatever their keys ({@code AUTO}), with
 * Kinesis's rules. The change takes effect with the next put and leaves the stream ACTIVE; records already
 * written stay in their shards. {@code AUTO} on a provisioned stream is an {@code InvalidArgumentException}.
 *
 * <p>Thread-safe: changes are serialized by the registry's lock; a put reads the strategy once.
 */
public final class RecordDistributionStrategies {
    private final StreamRegistry registry;
    private final BrokerConfig config;

    /**
     * @param registry the streams.
     */
    public RecordDistributionStrategies(final StreamRegistry registry) {
        this.registry = registry;
        this.config = registry.config();
    }

    /**
     * Sets a stream's record distribution strategy. Asking for the strategy the stream has changes nothing, so
     * {@code USER_PARTITION_KEY} is accepted for a provisioned stream too.
     *
     * @param request the stream's ARN and the strategy.
     */
    public void update(final UpdateStreamRecordDistributionStrategyRequest request) {
        final RecordDistributionStrategy strategy = request.recordDistributionStrategy();
        // The model's members are StreamARN, StreamId (reserved, ignored), RecordDistributionStrategy; the ARN
        // is the only way to name the stream.
        new ValidationErrors()
            .string("streamARN", request.streamARN(), true, RequestPatterns.STREAM_ARN,
                RequestPatterns.STREAM_ARN_TEXT, 1, 2048)
            .notNull("recordDistributionStrategy", strategy != null)
            .throwIfAny();
        synchronized (registry) {
            final Stream stream = registry.find(new StreamRequest(null, request.streamARN()));
            final StreamStatus status = stream.status(config.clock().time());
            if (status != StreamStatus.ACTIVE) {
                // Inferred: the operation may raise ResourceInUseException; the text is the one Kinesis gives
                // other updates of a stream that is not ACTIVE.
                throw new ResourceInUseException("Stream " + stream.streamName() + " under account "
                    + config.accountId() + " not ACTIVE, instead in state " + status);
            }
            if (stream.recordDistributionStrategy() == strategy) {
                return;
            }
            if (stream.streamMode() != StreamMode.ON_DEMAND) {
                throw StreamModes.notOnDemand(stream.streamName(), config.accountId());
            }
            registry.updateRecordDistributionStrategy(stream, strategy);
        }
    }
}
