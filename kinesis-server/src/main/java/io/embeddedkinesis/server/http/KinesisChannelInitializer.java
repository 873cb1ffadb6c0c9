package io.embeddedkinesis.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;

/**
 * Builds each connection's pipeline: HTTP/1.1 decoding, aggregation of a whole request (the service
 * refuses bodies over 7 MiB with 413), then the Kinesis handler.
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
        pipeline.addLast(new HttpServerCodec());
        pipeline.addLast(new HttpServerExpectContinueHandler());
        pipeline.addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
        pipeline.addLast(handler);
    }

    boolean tls() {
        return tls;
    }
}
