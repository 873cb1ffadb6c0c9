package io.embeddedkinesis.benchmarks.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of the endpoint benchmarks, the AWS SDK client's own ceiling: an HTTP endpoint on 127.0.0.1
 * that answers every {@code PutRecord}, {@code PutRecords} and {@code GetRecords} call with a fixed
 * successful response, encoded once at start in both encodings, and picked by the request's
 * {@code X-Amz-Target} and {@code Content-Type}. Any other call gets {@code UnknownOperationException}.
 *
 * <p>It decodes the HTTP framing and discards the request body unread: no parsing, no validation, no
 * storage. What a benchmark measures against it is the client's marshalling, signing, HTTP exchange and
 * unmarshalling, over the same loopback and the same Netty HTTP/1.1 codec that kinesis-server uses, so a
 * target's score divided by this one is the share of the client's ceiling that the target keeps.
 *
 * <p>Thread-safe; serves connections on one event-loop thread.
 */
public final class CannedKinesisEndpoint implements AutoCloseable {
    /** The {@code NextShardIterator} of every {@code GetRecords} response; any iterator is accepted. */
    public static final String SHARD_ITERATOR = "canned-shard-iterator";


    private final CannedResponses json;
    private final CannedResponses cbor;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    private CannedKinesisEndpoint(final int putRecordsCount, final int getRecordsCount, final int dataSizeBytes) {
        this.json = new CannedResponses(false, putRecordsCount, getRecordsCount, dataSizeBytes);
        this.cbor = new CannedResponses(true, putRecordsCount, getRecordsCount, dataSizeBytes);
        try {
            this.channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new CannedHandler());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
        } catch (final RuntimeException ex) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            throw ex;
        }
    }

    /**
     * Encodes the responses and starts listening on a free port.
     *
     * @param putRecordsCount how many entries each {@code PutRecords} response has.
     * @param getRecordsCount how many records each {@code GetRecords} response has.
     * @param dataSizeBytes   the data length of each of those records.
     * @return the running endpoint.
     */
    public static CannedKinesisEndpoint start(final int putRecordsCount, final int getRecordsCount,
        final int dataSizeBytes) {
        return new CannedKinesisEndpoint(putRecordsCount, getRecordsCount, dataSizeBytes);
    }

    /**
     * The URL to give the client as its endpoint override.
     *
     * @return e.g. {@code http://127.0.0.1:41234}.
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
    }

    /** Stops listening and releases the thread; idempotent. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private FullHttpResponse respond(final HttpRequest request) {
        final String contentType = request.headers().get(CannedResponses.CONTENT_TYPE, "");
        final CannedResponses responses = contentType.startsWith(CannedResponses.CBOR_TYPE) ? cbor : json;
        final byte[] body = responses.forTarget(request.headers().get(CannedResponses.TARGET, ""));
        final FullHttpResponse response;
        if (body == null) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(responses.unknownOperation()));
            response.headers().set(CannedResponses.ERROR_TYPE, CannedResponses.UNKNOWN_OPERATION);
        } else {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        }
        response.headers()
            .set(CannedResponses.CONTENT_TYPE, responses.contentType())
            .set(CannedResponses.REQUEST_ID, CannedResponses.REQUEST_ID_VALUE);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    /** One connection's exchange: the response is chosen from the request's head and sent at its end. */
    private final class CannedHandler extends SimpleChannelInboundHandler<HttpObject> {
        private FullHttpResponse pending;
        private boolean keepAlive;

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final HttpObject message) {
            if (message instanceof HttpRequest request) {
                pending = respond(request);
                keepAlive = HttpUtil.isKeepAlive(request);
                HttpUtil.setKeepAlive(pending, keepAlive);
            }
            if (message instanceof LastHttpContent && pending != null) {
                final FullHttpResponse response = pending;
                pending = null;
                if (keepAlive) {
                    ctx.writeAndFlush(response);
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            }
        }

        /** A client that closes its connections may reset them; that ends the exchange and is no error. */
        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) {
            if (pending != null) {
                pending.release();
                pending = null;
            }
            ctx.fireChannelInactive();
        }
    }
}
