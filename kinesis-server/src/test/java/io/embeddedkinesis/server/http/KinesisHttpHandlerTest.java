package io.embeddedkinesis.server.http;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.auth.RequestAuthenticator;
import io.embeddedkinesis.server.protocol.KinesisOperations;
import io.netty.buffer.Unpooled;
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
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The headers every answer carries: the date by the broker's clock, and a fresh request id. */
class KinesisHttpHandlerTest {
    private final KinesisBroker broker = KinesisBroker.open();
    private final CachedEpochClock clock = new CachedEpochClock();
    private final EmbeddedChannel channel = new EmbeddedChannel(
        new KinesisHttpHandler(new KinesisOperations(broker), RequestAuthenticator.ACCEPT_ALL, clock));

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

    private FullHttpResponse listStreams() {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
            Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
        request.headers().set("X-Amz-Target", "Kinesis_20131202.ListStreams")
            .set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.1");
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(200);
        response.release();
        return response;
    }
}
