package io.embeddedkinesis.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SubscribeToShard read byte by byte: over HTTP/1.1, which the AWS SDKs do not use for it, the event stream
 * is a chunked body after which the server closes the connection; and in CBOR, which the SDK for Java does not
 * use for it either, every payload is a CBOR document. The messages are decoded with the AWS SDK's own
 * event-stream decoder.
 */
@Timeout(60)
class SubscribeToShardHttp11Test extends SdkTestSupport {
    private static final String ACCOUNT = "000000000000";
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/s";
    private static final String CBOR = "application/x-amz-cbor-1.1";

    @Override
    WireFormat format() {
        return WireFormat.CBOR;
    }

    @Test
    void shouldAnswerWithAChunkedCborEventStreamAndCloseTheConnectionAfterIt() throws IOException {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String consumer = register();
        final String sequenceNumber = kinesis.putRecord(b -> b.streamName("s").partitionKey("k")
            .data(SdkBytes.fromUtf8String("r0"))).sequenceNumber();

        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            final RawHttp1Connection.Response head = subscribe(connection, consumer);
            final Messages messages = new Messages(connection);
            final Message initial = messages.next();
            final Message event = messages.next();
            clock.advance(300_000);
            final boolean bodyEnded = messages.endOfBody();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).containsEntry("content-type", "application/vnd.amazon.eventstream")
                .containsEntry("transfer-encoding", "chunked").containsEntry("connection", "close")
                .containsKey("x-amzn-requestid");
            assertThat(headers(initial)).containsExactlyInAnyOrderEntriesOf(Map.of(":message-type", "event",
                ":event-type", "initial-response", ":content-type", CBOR));
            assertThat(payload(initial).isEmpty()).isTrue();
            assertThat(headers(event)).containsExactlyInAnyOrderEntriesOf(Map.of(":message-type", "event",
                ":event-type", "SubscribeToShardEvent", ":content-type", CBOR));
            final JsonNode payload = payload(event);
            final JsonNode record = payload.get("Records").get(0);
            assertThat(record.get("Data").isBinary()).isTrue();
            assertThat(new String(record.get("Data").binaryValue(), StandardCharsets.UTF_8)).isEqualTo("r0");
            assertThat(record.get("PartitionKey").asText()).isEqualTo("k");
            assertThat(record.get("SequenceNumber").asText()).isEqualTo(sequenceNumber);
            assertThat(record.get("ApproximateArrivalTimestamp").asLong()).isEqualTo(START_MS);
            assertThat(payload.get("ContinuationSequenceNumber").asText()).isEqualTo(sequenceNumber);
            assertThat(payload.get("MillisBehindLatest").asLong()).isZero();
            assertThat(bodyEnded).isTrue();
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void shouldEndAStreamThatFailsWithAnExceptionMessage() throws IOException {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String consumer = register();

        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            subscribe(connection, consumer);
            final Messages messages = new Messages(connection);
            messages.next();
            kinesis.deregisterStreamConsumer(b -> b.consumerARN(consumer));
            Message exception = messages.next();
            while (!"exception".equals(headers(exception).get(":message-type"))) {
                exception = messages.next();
            }

            assertThat(headers(exception)).containsExactlyInAnyOrderEntriesOf(Map.of(":message-type", "exception",
                ":exception-type", "ResourceNotFoundException", ":content-type", CBOR));
            assertThat(payload(exception).get("message").asText()).isEqualTo("Consumer reader with creation"
                + " timestamp " + START_MS / 1000 + " under stream s and account " + ACCOUNT + " not found.");
            assertThat(messages.endOfBody()).isTrue();
        }
    }

    private String register() {
        return kinesis.registerStreamConsumer(b -> b.streamARN(STREAM_ARN).consumerName("reader")).consumer()
            .consumerARN();
    }

    private static RawHttp1Connection.Response subscribe(final RawHttp1Connection connection, final String consumer)
        throws IOException {
        final byte[] body = WireFormat.CBOR.mapper().writeValueAsBytes(Map.of("ConsumerARN", consumer,
            "ShardId", "shardId-000000000000", "StartingPosition", Map.of("Type", "TRIM_HORIZON")));
        connection.write("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Kinesis_20131202.SubscribeToShard\r\n"
            + "Content-Type: " + CBOR + "\r\nContent-Length: " + body.length + "\r\n\r\n");
        connection.write(body);
        return connection.read();
    }

    private static Map<String, String> headers(final Message message) {
        final Map<String, String> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> headers.put(name, value.getString()));
        return headers;
    }

    private static JsonNode payload(final Message message) throws IOException {
        return WireFormat.CBOR.mapper().readTree(message.getPayload());
    }

    /** The event-stream messages of a chunked body, as they are decoded. */
    private static final class Messages {
        private final RawHttp1Connection connection;
        private final Deque<Message> decoded = new ArrayDeque<>();
        private final MessageDecoder decoder = new MessageDecoder(decoded::add);

        Messages(final RawHttp1Connection connection) {
            this.connection = connection;
        }

        Message next() throws IOException {
            while (decoded.isEmpty()) {
                final byte[] chunk = connection.readChunk();
                if (chunk.length == 0) {
                    throw new IOException("the body ended");
                }
                decoder.feed(ByteBuffer.wrap(chunk));
            }
            return decoded.poll();
        }

        /** Reads on to the end of the body; false if a message came first. */
        boolean endOfBody() throws IOException {
            final byte[] chunk = connection.readChunk();
            return chunk.length == 0 && decoded.isEmpty();
        }
    }
}
