package io.embeddedkinesis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.embeddedkinesis.server.protocol.EventStream;
import io.embeddedkinesis.server.protocol.EventStreamMessages;
import io.embeddedkinesis.server.protocol.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.Message;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One event-stream response written on an embedded channel, with a publisher the test pushes events through.
 */
class EventStreamWriterTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger eventsAwaitingWrite = new AtomicInteger();
    private final TestPublisher publisher = new TestPublisher();
    private boolean bodyEnded;

    /** A publisher the test pushes through by hand, which remembers what its subscriber asked. */
    private static final class TestPublisher implements Flow.Publisher<String>, Flow.Subscription {
        Flow.Subscriber<? super String> subscriber;
        long requested;
        boolean cancelled;

        @Override
        public void subscribe(final Flow.Subscriber<? super String> newSubscriber) {
            subscriber = newSubscriber;
            newSubscriber.onSubscribe(this);
        }

        @Override
        public void request(final long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void start(final EventStream<String> stream) {
        final EventStreamWriter<String> writer = new EventStreamWriter<>(channel, stream, WireFormat.JSON, false,
            eventsAwaitingWrite);
        final HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        writer.start(head);
        channel.runPendingTasks();
    }

    private static ByteBuffer encode(final String event) {
        return EventStreamMessages.event(WireFormat.JSON, "SubscribeToShardEvent",
            ("{\"n\":\"" + event + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The event-stream messages written so far; notes whether the body was ended. */
    private List<Message> messages() {
        final List<Message> messages = new ArrayList<>();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            if (out instanceof HttpContent content) {
                final ByteBuf bytes = content.content();
                if (bytes.isReadable()) {
                    messages.add(Message.decode(bytes.nioBuffer()));
                }
                bodyEnded |= out instanceof LastHttpContent;
                content.release();
            }
        }
        return messages;
    }

    @Test
    void shouldEndTheStreamWithInternalFailureExceptionAndCloseTheChannelWhenAnEventCannotBeEncoded()
        throws IOException {
        start(new EventStream<>(publisher, event -> {
            if (event.equals("bad")) {
                throw new IllegalStateException("cannot encode");
            }
            return encode(event);
        }));

        publisher.subscriber.onNext("good");
        publisher.subscriber.onNext("bad");
        channel.runPendingTasks();

        final List<Message> messages = messages();
        assertThat(messages).extracting(message -> message.getHeaders().get(":message-type").getString())
            .containsExactly("event", "event", "exception");
        final Message exception = messages.get(2);
        assertThat(exception.getHeaders().get(":exception-type").getString()).isEqualTo("InternalFailureException");
        final JsonNode payload = WireFormat.JSON.mapper().readTree(exception.getPayload());
        assertThat(payload.path("message").asText()).isEqualTo("Internal service failure.");
        assertThat(bodyEnded).as("the body ended").isTrue();
        assertThat(channel.isOpen()).isFalse();
        assertThat(publisher.cancelled).as("the broker stops pushing").isTrue();
        assertThat(eventsAwaitingWrite).hasValue(0);
    }
}
