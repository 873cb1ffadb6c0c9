package io.embeddedkinesis.server.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One Kinesis operation as the endpoint serves it: its request shape, for type checks, and its handler,
 * which either writes a whole response or, for an event-stream operation ({@code SubscribeToShard}), opens
 * a stream of events that the HTTP layer writes as they come.
 *
 * @param name               the operation's name, as in {@code X-Amz-Target: Kinesis_20131202.<name>}.
 * @param members            the request's members, in the order the service checks them.
 * @param handler            reads the request and writes the response; null for an event-stream operation.
 * @param eventStreamHandler reads the request and opens its event stream; null for any other operation.
 */
public record Operation(String name, List<Member> members, Handler handler, EventStreamHandler eventStreamHandler) {
    /**
     * Checks that the operation has exactly one kind of handler.
     *
     * @param name               the operation's name.
     * @param members            the request's members.
     * @param handler            the whole-response handler, or null.
     * @param eventStreamHandler the event-stream handler, or null.
     */
    public Operation {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        if ((handler == null) == (eventStreamHandler == null)) {
            throw new IllegalArgumentException("an operation has one handler or one event-stream handler: name="
                + name);
        }
    }

    /**
     * An operation that answers with one whole response.
     *
     * @param name    the operation's name.
     * @param members the request's members, in the order the service checks them.
     * @param handler reads the request and writes the response.
     */
    public Operation(final String name, final List<Member> members, final Handler handler) {
        this(name, members, handler, null);
    }

    /**
     * Whether the operation answers with an event stream.
     *
     * @return true for {@code SubscribeToShard}.
     */
    public boolean isEventStream() {
        return eventStreamHandler != null;
    }

    /**
     * Serves one call of an operation.
     */
    @FunctionalInterface
    public interface Handler {
        /**
         * Reads a type-checked request and writes its response.
         *
         * @param request  the request's members.
         * @param response the response document to fill.
         */
        void handle(RequestReader request, ResponseWriter response);
    }

    /**
     * Opens the event stream of one call of an event-stream operation.
     */
    @FunctionalInterface
    public interface EventStreamHandler {
        /**
         * Reads a type-checked request and opens its stream. Everything about the request is checked here, so
         * that a refusal is an ordinary error response; once this returns, the response has begun and errors
         * travel inside the stream.
         *
         * @param request the request's members.
         * @param format  the request's encoding, which every event's payload is written in.
         * @return the stream, not yet subscribed to.
         */
        EventStream<?> open(RequestReader request, WireFormat format);
    }
}
