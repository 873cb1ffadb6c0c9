package io.embeddedkinesis.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;

/**
 * Builds each connection's pipeline for the protocol the client speaks. Every protocol ends in the same
 * request handlers: Expect: 100-continue is answered, a whole request is aggregated (bodies over
 * {@link #MAX_REQUEST_BYTES} are refused with 413, as the service refuses oversized bodies), and the shared
 * {@link KinesisHttpHandler} answers it.
 *
 * <pre>
 * cleartext  first bytes ─┬─ HTTP/2 preface ─────────────▶ HTTP/2 (prior knowledge)
 *                         ├─ HTTP/1.1 with Upgrade: h2c ──▶ 101, then HTTP/2; the request is stream 1
 *                         └─ other HTTP/1.1 ──────────────▶ HTTP/1.1
 * TLS        ALPN ────────┬─ h2 ──────────────────────────▶ HTTP/2
 *                         ├─ http/1.1 ────────────────────▶ HTTP/1.1
 *                         └─ none: first bytes as in cleartext, without Upgrade
 *
 * HTTP/1.1   HttpServerCodec ▶ request handlers
 * HTTP/2     Http2FrameCodec ▶ Http2MultiplexHandler ▶ one child channel per stream:
 *                                Http2StreamFrameToHttpObjectCodec ▶ request handlers
 * </pre>
 *
 * <p>The TLS branch without ALPN exists because the AWS SDK's Netty client, in its default
 * {@code ProtocolNegotiation.ASSUME_PROTOCOL}, sends no ALPN and starts HTTP/2 with prior knowledge.
 *
 * <p>HTTP/2 streams get child channels ({@link Http2MultiplexHandler}) rather than
 * {@code InboundHttp2ToHttpAdapter}, which folds every stream into one channel: its body limit is a
 * connection error that would fail every request in flight, where a child channel answers 413 on its own
 * stream like HTTP/1.1 does; and a child channel carries a long event stream (SubscribeToShard, written by
 * {@code EventStreamWriter}) with its own flow control, which a single {@code HttpToHttp2ConnectionHandler}
 * cannot interleave.
 *
 * <p>Sharable: one instance serves every connection of a server.
 */
@ChannelHandler.Sharable
public final class KinesisChannelInitializer extends ChannelInitializer<SocketChannel> {
    /**
     * The largest request body the endpoint accepts: 14 MiB, so that every request the Kinesis model allows
     * gets a Kinesis answer rather than a 413. The largest is a PutRecords of 10 MiB of data and partition
     * keys (a PutRecord's 10 MiB of data is a little smaller): in JSON the data grows by 4/3 with base64, to
     * 13,981,016 bytes, and the rest is bounded too: 500 records of member names, 39-digit explicit hash keys
     * and partition keys of 256 characters, which count once per UTF-8 byte towards the 10 MiB but take up to
     * six bytes each in JSON ({@code \u0001}), plus the stream's name and ARN. That is at most about
     * 14.63 MB, under 14 MiB (14,680,064 bytes); CBOR carries the data unencoded. As kinesalite's 7 MiB for
     * the former 5 MiB requests, anything larger cannot be a valid request.
     */
    public static final int MAX_REQUEST_BYTES = 14 * 1024 * 1024;

    /** The largest piece of a request body the HTTP/1.1 codec passes on at once: more than one socket read. */
    private static final int MAX_CONTENT_CHUNK_BYTES = 1024 * 1024;
    private static final String EXPECT_CONTINUE = "expect-continue";
    private static final String AGGREGATOR = "aggregator";
    private static final String KINESIS = "kinesis";
    private static final String EXCEPTIONS = "exceptions";

    private final KinesisHttpHandler handler;
    private final SslContext sslContext;
    private final ChannelHandler streamInitializer = new ChannelInitializer<>() {
        @Override
        protected void initChannel(final Channel stream) {
            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
            addRequestHandlers(stream.pipeline());
        }
    };

    /**
     * @param handler    the shared request handler.
     * @param sslContext the server TLS context, or null for cleartext connections.
     */
    public KinesisChannelInitializer(final KinesisHttpHandler handler, final SslContext sslContext) {
        this.handler = handler;
        this.sslContext = sslContext;
    }

    @Override
    protected void initChannel(final SocketChannel channel) {
        final ChannelPipeline pipeline = channel.pipeline();
        if (sslContext == null) {
            configureHttp1OrHttp2(pipeline, true);
        } else {
            pipeline.addLast(sslContext.newHandler(channel.alloc()));
            pipeline.addLast(new AlpnProtocolHandler(this));
        }
    }

    /**
     * HTTP/1.1 only, as chosen by ALPN.
     */
    void configureHttp1(final ChannelPipeline pipeline) {
        pipeline.addLast(newHttpServerCodec());
        addRequestHandlers(pipeline);
    }

    /**
     * HTTP/1.1 unless the first bytes are the HTTP/2 preface; with {@code h2cUpgrade}, a request may also
     * switch the connection to HTTP/2 (RFC 7540, section 3.2, which is for cleartext only).
     */
    void configureHttp1OrHttp2(final ChannelPipeline pipeline, final boolean h2cUpgrade) {
        final HttpServerCodec codec = newHttpServerCodec();
        final HttpServerUpgradeHandler.UpgradeCodecFactory upgrades = protocol ->
            h2cUpgrade && AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                ? new H2cUpgradeCodec(newHttp2FrameCodec(), new Http2MultiplexHandler(streamInitializer))
                : null;
        final ChannelHandler priorKnowledge = new ChannelInitializer<>() {
            @Override
            protected void initChannel(final Channel channel) {
                configureHttp2(channel.pipeline());
            }
        };
        pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(codec,
            new HttpServerUpgradeHandler(codec, upgrades, MAX_REQUEST_BYTES), priorKnowledge));
        addRequestHandlers(pipeline);
    }

    /**
     * HTTP/2, replacing the HTTP/1.1 request handlers if the connection started with them.
     */
    void configureHttp2(final ChannelPipeline pipeline) {
        removeRequestHandlers(pipeline);
        if (pipeline.get(EXCEPTIONS) == null) {
            pipeline.addLast(EXCEPTIONS, ChannelExceptionHandler.INSTANCE);
        }
        pipeline.addBefore(EXCEPTIONS, null, newHttp2FrameCodec());
        pipeline.addBefore(EXCEPTIONS, null, new Http2MultiplexHandler(streamInitializer));
    }

    /**
     * Removes the request handlers from a connection that turned out to speak HTTP/2, where they live in each
     * stream's pipeline instead. The exception handler stays, last.
     */
    static void removeRequestHandlers(final ChannelPipeline pipeline) {
        for (final String name : new String[] {EXPECT_CONTINUE, AGGREGATOR, KINESIS}) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
    }

    private void addRequestHandlers(final ChannelPipeline pipeline) {
        pipeline.addLast(EXPECT_CONTINUE, new HttpServerExpectContinueHandler());
        pipeline.addLast(AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BYTES));
        pipeline.addLast(KINESIS, handler);
        pipeline.addLast(EXCEPTIONS, ChannelExceptionHandler.INSTANCE);
    }

    /**
     * The HTTP/1.1 codec, passing a body on in pieces as large as the socket reads give (up to
     * {@value #MAX_CONTENT_CHUNK_BYTES} bytes) rather than Netty's default of 8 KiB: a 500-record
     * {@code PutRecords} of about 90 KB then reaches the aggregator as two or three pieces, not a dozen.
     */
    private static HttpServerCodec newHttpServerCodec() {
        return new HttpServerCodec(new HttpDecoderConfig().setMaxChunkSize(MAX_CONTENT_CHUNK_BYTES));
    }

    private static Http2FrameCodec newHttp2FrameCodec() {
        return Http2FrameCodecBuilder.forServer().build();
    }
}
