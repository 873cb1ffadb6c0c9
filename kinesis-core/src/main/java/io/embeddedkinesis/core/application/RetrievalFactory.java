package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;

/**
 * How an application's workers get records: one {@link ShardRecordsSource} per shard they process.
 * {@link PollingConfig} polls with {@code GetRecords}, as the KCL's polling retrieval does; {@link FanOutConfig}
 * subscribes an enhanced fan-out consumer with {@code SubscribeToShard}, as the KCL's fan-out retrieval does.
 * Either way, processors receive the records deaggregated.
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

    /**
     * This retrieval as one application uses it, called once as the application opens: a retrieval that
     * shares something among the application's shards and workers (enhanced fan-out's consumer, named after
     * the application by default) binds it here. It must neither block nor call the broker; polling needs
     * nothing.
     *
     * @param broker      the broker the application reads.
     * @param application the application's settings.
     * @return the factory the application's workers use: this one by default.
     */
    default RetrievalFactory forApplication(final KinesisBroker broker, final ApplicationConfig application) {
        return this;
    }
}
