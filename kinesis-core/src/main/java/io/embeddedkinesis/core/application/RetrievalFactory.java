package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;

/**
 * How an application's workers get records: one {@link ShardRecordsSource} per shard they process.
 * {@link PollingConfig} polls with {@code GetRecords}, as the KCL's polling retrieval does; a push source
 * (enhanced fan-out's {@code SubscribeToShard}) is another implementation of the same two interfaces.
 */
@FunctionalInterface
public interface RetrievalFactory {
    /**
     * A source of one shard's records, not started yet.
     *
     * @param broker     the broker to read from.
     * @param streamName the stream.
     * @param shardId    the shard.
     * @return the source; the worker starts it, polls it on its own thread and closes it.
     */
    ShardRecordsSource createSource(KinesisBroker broker, String streamName, String shardId);
}
