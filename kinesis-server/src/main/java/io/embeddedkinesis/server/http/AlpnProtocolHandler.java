package io.embeddedkinesis.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * Once the TLS handshake is done, builds the rest of the pipeline for the protocol ALPN chose, or, when the
 * client sent no ALPN, for whichever of HTTP/2 and HTTP/1.1 it starts speaking. One per connection.
 */
final class AlpnProtocolHandler extends ApplicationProtocolNegotiationHandler {
    /** What Netty reports when the client offered no protocol: ALPN names are never empty. */
    private static final String NO_ALPN = "";

    private final KinesisChannelInitializer initializer;

    AlpnProtocolHandler(final KinesisChannelInitializer initializer) {
        super(NO_ALPN);
        this.initializer = initializer;
    }

    @Override
    protected void configurePipeline(final ChannelHandlerContext ctx, final String protocol) {
        switch (protocol) {
            case ApplicationProtocolNames.HTTP_2 -> initializer.configureHttp2(ctx.pipeline());
            case ApplicationProtocolNames.HTTP_1_1 -> initializer.configureHttp1(ctx.pipeline());
            case NO_ALPN -> initializer.configureHttp1OrHttp2(ctx.pipeline(), false);
            default -> throw new IllegalStateException("ALPN chose a protocol the server never offered: protocol="
                + protocol);
        }
    }
}
