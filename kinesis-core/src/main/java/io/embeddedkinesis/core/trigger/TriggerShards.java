package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.KinesisBroker;
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
 * iterators), up to 10,000 records a call. Thread-safe.
 */
final class TriggerShards implements ShardRecordProcessorFactory, RetrievalFactory {
    /** Lambda reads each shard once a second. */
    static final PollingConfig POLLING = new PollingConfig(10_000, 1_000);

    private final Map<String, ShardTrigger> awaitingSource = new ConcurrentHashMap<>();
    private volatile MappingContext context;

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
        return new TriggerRecordsSource(POLLING.createSource(broker, streamName, shardId), trigger, context.clock());
    }
}
