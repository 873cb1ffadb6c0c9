package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.StartingPosition;

/**
 * Sets up enhanced fan-out on the benchmark stream: a consumer and its subscription to the stream's first
 * shard, from the latest record.
 */
final class FanOut {
    private static final String SHARD_ID = "shardId-000000000000";

    private FanOut() {
    }

    /**
     * Registers a consumer and subscribes it to the first shard.
     *
     * @param broker       the broker.
     * @param consumerName the consumer's name, new for the stream.
     * @return the subscriber, which counts what it receives.
     */
    static CountingSubscriber subscribe(final KinesisBroker broker, final String consumerName) {
        final String streamArn = broker.describeStreamSummary(BrokerFixture.STREAM_NAME).streamARN();
        final String consumerArn = broker.registerStreamConsumer(streamArn, consumerName).consumerARN();
        final CountingSubscriber subscriber = new CountingSubscriber();
        broker.subscribeToShard(consumerArn, SHARD_ID, StartingPosition.latest()).subscribe(subscriber);
        return subscriber;
    }
}
