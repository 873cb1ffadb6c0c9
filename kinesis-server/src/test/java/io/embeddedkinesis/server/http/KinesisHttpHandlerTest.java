package io.embeddedkinesis.server.http;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.auth.RequestAuthenticator;
import io.embeddedkinesis.server.protocol.KinesisOperations;
import io.embeddedkinesis.server.sts.SecurityTokenService;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers every answer carries (the date by the broker's clock, and a fresh request id), and the buffer an
 * answer is written into: sized for at most 500 results, and let go when the operation fails instead.
 */
class KinesisHttpHandlerTest {
    private final KinesisBroker broker = KinesisBroker.open();
    private final CachedEpochClock clock = new CachedEpochClock();
    private final EmbeddedChannel channel = new EmbeddedChannel(
        new KinesisHttpHandler(new KinesisOperations(broker), RequestAuthenticator.ACCEPT_ALL,
            new SecurityTokenService("000000000000", "aws", RequestAuthenticator.ACCEPT_ALL), clock));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        broker.close();
    }

    @Test
    void shouldDateEachAnswerByTheClockToTheSecond() {
        clock.update(1_764_000_000_999L);
        assertThat(listStreams().headers().get(HttpHeaderNames.DATE)).isEqualTo("Mon, 24 Nov 2025 16:00:00 GMT");

        clock.update(1_764_000_001_000L);
        assertThat(listStreams().headers().get(HttpHeaderNames.DATE)).isEqualTo("Mon, 24 Nov 2025 16:00:01 GMT");

        clock.update(1_764_003_599_000L);
        assertThat(listStreams().headers().get(HttpHeaderNames.DATE)).isEqualTo("Mon, 24 Nov 2025 16:59:59 GMT");
    }

    @Test
    void shouldGiveEachAnswerItsOwnVersion4RequestId() {
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            final String id = listStreams().headers().get("x-amzn-RequestId");
            final UUID uuid = UUID.fromString(id);

            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void shouldAnswerAnOperationWithoutOutputWithAnEmptyBody() {
        final FullHttpResponse created = post("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":1}");
        final FullHttpResponse tagged = post("AddTagsToStream", "{\"StreamName\":\"s\",\"Tags\":{\"k\":\"v\"}}");
        final FullHttpResponse listed = listStreams();

        assertThat(created.status().code()).isEqualTo(200);
        assertThat(created.headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("0");
        assertThat(created.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/x-amz-json-1.1");
        assertThat(tagged.status().code()).isEqualTo(200);
        assertThat(tagged.headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("0");
        assertThat(listed.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isGreaterThan(2);
    }

    @Test
    void shouldLetGoOfTheAnswersBufferWhenTheOperationFails() {
        final TrackingAllocator allocator = new TrackingAllocator();
        channel.config().setAllocator(allocator);
        broker.createStream("s", 1);

        final FullHttpResponse written = post("PutRecords",
            "{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"AQID\",\"PartitionKey\":\"k\"}]}");
        final FullHttpResponse missing = post("PutRecords",
            "{\"StreamName\":\"nope\",\"Records\":[{\"Data\":\"AQID\",\"PartitionKey\":\"k\"}]}");

        assertThat(written.status().code()).isEqualTo(200);
        assertThat(missing.status().code()).isEqualTo(400);
        assertThat(missing.headers().get("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        assertThat(allocator.buffers).hasSize(2).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void shouldNotSizeAnAnswerForMoreThan500RecordsWhateverTheRequestHolds() {
        final TrackingAllocator allocator = new TrackingAllocator();
        channel.config().setAllocator(allocator);
        broker.createStream("s", 1);
        final String emptyEntries = String.join(",", Collections.nCopies(100_000, "{}"));

        final FullHttpResponse response = post("PutRecords", "{\"StreamName\":\"s\",\"Records\":[" + emptyEntries
            + "]}");

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.headers().get("x-amzn-ErrorType")).isEqualTo("ValidationException");
        assertThat(allocator.largestRequestBytes).isPositive().isLessThanOrEqualTo(64 * 1024);
        assertThat(allocator.buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    private FullHttpResponse listStreams() {
        final FullHttpResponse response = post("ListStreams", "{}");
        assertThat(response.status().code()).isEqualTo(200);
        return response;
    }

    /** Answers a JSON request; the response's body is released, its status and headers stay readable. */
    private FullHttpResponse post(final String operation, final String body) {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set("X-Amz-Target", "Kinesis_20131202." + operation)
            .set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.1");
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();
        response.release();
        return response;
    }

    /** Hands out unpooled heap buffers and keeps them, to see that each was released, and the largest size asked. */
    private static final class TrackingAllocator extends AbstractByteBufAllocator {
        private final List<ByteBuf> buffers = new ArrayList<>();
        private int largestRequestBytes;

        TrackingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity) {
            return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity), initialCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private ByteBuf track(final ByteBuf buffer, final int initialCapacity) {
            buffers.add(buffer);
            largestRequestBytes = Math.max(largestRequestBytes, initialCapacity);
            return buffer;
        }
    }
}
