package io.embeddedkinesis.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The last handler of every connection and every HTTP/2 stream: closes the channel an exception reached
 * (for a stream, that resets the stream alone). A peer that went away is routine for a server and logged at
 * debug; anything else is logged as a warning. Without it Netty logs every reset connection as a warning
 * "reached at the tail of the pipeline".
 *
 * <p>Stateless and shared.
 */
@ChannelHandler.Sharable
final class ChannelExceptionHandler extends ChannelInboundHandlerAdapter {
    static final ChannelExceptionHandler INSTANCE = new ChannelExceptionHandler();

    private static final Logger LOG = LoggerFactory.getLogger(ChannelExceptionHandler.class);

    private ChannelExceptionHandler() {
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Closing {}: {}", ctx.channel(), cause.toString());
        } else {
            LOG.warn("Closing {} after an unexpected failure", ctx.channel(), cause);
        }
        ctx.close();
    }
}
