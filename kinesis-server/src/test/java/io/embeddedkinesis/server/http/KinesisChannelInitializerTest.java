package io.embeddedkinesis.server.http;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.auth.RequestAuthenticator;
import io.embeddedkinesis.server.protocol.KinesisOperations;
import io.embeddedkinesis.server.sts.SecurityTokenService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.ServerChannel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline a cleartext connection ends up with for each way of starting: it must hold exactly one
 * protocol's handlers, with nothing of HTTP/1.1 left behind a connection that switched to HTTP/2.
 */
class KinesisChannelInitializerTest {
    /** An empty SETTINGS frame: length 0, type 4, no flags, stream 0. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    @TempDir
    Path directory;

    private KinesisBroker broker;
    private KinesisChannelInitializer initializer;
    private EmbeddedServerChannel server;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        broker = KinesisBroker.open(directory);
        initializer = new KinesisChannelInitializer(
            new KinesisHttpHandler(new KinesisOperations(broker), RequestAuthenticator.ACCEPT_ALL,
                new SecurityTokenService("000000000000", "aws", RequestAuthenticator.ACCEPT_ALL),
                broker.config().clock()), null);
        // Netty's multiplexer tells a server connection by its parent, and takes stream 1 after h2c only there.
        server = new EmbeddedServerChannel();
        channel = new EmbeddedChannel(server, DefaultChannelId.newInstance(), true, false);
        initializer.configureHttp1OrHttp2(channel.pipeline(), true);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        server.finishAndReleaseAll();
        broker.close();
    }

    @Test
    void shouldSwitchToHttp2OnThePriorKnowledgePreface() {
        final ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        channel.writeInbound(Unpooled.wrappedBuffer(preface, Unpooled.wrappedBuffer(EMPTY_SETTINGS)));

        assertThat(handlerTypes()).containsExactly(Http2FrameCodec.class, Http2MultiplexHandler.class,
            ChannelExceptionHandler.class);
    }

    @Test
    void shouldSwitchToHttp2OnUpgradeH2c() {
        channel.writeInbound(ascii("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
            + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAA\r\n\r\n"));

        assertThat(firstOutbound()).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(handlerTypes()).containsExactly(Http2FrameCodec.class, Http2MultiplexHandler.class,
            ChannelExceptionHandler.class);
    }

    @Test
    void shouldStayOnHttp11ForAnyOtherRequest() {
        channel.writeInbound(ascii("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Kinesis_20131202.ListStreams"
            + "\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}"));

        assertThat(firstOutbound()).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(handlerTypes()).contains(HttpServerCodec.class, HttpObjectAggregator.class,
            KinesisHttpHandler.class).endsWith(ChannelExceptionHandler.class)
            .doesNotContain(Http2FrameCodec.class, Http2MultiplexHandler.class);
    }

    private List<Class<? extends ChannelHandler>> handlerTypes() {
        return channel.pipeline().toMap().values().stream().map(ChannelHandler::getClass)
            .collect(Collectors.toList());
    }

    private String firstOutbound() {
        final ByteBuf bytes = channel.readOutbound();
        try {
            return bytes.toString(StandardCharsets.US_ASCII);
        } finally {
            bytes.release();
        }
    }

    /** A stand-in for the listening socket a connection was accepted on. */
    private static final class EmbeddedServerChannel extends EmbeddedChannel implements ServerChannel {
    }

    private static ByteBuf ascii(final String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
