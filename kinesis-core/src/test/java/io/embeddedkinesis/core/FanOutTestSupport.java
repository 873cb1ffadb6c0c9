package io.embeddedkinesis.core;

import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;

import java.util.concurrent.Flow;

/**
 * A broker with helpers for enhanced fan-out tests: ARNs, consumers, subscriptions, and a way to know the
 * dispatcher has looked at every subscription since a moment, so that a test can assert that nothing was
 * pushed without waiting on a timer.
 */
abstract class FanOutTestSupport extends BrokerTestSupport {
    static final String ACCOUNT = "000000000000";
    static final String SHARD_0 = "shardId-000000000000";
    private static final String WITNESS_STREAM = "witness-stream";

    private int witnesses;

    static String streamArn(final String streamName) {
        return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + streamName;
    }

    String register(final String streamName, final String consumerName) {
        final Consumer consumer = broker.registerStreamConsumer(streamArn(streamName), consumerName);
        return consumer.consumerARN();
    }

    RecordingSubscriber subscribe(final String consumerArn, final String shardId, final StartingPosition position,
        final long initialRequest) {
        final Flow.Publisher<SubscribeToShardEvent> publisher =
            broker.subscribeToShard(consumerArn, shardId, position);
        final RecordingSubscriber subscriber = new RecordingSubscriber(initialRequest);
        publisher.subscribe(subscriber);
        return subscriber;
    }

    /**
     * Returns once the dispatcher has given every subscription made before the call a full step that began
     * after the call. The dispatcher steps subscriptions in the order they were made, each once per pass; a
     * new subscription, made now, sees two records put one after the other: the second can only be pushed in
     * a pass after the one that pushed the first, and that pass stepped every older subscription first.
     */
    void awaitDispatcherPass() throws InterruptedException {
        if (witnesses == 0) {
            broker.createStream(WITNESS_STREAM, 1);
        }
        final String consumerArn = register(WITNESS_STREAM, "witness-" + witnesses++);
        final RecordingSubscriber witness = subscribe(consumerArn, SHARD_0, StartingPosition.latest(),
            Long.MAX_VALUE);
        broker.putRecord(WITNESS_STREAM, "k", bytes("first"));
        witness.nextEventWithRecords();
        broker.putRecord(WITNESS_STREAM, "k", bytes("second"));
        witness.nextEventWithRecords();
        witness.cancel();
    }
}
