package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.embeddedkinesis.core.model.Record;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tumbling windows: a state carried from one invocation of a shard's window to the next, windows chosen by
 * the records' arrival times, and a final invocation with the window's state once the window is over.
 */
class TumblingWindowTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    /** The 60 s window {@code START_MS} falls in: it started 10 s before. */
    private static final long WINDOW_START_MS = START_MS - 10_000;

    /** One invocation as the function saw it. */
    record Invocation(List<String> data, Map<String, String> state, boolean isFinal, boolean terminatedEarly,
        String start, String end, String shardId, String eventSourceArn) {
    }

    /** Counts records in its state, as a user's aggregation would; the state can be changed by the test. */
    static final class CountingFunction implements RequestHandler<KinesisTimeWindowEvent, TimeWindowEventResponse> {
        final List<Invocation> invocations = new CopyOnWriteArrayList<>();
        volatile UnaryOperator<Map<String, String>> answer = UnaryOperator.identity();

        @Override
        public TimeWindowEventResponse handleRequest(final KinesisTimeWindowEvent event, final Context context) {
            final List<String> data = event.getRecords().stream().map(TriggerTestSupport::text).toList();
            invocations.add(new Invocation(data, Map.copyOf(event.getState()), event.getIsFinalInvokeForWindow(),
                event.getIsWindowTerminatedEarly(), event.getWindow().getStart(), event.getWindow().getEnd(),
                event.getShardId(), event.getEventSourceArn()));
            if (event.getIsFinalInvokeForWindow()) {
                return new TimeWindowEventResponse();
            }
            final int count = Integer.parseInt(event.getState().getOrDefault("count", "0")) + data.size();
            return new TimeWindowEventResponse(answer.apply(Map.of("count", Integer.toString(count))), List.of());
        }
    }

    private static String at(final long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    @Test
    void shouldCarryTheStateThroughTheWindowAndInvokeOnceMoreWithItWhenTheWindowIsOver() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        put("s", "k", "b");
        final CountingFunction function = new CountingFunction();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).tumblingWindowInSeconds(60)
            .build(), function);

        drive(mapping);
        runFor(20_000, mapping);
        put("s", "k", "c");
        runFor(1_000, mapping);
        assertThat(checkpoint(mapping, SHARD_0)).as("a window's records are done once its final invocation is")
            .isEqualTo("TRIM_HORIZON");
        runFor(28_000, mapping);
        assertThat(function.invocations).as("the window is not over yet").hasSize(2);
        runFor(1_000, mapping);
        assertThat(function.invocations).as("the first read after the window's end ends it").hasSize(3);
        put("s", "k", "d");
        runFor(1_000, mapping);

        final String end = at(WINDOW_START_MS + 60_000);
        final String arn = mapping.eventSourceArn();
        assertThat(function.invocations).containsExactly(
            new Invocation(List.of("a", "b"), Map.of(), false, false, at(WINDOW_START_MS), end, SHARD_0, arn),
            new Invocation(List.of("c"), Map.of("count", "2"), false, false, at(WINDOW_START_MS), end, SHARD_0, arn),
            new Invocation(List.of(), Map.of("count", "3"), true, false, at(WINDOW_START_MS), end, SHARD_0, arn),
            new Invocation(List.of("d"), Map.of(), false, false, end, at(WINDOW_START_MS + 120_000), SHARD_0, arn));
        assertThat(function.invocations.get(0).start()).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(readAll("s").get(2).sequenceNumber());
    }

    @Test
    void shouldEndAWindowAsSoonAsARecordOfALaterWindowIsRead() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        clock.advance(60_000);
        put("s", "k", "b");
        final CountingFunction function = new CountingFunction();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).tumblingWindowInSeconds(60)
            .build(), function);

        drive(mapping);

        assertThat(function.invocations).extracting(Invocation::data, Invocation::isFinal, Invocation::state)
            .containsExactly(tuple(List.of("a"), false, Map.of()),
                tuple(List.of(), true, Map.of("count", "1")),
                tuple(List.of("b"), false, Map.of()));
    }

    @Test
    void shouldNeverPutRecordsOfTwoWindowsInOneBatch() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        clock.advance(49_999);
        put("s", "k", "b");
        clock.advance(1);
        put("s", "k", "c");
        final CountingFunction function = new CountingFunction();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).tumblingWindowInSeconds(60)
            .build(), function);

        drive(mapping);

        assertThat(function.invocations).extracting(Invocation::data)
            .containsExactly(List.of("a", "b"), List.of(), List.of("c"));
    }

    @Test
    void shouldRetryABatchWhoseResponseHasNoStateWithTheStateItWasGiven() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final CountingFunction function = new CountingFunction();
        function.answer = state -> null;
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).tumblingWindowInSeconds(60)
            .build(), function);

        drive(mapping);
        function.answer = UnaryOperator.identity();
        put("s", "k", "b");
        runFor(1_000, mapping);

        assertThat(function.invocations).extracting(Invocation::data, Invocation::state)
            .containsExactly(tuple(List.of("a"), Map.of()),
                tuple(List.of("a"), Map.of()),
                tuple(List.of("b"), Map.of("count", "1")));
    }

    @Test
    void shouldTerminateTheWindowEarlyWhenTheStateGrowsPastOneMegabyteAndGoOnWithAFreshState() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final CountingFunction function = new CountingFunction();
        final String big = "x".repeat(1024 * 1024);
        function.answer = state -> Map.of("count", state.get("count"), "big", big);
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).tumblingWindowInSeconds(60)
            .build(), function);

        drive(mapping);
        function.answer = UnaryOperator.identity();
        put("s", "k", "b");
        runFor(1_000, mapping);

        assertThat(function.invocations).hasSize(3);
        final Invocation early = function.invocations.get(1);
        assertThat(early.isFinal()).isTrue();
        assertThat(early.terminatedEarly()).isTrue();
        assertThat(early.state()).containsEntry("count", "1").containsKey("big");
        final Invocation next = function.invocations.get(2);
        assertThat(next.data()).containsExactly("b");
        assertThat(next.state()).as("a fresh state").isEmpty();
        assertThat(next.start()).as("the same window").isEqualTo(early.start());
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(readAll("s").get(0).sequenceNumber());
    }

    @Test
    void shouldReadAWindowAgainFromItsStartAfterARestartInTheMiddleOfIt() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final CountingFunction function = new CountingFunction();
        final EventSourceMappingConfig config = config(EventSourcePosition.TRIM_HORIZON).tumblingWindowInSeconds(60)
            .build();
        final EventSourceMapping first = create(config, function);
        drive(first);
        first.close();
        put("s", "k", "b");

        final EventSourceMapping second = create(config, function);
        runFor(1_000, second);

        final List<Record> records = readAll("s");
        assertThat(function.invocations).extracting(Invocation::data, Invocation::state)
            .containsExactly(tuple(List.of("a"), Map.of()),
                tuple(List.of("a", "b"), Map.of()));
        assertThat(records).hasSize(2);
    }
}
