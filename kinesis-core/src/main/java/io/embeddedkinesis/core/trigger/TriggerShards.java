package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.application.ApplicationConfig;
import io.embeddedkinesis.core.application.FanOutConfig;
import io.embeddedkinesis.core.application.PollingConfig;
import io.embeddedkinesis.core.application.RetrievalFactory;
import io.embeddedkinesis.core.application.ShardRecordProcessor;
import io.embeddedkinesis.core.application.ShardRecordProcessorFactory;
import io.embeddedkinesis.core.application.ShardRecordsSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the processor and the records source of each shard the mapping's worker takes, and pairs them: the
 * worker makes a shard's processor first and its source right after, on its own thread, so the source finds
 * the processor it serves here.
 *
 * <p>Reading is the application's polling, once a second per shard (Lambda's base rate for standard
 * iterators), up to 10,000 records a call; or, for a mapping whose event source is a stream consumer,
 * enhanced fan-out through that consumer, as Lambda reads it then. Thread-safe.
 */
final class TriggerShards implements ShardRecordProcessorFactory, RetrievalFactory {
    /** Lambda reads each shard once a second. */
    static final PollingConfig POLLING = new PollingConfig(10_000, 1_000);

    private final Map<String, ShardTrigger> awaitingSource = new ConcurrentHashMap<>();
    private final RetrievalFactory reading;
    private volatile RetrievalFactory boundReading;
    private volatile MappingContext context;

    /**
     * @param consumerArn the stream consumer the mapping reads through, or null to poll.
     */
    TriggerShards(final String consumerArn) {
        this.reading = consumerArn == null ? POLLING : FanOutConfig.DEFAULTS.withConsumerArn(consumerArn);
    }

    /** Set once, before the worker starts. */
    void context(final MappingContext mappingContext) {
        this.context = mappingContext;
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor(final String shardId) {
        final ShardTrigger trigger = new ShardTrigger(context, shardId);
        awaitingSource.put(shardId, trigger);
        return trigger;
    }

    @Override
    public ShardRecordsSource createSource(final KinesisBroker broker, final String streamName,
        final String shardId) {
        final ShardTrigger trigger = awaitingSource.remove(shardId);
        if (trigger == null) {
            throw new IllegalStateException("no trigger was made for the shard: shardId=" + shardId);
        }
        return new TriggerRecordsSource(boundReading.createSource(broker, streamName, shardId), trigger,
            context.clock());
    }

    /** Binds the reading to the mapping's application, once, before its worker starts. */
    @Override
    public RetrievalFactory forApplication(final KinesisBroker broker, final ApplicationConfig application) {
        boundReading = reading.forApplication(broker, application);
        return this;
    }
}
