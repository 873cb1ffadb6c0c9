package io.embeddedkinesis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.embeddedkinesis.core.exception.KinesisErrorCode;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.stream.RecordWriter;
import io.embeddedkinesis.server.auth.AuthenticationException;
import io.embeddedkinesis.server.auth.RequestAuthenticator;
import io.embeddedkinesis.server.protocol.ErrorBodies;
import io.embeddedkinesis.server.protocol.EventStream;
import io.embeddedkinesis.server.protocol.EventStreamMessages;
import io.embeddedkinesis.server.protocol.KinesisOperations;
import io.embeddedkinesis.server.protocol.Operation;
import io.embeddedkinesis.server.protocol.PutRecordsParser;
import io.embeddedkinesis.server.protocol.RequestReader;
import io.embeddedkinesis.server.protocol.ResponseWriter;
import io.embeddedkinesis.server.protocol.SerializationException;
import io.embeddedkinesis.server.protocol.WireFormat;
import io.embeddedkinesis.server.sts.SecurityTokenService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one Kinesis request: works out the operation and encoding, authenticates, type-checks, calls the
 * broker and answers, refusing bad requests in the order and with the answers the service gives
 * (wrong method, empty or unparsable body, unknown content type or operation, bad signature, wrong member
 * types, then the operation's own validation). A request for AWS STS, which some Kinesis clients make of their
 * own, goes to the {@link SecurityTokenService} instead.
 *
 * <p>Stateless and shared by every connection and every HTTP/2 stream (each stream is a channel of its own,
 * so an answer goes back on the stream its request came from); runs on the connection's event loop, since
 * broker calls take microseconds and never wait on a peer.
 *
 * <p>An event-stream operation ({@code SubscribeToShard}) is refused like any other while its request is
 * checked; once the broker accepts it, the answer is a status 200 with an event-stream body that an
 * {@code EventStreamWriter} writes as the events come. On HTTP/2 that is one stream among the connection's
 * others. On HTTP/1.1 (which the AWS SDKs do not use for it) the body is chunked and the connection closes
 * after it ({@code Connection: close}): requests the client pipelines behind it are not answered, and it sends
 * them again on a new connection, as HTTP/1.1 has clients do after a close.
 */
@ChannelHandler.Sharable
public final class KinesisHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisHttpHandler.class);
    private static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final String KINESIS_SERVICE = "kinesis";
    private static final String PLAIN_JSON = "application/json";
    private static final String PUT_RECORDS = "PutRecords";
    private static final String REQUEST_ID = "x-amzn-RequestId";
    private static final long UUID_VERSION_MASK = 0xF000L;
    private static final long UUID_VERSION_4 = 0x4000L;
    private static final long UUID_VARIANT_MASK = 0xC000_0000_0000_0000L;
    private static final long UUID_VARIANT_IETF = 0x8000_0000_0000_0000L;
    /** About what one record's result takes in a {@code PutRecords} answer (a sequence number and a shard id). */
    private static final int PUT_RECORDS_RESULT_BYTES = 112;
    /** The bytes of an {@code x-amz-id-2}: AWS's are 72 to 80, written in base64. */
    private static final int EXTENDED_REQUEST_ID_BYTES = 72;
    private static final String ACCESS_DENIED_XML = "<AccessDeniedException>\n  <Message>Unable to determine"
        + " service/operation name to be authorized</Message>\n</AccessDeniedException>\n";

    private final KinesisOperations operations;
    private final RequestAuthenticator authenticator;
    private final SecurityTokenService sts;
    private static final AttributeKey<Boolean> STREAMING = AttributeKey.valueOf("kinesis.eventStream");

    private final EpochClock clock;
    private final AtomicInteger eventsAwaitingWrite = new AtomicInteger();
    /** The last {@code Date} header written; a race only formats a second twice. */
    private volatile HttpDate lastDate;

    /**
     * @param operations    the operations to dispatch to.
     * @param authenticator checks each request's credentials.
     * @param sts           answers the requests for AWS STS that come to the endpoint.
     * @param clock         the broker's clock, for the {@code Date} header the SDKs correct clock skew by.
     */
    public KinesisHttpHandler(final KinesisOperations operations, final RequestAuthenticator authenticator,
        final SecurityTokenService sts, final EpochClock clock) {
        this.operations = operations;
        this.authenticator = authenticator;
        this.sts = sts;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        if (ctx.channel().hasAttr(STREAMING)) {
            return;
        }
        final FullHttpResponse response;
        if (CrossOrigin.isPreflight(request)) {
            response = CrossOrigin.preflight(request);
            identify(response);
        } else {
            response = respond(ctx, request);
            if (response == null) {
                return;
            }
            stamp(response);
            CrossOrigin.allow(request, response);
        }
        HttpUtil.setContentLength(response, response.content().readableBytes());
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * How many events the server's event streams have taken from the broker and not yet written out: what a
     * slow client makes the server hold, which flow control keeps to a few per stream.
     *
     * @return the number of events, across every connection.
     */
    public int eventsAwaitingWrite() {
        return eventsAwaitingWrite.get();
    }

    /**
     * Gives a response its request ids and date, as AWS gives every answer of an operation: the request id, the
     * extended request id ({@code x-amz-id-2}, which the SDKs report beside it) and the date, by which an SDK
     * whose signatures are refused as expired adjusts its clock. The ids are random, drawn from a fast
     * generator: they have to be unique, not unguessable.
     */
    private void stamp(final HttpResponse response) {
        identify(response);
        final byte[] extendedId = new byte[EXTENDED_REQUEST_ID_BYTES];
        ThreadLocalRandom.current().nextBytes(extendedId);
        response.headers().set("x-amz-id-2", Base64.getEncoder().encodeToString(extendedId));
        date(response);
    }

    /**
     * Gives a response its request id, a random (version 4) UUID, unless it has one already: an STS answer,
     * whose body names its id too.
     */
    private static void identify(final HttpResponse response) {
        if (response.headers().contains(REQUEST_ID)) {
            return;
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final long high = random.nextLong() & ~UUID_VERSION_MASK | UUID_VERSION_4;
        final long low = random.nextLong() & ~UUID_VARIANT_MASK | UUID_VARIANT_IETF;
        response.headers().set(REQUEST_ID, new UUID(high, low).toString());
    }

    /** Gives a response its {@code Date}, formatted once a second. */
    private void date(final HttpResponse response) {
        final long second = Math.floorDiv(clock.time(), 1000L);
        HttpDate date = lastDate;
        if (date == null || date.epochSecond() != second) {
            date = new HttpDate(second, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
            lastDate = date;
        }
        response.headers().set(HttpHeaderNames.DATE, date.text());
    }

    /** A second and its {@code Date} header text; shared by the event loops, so replaced whole. */
    private record HttpDate(long epochSecond, String text) {
    }

    /**
     * A connection failed underneath (most often a client that went away mid-request): nothing can be
     * answered on it any more, so it is closed.
     */
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        LOG.debug("Closing connection {} after {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** The whole response, or null if an event stream has begun answering instead. */
    private FullHttpResponse respond(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        if (SecurityTokenService.isFor(request)) {
            return sts.answer(request);
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return text(HttpResponseStatus.FORBIDDEN, "application/xml", ACCESS_DENIED_XML);
        }
        final String target = request.headers().get("X-Amz-Target");
        final Operation operation = target != null && target.startsWith(TARGET_PREFIX)
            ? operations.find(target.substring(TARGET_PREFIX.length())) : null;
        final String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        final WireFormat format = WireFormat.of(contentType);
        if (request.content().readableBytes() == 0) {
            final WireFormat answer = format == WireFormat.JSON ? WireFormat.JSON : WireFormat.CBOR;
            return error(answer, HttpResponseStatus.BAD_REQUEST,
                operation != null ? "SerializationException" : "UnknownOperationException", null, null);
        }
        if (format == null) {
            return unsupportedContentType(request, target, contentType);
        }
        if (operation != null && PUT_RECORDS.equals(operation.name())) {
            final PutRecordsRequest parsed =
                PutRecordsParser.tryParse(ByteBufUtil.getBytes(request.content()), format);
            if (parsed != null) {
                return guarded(format, operation, () -> {
                    authenticator.authenticate(request, KINESIS_SERVICE);
                    // Sized before the 500-record limit is checked: a request of millions of empty entries
                    // must not reserve a buffer for their results.
                    final int results = Math.min(parsed.records().size(), RecordWriter.MAX_PUT_RECORDS_ENTRIES);
                    return ok(ctx, format, results * PUT_RECORDS_RESULT_BYTES,
                        writer -> operations.putRecords(parsed, writer));
                });
            }
        }
        final JsonNode document;
        try {
            document = format.mapper().readTree(new ByteBufInputStream(request.content().duplicate()));
        } catch (final IOException ex) {
            return error(format, HttpResponseStatus.BAD_REQUEST, "SerializationException", null, null);
        }
        if (document == null || !document.isObject()) {
            return error(format, HttpResponseStatus.BAD_REQUEST, "SerializationException", null, null);
        }
        if (operation == null) {
            return error(format, HttpResponseStatus.BAD_REQUEST, "UnknownOperationException", null, null);
        }
        return invoke(ctx, request, operation, document, format);
    }

    private FullHttpResponse invoke(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final Operation operation, final JsonNode document, final WireFormat format) {
        return guarded(format, operation, () -> {
            authenticator.authenticate(request, KINESIS_SERVICE);
            final RequestReader reader = new RequestReader(document, format).checkTypes(operation.members());
            if (operation.isEventStream()) {
                stream(ctx, request, operation.eventStreamHandler().open(reader, format), format);
                return null;
            }
            return ok(ctx, format, 0, writer -> operation.handler().handle(reader, writer));
        });
    }

    /**
     * A successful answer, its document written straight into a buffer of the connection's allocator, the one
     * the response is sent from; the buffer is let go if anything is thrown on the way (an error the operation
     * answers with, or an {@code Error} such as running out of direct memory while the buffer grows).
     *
     * @param sizeHint the document's expected size in bytes, or 0 to let the buffer grow from small.
     */
    private static FullHttpResponse ok(final ChannelHandlerContext ctx, final WireFormat format, final int sizeHint,
        final Consumer<ResponseWriter> body) {
        final ByteBuf content = sizeHint > 0 ? ctx.alloc().buffer(sizeHint) : ctx.alloc().buffer();
        boolean answered = false;
        try {
            final ResponseWriter writer = new ResponseWriter(format, new ByteBufOutputStream(content));
            body.accept(writer);
            writer.end();
            if (writer.isEmpty()) {
                // An operation without output: Kinesis answers 200 with an empty body, not an empty document.
                content.clear();
            }
            final FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
            answered = true;
            return response;
        } finally {
            if (!answered) {
                content.release();
            }
        }
    }

    /**
     * Runs an authenticated call and turns what it throws into the service's error responses.
     *
     * @param format    the request's encoding, which errors are answered in.
     * @param operation the operation, for logs.
     * @param call      authenticates, serves the request and returns the response (null for an event stream).
     */
    private FullHttpResponse guarded(final WireFormat format, final Operation operation,
        final Supplier<FullHttpResponse> call) {
        try {
            return call.get();
        } catch (final AuthenticationException ex) {
            return error(format, HttpResponseStatus.valueOf(ex.status()), ex.errorType(), "message", ex.getMessage());
        } catch (final SerializationException ex) {
            return error(format, HttpResponseStatus.BAD_REQUEST, "SerializationException", "Message", ex.getMessage());
        } catch (final KinesisException ex) {
            final boolean internal = ex.errorCode() == KinesisErrorCode.INTERNAL_FAILURE;
            if (internal) {
                LOG.warn("{} failed inside the broker", operation.name(), ex);
            }
            return error(format, internal ? HttpResponseStatus.INTERNAL_SERVER_ERROR : HttpResponseStatus.BAD_REQUEST,
                ex.errorCode().wireName(), "message", ex.getMessage());
        } catch (final RuntimeException ex) {
            LOG.warn("{} failed unexpectedly", operation.name(), ex);
            return error(format, HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalFailure", null, null);
        }
    }

    private <E> void stream(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final EventStream<E> events, final WireFormat format) {
        final HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, EventStreamMessages.CONTENT_TYPE);
        stamp(head);
        CrossOrigin.allow(request, head);
        final boolean http1 = !(ctx.channel() instanceof Http2StreamChannel);
        if (http1) {
            HttpUtil.setTransferEncodingChunked(head, true);
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.channel().attr(STREAMING).set(Boolean.TRUE);
        }
        new EventStreamWriter<>(ctx.channel(), events, format, http1, eventsAwaitingWrite).start(head);
    }

    /**
     * A content type the service does not speak. Plain {@code application/json} reaches an older front end
     * that answers in its own envelope; anything else is refused by the router.
     */
    private static FullHttpResponse unsupportedContentType(final FullHttpRequest request, final String target,
        final String contentType) {
        if (contentType != null && contentType.startsWith(PLAIN_JSON)) {
            final boolean parses = parsesAsJson(request);
            return text(parses ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.BAD_REQUEST, PLAIN_JSON,
                "{\"Output\":{\"__type\":\"com.amazon.coral.service#"
                    + (parses ? "UnknownOperationException" : "SerializationException") + "\"},\"Version\":\"1.0\"}");
        }
        if (target == null) {
            return text(HttpResponseStatus.FORBIDDEN, "application/xml", ACCESS_DENIED_XML);
        }
        return text(HttpResponseStatus.NOT_FOUND, "application/xml", "<UnknownOperationException/>\n");
    }

    private static boolean parsesAsJson(final FullHttpRequest request) {
        try {
            final JsonNode node = WireFormat.JSON.mapper().readTree(new ByteBufInputStream(
                request.content().duplicate()));
            return node != null && node.isObject();
        } catch (final IOException ex) {
            return false;
        }
    }

    private static FullHttpResponse error(final WireFormat format, final HttpResponseStatus status, final String type,
        final String messageKey, final String message) {
        final FullHttpResponse response = response(status, format.contentType(),
            ErrorBodies.of(format, type, messageKey, message));
        response.headers().set("x-amzn-ErrorType", type);
        return response;
    }

    private static FullHttpResponse text(final HttpResponseStatus status, final String contentType, final String body) {
        return response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(final HttpResponseStatus status, final String contentType,
        final byte[] body) {
        final FullHttpResponse response =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }
}
