package io.embeddedkinesis.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.InboundHttp2ToHttpAdapterBuilder;

/**
 * Builds each connection's pipeline: HTTP/1.1 or HTTP/2 decoding, aggregation of a whole request (the
 * service refuses bodies over 7 MiB with 413), then the Kinesis handler.
 *
 * <p>A cleartext connection that opens with the HTTP/2 preface ("prior knowledge", as the AWS SDK for
 * JavaScript's Kinesis client does by default) is served as HTTP/2; any other is HTTP/1.1. HTTP/2 streams
 * reach the handler as whole HTTP/1.1-style requests carrying their stream id, and its responses go back
 * on that stream. The {@code Upgrade: h2c} handshake is not offered: no AWS SDK uses it.
 */
public final class KinesisChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** The largest request body the service accepts. */
    public static final int MAX_REQUEST_BYTES = 7 * 1024 * 1024;

    private final KinesisHttpHandler handler;
    private final boolean tls;

    /**
     * @param handler the shared request handler.
     * @param tls     whether connections speak TLS.
     */
    public KinesisChannelInitializer(final KinesisHttpHandler handler, final boolean tls) {
        this.handler = handler;
        this.tls = tls;
    }

    @Override
    protected void initChannel(final SocketChannel channel) {
        final ChannelPipeline pipeline = channel.pipeline();
        final HttpServerCodec http1 = new HttpServerCodec();
        final HttpServerUpgradeHandler noUpgrades = new HttpServerUpgradeHandler(http1, protocol -> null);
        pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(http1, noUpgrades, http2()));
        pipeline.addLast(new HttpServerExpectContinueHandler());
        pipeline.addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
        pipeline.addLast(handler);
    }

    /** Turns HTTP/2 frames into full requests for the handler, and its full responses back into frames. */
    private static ChannelHandler http2() {
        final DefaultHttp2Connection connection = new DefaultHttp2Connection(true);
        return new HttpToHttp2ConnectionHandlerBuilder()
            .connection(connection)
            .frameListener(new InboundHttp2ToHttpAdapterBuilder(connection)
                .maxContentLength(MAX_REQUEST_BYTES)
                .propagateSettings(false)
                .build())
            .build();
    }

    boolean tls() {
        return tls;
    }
}
