package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mapping whose event source is a stream consumer reads the stream through it by enhanced fan-out, as
 * Lambda does: records are pushed to the mapping (on the broker's fan-out thread, which the test waits for
 * in wall-clock time without moving the clock), and the function sees the same events as with polling.
 */
@Timeout(60)
class FanOutEventSourceTest extends TriggerTestSupport {
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    @Test
    void shouldReadThroughTheGivenConsumerAndInvokeWithTheStreamsRecords() {
        openBroker().createStream("s", 2);
        final Consumer consumer = broker.registerStreamConsumer(STREAM_ARN, "lambda-efo");
        for (int i = 0; i < 6; i++) {
            put("s", "key-" + i, "r" + i);
        }
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(EventSourceMappingConfig.builder("fn", consumer.consumerARN(),
            EventSourcePosition.TRIM_HORIZON).errorHandler(errors::add).build(), handler);

        driveUntil(() -> handler.batches.stream().mapToInt(List::size).sum() == 6, mapping);
        put("s", "key-0", "later");
        driveUntil(() -> handler.batches.stream().anyMatch(batch -> batch.contains("later")), mapping);

        assertThat(handler.batches.stream().flatMap(List::stream))
            .containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "later");
        assertThat(handler.events.get(0).getRecords().get(0).getEventSourceARN()).isEqualTo(STREAM_ARN);
        assertThat(broker.listStreamConsumers(STREAM_ARN).consumers()).extracting(Consumer::consumerName)
            .as("the given consumer, no other").containsExactly("lambda-efo");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRefuseAConsumerThatDoesNotExist() {
        openBroker().createStream("s", 1);

        assertThatThrownBy(() -> create(EventSourceMappingConfig.builder("fn",
            STREAM_ARN + "/consumer/missing:1764000000", EventSourcePosition.LATEST).build(), new RecordingHandler()))
            .isInstanceOf(ResourceNotFoundException.class);
    }

    /** Drives the mapping until the condition holds, waiting for pushes in wall-clock time (at most 30 s). */
    private static void driveUntil(final BooleanSupplier condition, final EventSourceMapping mapping) {
        final long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        drive(mapping);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition within 30 s").isLessThan(giveUpNs);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            drive(mapping);
        }
    }
}
