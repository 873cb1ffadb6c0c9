package io.embeddedkinesis.server.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * The body of an event-stream response: the broker's publisher of events and how each one is encoded as an
 * event-stream message ({@link EventStreamMessages}). The HTTP layer subscribes, asking for events only as fast
 * as the connection takes them, and encodes each on its own thread rather than the publisher's.
 *
 * @param events  the events, which take one subscriber.
 * @param encoder encodes one event as a whole message, in the request's encoding.
 * @param <E>     the type of the events.
 */
public record EventStream<E>(Flow.Publisher<E> events, Function<? super E, ByteBuffer> encoder) {
    /**
     * Checks that both parts are there.
     *
     * @param events  the events.
     * @param encoder the encoder.
     */
    public EventStream {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(encoder, "encoder");
    }
}
