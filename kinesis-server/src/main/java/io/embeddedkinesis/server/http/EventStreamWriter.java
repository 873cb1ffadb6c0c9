package io.embeddedkinesis.server.http;

import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.server.protocol.EventStream;
import io.embeddedkinesis.server.protocol.EventStreamMessages;
import io.embeddedkinesis.server.protocol.WireFormat;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one event-stream response: the head and the {@code initial-response} message, then one message per
 * event the broker publishes, each flushed at once, and at the end either the end of the body or an exception
 * message followed by it. An event that cannot be encoded ends the stream with {@code InternalFailureException}
 * and closes the channel. On HTTP/2 the body is the stream's DATA frames and its end is END_STREAM; on
 * HTTP/1.1 it is a chunked body, after which the connection is closed.
 *
 * <p><b>Flow control.</b> Events are asked for only while fewer than {@value #MAX_EVENTS_IN_FLIGHT} are asked
 * for or unwritten, and another is asked for when a write completes. A write completes when its bytes leave for
 * the socket, which on HTTP/2 is only once the client's flow-control window lets them, and the AWS SDK opens
 * the window only as its subscriber asks for events; so a slow subscriber stops the broker reading the shard
 * and the server holds at most that many events for it. (Channel writability would add nothing: the
 * outstanding writes are all this stream puts in the channel.)
 *
 * <p><b>Threads.</b> The broker calls {@code onNext}, {@code onComplete} and {@code onError} on its fan-out
 * thread; each hands the work to the channel's event loop, where everything else happens, in order, so no
 * state here is shared between threads but the subscription and the server's gauge. Events are encoded on the
 * event loop too, which spreads the work over the server's I/O threads rather than the broker's one fan-out
 * thread. The client resetting the stream or closing the connection closes the channel, which cancels the
 * subscription.
 *
 * @param <E> the type of the events.
 */
final class EventStreamWriter<E> implements Flow.Subscriber<E> {
    /** How many events one stream may have asked the broker for and not yet written out. */
    static final int MAX_EVENTS_IN_FLIGHT = 4;

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamWriter.class);

    private final Channel channel;
    private final EventStream<E> stream;
    private final WireFormat format;
    private final boolean closeAfter;
    private final AtomicInteger eventsAwaitingWrite;
    private volatile Flow.Subscription subscription;
    private int eventsOutstanding;
    private boolean ended;

    /**
     * @param channel             the HTTP/2 stream's channel, or the HTTP/1.1 connection.
     * @param stream              the events and their encoder.
     * @param format              the request's encoding.
     * @param closeAfter          whether to close the channel after the body (HTTP/1.1).
     * @param eventsAwaitingWrite the server's count of events received from the broker and not yet written out.
     */
    EventStreamWriter(final Channel channel, final EventStream<E> stream, final WireFormat format,
        final boolean closeAfter, final AtomicInteger eventsAwaitingWrite) {
        this.channel = channel;
        this.stream = stream;
        this.format = format;
        this.closeAfter = closeAfter;
        this.eventsAwaitingWrite = eventsAwaitingWrite;
    }

    /**
     * Writes the head and the initial response and subscribes to the events. Called on the event loop.
     *
     * @param head the response head, status 200.
     */
    void start(final HttpResponse head) {
        channel.write(head);
        channel.writeAndFlush(content(EventStreamMessages.initialResponse(format)));
        stream.events().subscribe(this);
        channel.closeFuture().addListener(closed -> cancel());
    }

    @Override
    public void onSubscribe(final Flow.Subscription granted) {
        subscription = granted;
        onEventLoop(this::requestMore);
    }

    @Override
    public void onNext(final E event) {
        eventsAwaitingWrite.incrementAndGet();
        if (!onEventLoop(() -> write(event))) {
            eventsAwaitingWrite.decrementAndGet();
        }
    }

    @Override
    public void onError(final Throwable error) {
        onEventLoop(() -> end(error, false));
    }

    @Override
    public void onComplete() {
        onEventLoop(() -> end(null, false));
    }

    private void requestMore() {
        final int more = MAX_EVENTS_IN_FLIGHT - eventsOutstanding;
        if (!ended && more > 0) {
            eventsOutstanding += more;
            subscription.request(more);
        }
    }

    private void write(final E event) {
        if (ended) {
            eventsAwaitingWrite.decrementAndGet();
            return;
        }
        final ByteBuffer message;
        try {
            message = stream.encoder().apply(event);
        } catch (final RuntimeException ex) {
            // Not the client's doing and no Kinesis error: it is told InternalFailureException rather than left
            // with a silent gap, and the broker stops pushing.
            eventsAwaitingWrite.decrementAndGet();
            eventsOutstanding--;
            end(ex, true);
            subscription.cancel();
            return;
        }
        channel.writeAndFlush(content(message)).addListener((ChannelFuture written) -> {
            eventsAwaitingWrite.decrementAndGet();
            eventsOutstanding--;
            if (written.isSuccess()) {
                requestMore();
            } else {
                LOG.debug("Closing {}: an event could not be written: {}", channel, written.cause().toString());
                channel.close();
            }
        });
    }

    /**
     * Ends the body, after an exception message if there was an error.
     *
     * @param error why the stream ended, or null when the events did.
     * @param close whether to close the channel after the body whatever the protocol: a stream that broke on
     *              this side is not to be reused.
     */
    private void end(final Throwable error, final boolean close) {
        if (ended) {
            return;
        }
        ended = true;
        if (error != null) {
            if (error instanceof KinesisException) {
                LOG.debug("Ending the event stream on {} with {}", channel, error.toString());
            } else {
                LOG.warn("Ending the event stream on {} after an unexpected failure", channel, error);
            }
            channel.write(content(EventStreamMessages.exception(format, error)));
        }
        final ChannelFuture last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (closeAfter || close) {
            last.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The client went away, or a write failed: the broker stops pushing. */
    private void cancel() {
        if (!ended) {
            ended = true;
            subscription.cancel();
        }
    }

    /**
     * Runs a task on the channel's event loop.
     *
     * @return false if the loop has shut down with the server, and with it the channel.
     */
    private boolean onEventLoop(final Runnable task) {
        try {
            channel.eventLoop().execute(task);
            return true;
        } catch (final RejectedExecutionException serverStopped) {
            // The server stopped: its channels are closed, and closing them cancelled the subscription.
            return false;
        }
    }

    private static DefaultHttpContent content(final ByteBuffer message) {
        return new DefaultHttpContent(Unpooled.wrappedBuffer(message));
    }
}
