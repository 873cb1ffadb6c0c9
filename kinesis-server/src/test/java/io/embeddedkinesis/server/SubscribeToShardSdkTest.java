package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.DryRunOperationException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SubscribeToShard through the AWS SDK for Java v2 asynchronous client on its Netty HTTP/2 client, unchanged:
 * records put after subscribing arrive in order with their keys and sequence numbers, every starting position,
 * the end of a closed shard, the 5-second and 5-minute rules, and errors before and inside the event stream.
 * The clock is the broker's, moved by the test.
 *
 * <p>The SDK sends SubscribeToShard in AWS JSON 1.1 even with CBOR enabled (its Kinesis client keeps a JSON
 * protocol factory for the event stream), so this runs in JSON only; {@link SubscribeToShardHttp11Test} reads a
 * CBOR event stream byte by byte.
 */
@Timeout(120)
class SubscribeToShardSdkTest extends SdkTestSupport {
    private static final String ACCOUNT = "000000000000";
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/s";
    private static final String SHARD_0 = "shardId-000000000000";

    private SdkAsyncHttpClient http;
    private KinesisAsyncClient async;

    @Override
    WireFormat format() {
        return WireFormat.JSON;
    }

    @BeforeEach
    void startAsyncClient() {
        http = SdkClients.nettyHttp2(false);
        async = asyncClient(format(), http);
    }

    @AfterEach
    void stopAsyncClient() {
        async.close();
        http.close();
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldPushRecordsPutAfterSubscribingInOrder() throws Exception {
        createStream(1);
        final SdkShardSubscription subscription = subscribe(register("reader"), latest(), Long.MAX_VALUE);

        final List<PutRecordResponse> puts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final int n = i;
            puts.add(kinesis.putRecord(b -> b.streamName("s").partitionKey("key-" + n).data(text("r" + n))));
        }
        final List<SubscribeToShardEvent> events = new ArrayList<>();
        final List<Record> records = new ArrayList<>();
        while (records.size() < 3) {
            final SubscribeToShardEvent event = subscription.nextEventWithRecords();
            events.add(event);
            records.addAll(event.records());
        }

        assertThat(records).extracting(record -> record.data().asUtf8String()).containsExactly("r0", "r1", "r2");
        assertThat(records).extracting(Record::partitionKey).containsExactly("key-0", "key-1", "key-2");
        assertThat(records).extracting(Record::sequenceNumber)
            .containsExactlyElementsOf(puts.stream().map(PutRecordResponse::sequenceNumber).toList());
        assertThat(records).extracting(Record::approximateArrivalTimestamp)
            .containsOnly(Instant.ofEpochMilli(START_MS));
        final SubscribeToShardEvent last = events.get(events.size() - 1);
        assertThat(last.continuationSequenceNumber()).isEqualTo(puts.get(2).sequenceNumber());
        assertThat(last.millisBehindLatest()).isZero();
        assertThat(last.hasChildShards()).isFalse();
    }

    @Test
    void shouldStartAtEveryStartingPosition() throws Exception {
        createStream(1);
        final List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sequenceNumbers.add(put("r" + i));
            clock.advance(10);
        }
        final String third = sequenceNumbers.get(2);

        final SdkShardSubscription trimHorizon = subscribe(register("a"),
            position(ShardIteratorType.TRIM_HORIZON, null, null), Long.MAX_VALUE);
        final SdkShardSubscription atSequence = subscribe(register("b"),
            position(ShardIteratorType.AT_SEQUENCE_NUMBER, third, null), Long.MAX_VALUE);
        final SdkShardSubscription afterSequence = subscribe(register("c"),
            position(ShardIteratorType.AFTER_SEQUENCE_NUMBER, third, null), Long.MAX_VALUE);
        final SdkShardSubscription atTimestamp = subscribe(register("d"),
            position(ShardIteratorType.AT_TIMESTAMP, null, Instant.ofEpochMilli(START_MS + 30)), Long.MAX_VALUE);
        final SdkShardSubscription latest = subscribe(register("e"), latest(), Long.MAX_VALUE);
        put("r5");

        assertThat(texts(trimHorizon.records(6))).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(texts(atSequence.records(4))).containsExactly("r2", "r3", "r4", "r5");
        assertThat(texts(afterSequence.records(3))).containsExactly("r3", "r4", "r5");
        assertThat(texts(atTimestamp.records(3))).containsExactly("r3", "r4", "r5");
        assertThat(texts(latest.records(1))).containsExactly("r5");
    }

    @Test
    void shouldPushWhatArrivedBeforeSubscribingInOneEvent() throws Exception {
        createStream(1);
        put("old");
        clock.advance(2_000);
        final String newest = put("new");

        final SdkShardSubscription subscription = subscribe(register("reader"),
            position(ShardIteratorType.TRIM_HORIZON, null, null), 1);
        final SubscribeToShardEvent event = subscription.nextEventWithRecords();

        assertThat(texts(event.records())).containsExactly("old", "new");
        assertThat(event.continuationSequenceNumber()).isEqualTo(newest);
        assertThat(event.millisBehindLatest()).isZero();
    }

    @Test
    void shouldEndWithTheChildShardsWhenTheShardCloses() throws Exception {
        createStream(1);
        put("before");
        final SdkShardSubscription subscription = subscribe(register("reader"),
            position(ShardIteratorType.TRIM_HORIZON, null, null), Long.MAX_VALUE);
        assertThat(texts(subscription.records(1))).containsExactly("before");

        kinesis.splitShard(b -> b.streamName("s").shardToSplit(SHARD_0)
            .newStartingHashKey("170141183460469231731687303715884105728"));
        final SubscribeToShardEvent last = subscription.nextEventWithRecords();

        assertThat(last.records()).isEmpty();
        assertThat(last.continuationSequenceNumber()).isNull();
        assertThat(last.childShards()).extracting(ChildShard::shardId)
            .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(last.childShards()).allSatisfy(child -> {
            assertThat(child.parentShards()).containsExactly(SHARD_0);
            assertThat(child.hashKeyRange().startingHashKey()).isNotNull();
        });
        assertThat(subscription.awaitCompletion()).isTrue();
    }

    @Test
    void shouldRefuseASecondSubscriptionWithinFiveSecondsAndLetALaterOneTakeOver() throws Exception {
        createStream(1);
        final String consumer = register("reader");
        final SdkShardSubscription first = subscribe(consumer, latest(), Long.MAX_VALUE);

        clock.advance(4_999);
        final SdkShardSubscription refused = subscribe(consumer, latest(), Long.MAX_VALUE);
        clock.advance(1);
        final SdkShardSubscription second = subscribe(consumer, latest(), Long.MAX_VALUE);
        final boolean firstCompleted = first.awaitCompletion();
        put("after");

        assertThat(refused.awaitError()).isInstanceOf(ResourceInUseException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Another active subscription exists for this consumer: "
                + ACCOUNT + ":s:" + SHARD_0 + ":reader"));
        assertThat(firstCompleted).isTrue();
        assertThat(texts(second.records(1))).containsExactly("after");
    }

    @Test
    void shouldAnswerADryRunWithDryRunOperationExceptionAndSubscribeNothing() throws Exception {
        createStream(1);
        final String consumer = register("reader");

        final SdkShardSubscription dryRun = SdkShardSubscription.dryRun(async, consumer, SHARD_0, latest());
        final SdkShardSubscription real = subscribe(consumer, latest(), Long.MAX_VALUE);
        put("after");

        assertThat(dryRun.awaitError()).isInstanceOf(DryRunOperationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Request would have succeeded, but DryRun flag is set."));
        // The dry run took no subscription: the real one right after it is not refused as a second.
        assertThat(texts(real.records(1))).containsExactly("after");
    }

    @Test
    void shouldRefuseAnUnknownConsumer() throws Exception {
        createStream(1);
        final String unknown = STREAM_ARN + "/consumer/nobody:" + START_MS / 1000;

        final SdkShardSubscription subscription = subscribe(unknown, latest(), Long.MAX_VALUE);

        assertThat(subscription.awaitError()).isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Consumer nobody with creation timestamp "
                + START_MS / 1000 + " under stream s and account " + ACCOUNT + " not found."));
    }

    @Test
    void shouldCompleteWhenTheSubscriptionsLifetimeEnds() throws Exception {
        createStream(1);
        final SdkShardSubscription subscription = subscribe(register("reader"), latest(), Long.MAX_VALUE);

        clock.advance(300_000);

        assertThat(subscription.awaitCompletion()).isTrue();
    }

    @Test
    void shouldRaiseTheKinesisErrorThatEndsAStreamAfterItStarted() throws Exception {
        createStream(1);
        final String consumer = register("reader");
        final SdkShardSubscription subscription = subscribe(consumer, latest(), Long.MAX_VALUE);

        kinesis.deregisterStreamConsumer(b -> b.consumerARN(consumer));

        assertThat(subscription.awaitError()).isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Consumer reader with creation timestamp "
                + START_MS / 1000 + " under stream s and account " + ACCOUNT + " not found."));
    }

    @Test
    void shouldKeepServingTheConnectionAfterTheClientCancels() throws Exception {
        createStream(1);
        final SdkShardSubscription cancelled = subscribe(register("a"), latest(), 1);

        cancelled.cancel();
        final SdkShardSubscription next = subscribe(register("b"), latest(), Long.MAX_VALUE);
        put("r0");

        assertThat(texts(next.records(1))).containsExactly("r0");
    }

    private void createStream(final int shards) {
        kinesis.createStream(b -> b.streamName("s").shardCount(shards));
    }

    private String register(final String name) {
        return kinesis.registerStreamConsumer(b -> b.streamARN(STREAM_ARN).consumerName(name)).consumer()
            .consumerARN();
    }

    private String put(final String data) {
        return kinesis.putRecord(b -> b.streamName("s").partitionKey("k").data(text(data))).sequenceNumber();
    }

    private SdkShardSubscription subscribe(final String consumer, final StartingPosition position,
        final long demand) {
        return SdkShardSubscription.subscribe(async, consumer, SHARD_0, position, demand);
    }

    private static StartingPosition latest() {
        return position(ShardIteratorType.LATEST, null, null);
    }

    private static StartingPosition position(final ShardIteratorType type, final String sequenceNumber,
        final Instant timestamp) {
        return StartingPosition.builder().type(type).sequenceNumber(sequenceNumber).timestamp(timestamp).build();
    }

    private static SdkBytes text(final String text) {
        return SdkBytes.fromUtf8String(text);
    }

    private static List<String> texts(final List<Record> records) {
        return records.stream().map(record -> record.data().asUtf8String()).toList();
    }
}
