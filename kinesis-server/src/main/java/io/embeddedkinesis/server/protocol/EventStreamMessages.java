package io.embeddedkinesis.server.protocol;

import io.embeddedkinesis.core.exception.KinesisErrorCode;
import io.embeddedkinesis.core.exception.KinesisException;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages of an AWS event stream ({@value #CONTENT_TYPE}), the body an event-stream operation such as
 * {@code SubscribeToShard} answers with, framed by the AWS SDK's own event-stream library:
 *
 * <pre>
 * ┌ total length (4) ┬ headers length (4) ┬ prelude CRC32 (4) ┐
 * ├ headers: name length (1), name, type (1), value length (2), value; repeated ┤
 * ├ payload: a document in the request's encoding                                   ┤
 * └ message CRC32 (4) ┘
 *
 * event       :message-type event,     :event-type initial-response | SubscribeToShardEvent, :content-type
 * exception   :message-type exception, :exception-type e.g. ResourceNotFoundException,     :content-type
 * </pre>
 *
 * <p>A stream opens with an {@code initial-response} event whose payload is the operation's (empty) output,
 * then carries one event per push, and ends either with the HTTP stream or after one exception message,
 * whose payload holds the error's {@code message} as the error bodies of ordinary responses do. The AWS SDKs
 * take the exception's type from {@code :exception-type} and raise their exception of that name.
 *
 * <p>Stateless; thread-safe.
 */
public final class EventStreamMessages {
    /** The media type of an event-stream response body. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private static final String MESSAGE_TYPE = ":message-type";
    private static final String EVENT_TYPE = ":event-type";
    private static final String EXCEPTION_TYPE = ":exception-type";
    private static final String PAYLOAD_TYPE = ":content-type";

    private EventStreamMessages() {
    }

    /**
     * The first message of every event stream: the operation's output, which for {@code SubscribeToShard} has
     * no members.
     *
     * @param format the request's encoding.
     * @return the encoded message.
     */
    public static ByteBuffer initialResponse(final WireFormat format) {
        return event(format, "initial-response", new ResponseWriter(format).toBytes());
    }

    /**
     * An event.
     *
     * @param format    the request's encoding, which the payload is in.
     * @param eventType the event's member name in the operation's event-stream union, e.g.
     *                  {@code SubscribeToShardEvent}.
     * @param payload   the event's members, encoded.
     * @return the encoded message.
     */
    public static ByteBuffer event(final WireFormat format, final String eventType, final byte[] payload) {
        final Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(MESSAGE_TYPE, HeaderValue.fromString("event"));
        headers.put(EVENT_TYPE, HeaderValue.fromString(eventType));
        headers.put(PAYLOAD_TYPE, HeaderValue.fromString(format.contentType()));
        return new Message(headers, payload).toByteBuffer();
    }

    /**
     * The message that ends a stream that failed after it started: the Kinesis error by name and message, or
     * {@code InternalFailureException} for anything that is not a Kinesis error (whose details stay in the
     * server's log).
     *
     * @param format the request's encoding.
     * @param error  why the stream ended.
     * @return the encoded message.
     */
    public static ByteBuffer exception(final WireFormat format, final Throwable error) {
        final String type;
        final String message;
        if (error instanceof KinesisException kinesis) {
            type = kinesis.errorCode().wireName();
            message = kinesis.getMessage();
        } else {
            type = KinesisErrorCode.INTERNAL_FAILURE.wireName();
            message = "Internal service failure.";
        }
        final Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(MESSAGE_TYPE, HeaderValue.fromString("exception"));
        headers.put(EXCEPTION_TYPE, HeaderValue.fromString(type));
        headers.put(PAYLOAD_TYPE, HeaderValue.fromString(format.contentType()));
        return new Message(headers, new ResponseWriter(format).string("message", message).toBytes()).toByteBuffer();
    }
}
