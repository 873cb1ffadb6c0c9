package io.embeddedkinesis.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;

import java.util.Collection;

/**
 * Switches a cleartext HTTP/1.1 connection to HTTP/2 on {@code Upgrade: h2c}: Netty's
 * {@link Http2ServerUpgradeCodec} installs the HTTP/2 handlers and replays the upgrading request as stream 1;
 * this codec also takes out the HTTP/1.1 request handlers, which would otherwise linger on the connection
 * behind the multiplexer. One per upgrade.
 */
final class H2cUpgradeCodec implements HttpServerUpgradeHandler.UpgradeCodec {
    private final Http2ServerUpgradeCodec upgrade;

    H2cUpgradeCodec(final Http2FrameCodec frameCodec, final Http2MultiplexHandler multiplexer) {
        this.upgrade = new Http2ServerUpgradeCodec(frameCodec, multiplexer);
    }

    @Override
    public Collection<CharSequence> requiredUpgradeHeaders() {
        return upgrade.requiredUpgradeHeaders();
    }

    @Override
    public boolean prepareUpgradeResponse(final ChannelHandlerContext ctx, final FullHttpRequest upgradeRequest,
        final HttpHeaders upgradeHeaders) {
        return upgrade.prepareUpgradeResponse(ctx, upgradeRequest, upgradeHeaders);
    }

    @Override
    public void upgradeTo(final ChannelHandlerContext ctx, final FullHttpRequest upgradeRequest) {
        upgrade.upgradeTo(ctx, upgradeRequest);
        KinesisChannelInitializer.removeRequestHandlers(ctx.pipeline());
    }
}
