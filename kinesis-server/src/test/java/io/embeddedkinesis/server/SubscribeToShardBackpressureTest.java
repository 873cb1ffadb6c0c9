package io.embeddedkinesis.server;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow control from the AWS SDK's subscriber back to the broker: a subscriber that stops asking for events
 * stops the SDK reading the HTTP/2 stream, its flow-control window closes, the server's writes wait, and the
 * server stops asking the broker for events, holding no more than a few; the records wait in the shard's log and
 * all arrive, in order, once the subscriber asks again.
 */
@Timeout(120)
class SubscribeToShardBackpressureTest extends SdkTestSupport {
    /** {@code EventStreamWriter.MAX_EVENTS_IN_FLIGHT}: what one stream may hold. */
    private static final int EVENTS_IN_FLIGHT = 4;
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final int RECORD_BYTES = 4 * 1024;
    private static final int MAX_PUTS = 5_000;

    @Override
    WireFormat format() {
        return WireFormat.JSON;
    }

    /** No throttling: the test puts as fast as it can with the clock standing still. */
    @Override
    BrokerConfig.Builder configure(final BrokerConfig.Builder builder) {
        return builder.shardLimits(ShardLimits.NONE);
    }

    @Test
    void shouldHoldOnlyAFewEventsForASubscriberThatStopsAsking() throws Exception {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String consumer = kinesis.registerStreamConsumer(b -> b.streamARN(STREAM_ARN).consumerName("slow"))
            .consumer().consumerARN();
        // A 64 KiB window instead of the SDK's 1 MiB, so that a few records fill it.
        try (SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                .http2Configuration(Http2Configuration.builder().initialWindowSize(64 * 1024).build()).build();
             KinesisAsyncClient async = asyncClient(format(), http)) {
            final SdkShardSubscription subscription = SdkShardSubscription.subscribe(async, consumer,
                "shardId-000000000000", StartingPosition.builder().type(ShardIteratorType.LATEST).build(), 1);

            final List<String> sequenceNumbers = new ArrayList<>();
            while (server.eventsAwaitingWrite() < EVENTS_IN_FLIGHT) {
                assertThat(sequenceNumbers).as("records put before the server held its most").hasSizeLessThan(MAX_PUTS);
                sequenceNumbers.add(put(sequenceNumbers.size()));
            }
            final int stalledAt = sequenceNumbers.size();
            for (int i = 0; i < 50; i++) {
                sequenceNumbers.add(put(sequenceNumbers.size()));
            }
            final int heldAfterMorePuts = server.eventsAwaitingWrite();

            subscription.request(Long.MAX_VALUE);
            final List<Record> records = subscription.records(sequenceNumbers.size());

            assertThat(heldAfterMorePuts).isEqualTo(EVENTS_IN_FLIGHT);
            assertThat(records).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
            assertThat(records).extracting(Record::partitionKey).containsExactlyElementsOf(
                IntStream.range(0, sequenceNumbers.size()).mapToObj(i -> "k" + i).toList());
            assertThat(records).allSatisfy(record -> assertThat(record.data().asByteArray()).hasSize(RECORD_BYTES));
            assertThat(stalledAt).isLessThan(MAX_PUTS);
        }
    }

    private String put(final int index) {
        final byte[] data = new byte[RECORD_BYTES];
        Arrays.fill(data, (byte) 'x');
        return kinesis.putRecord(b -> b.streamName("s").partitionKey("k" + index).data(SdkBytes.fromByteArray(data)))
            .sequenceNumber();
    }
}
