package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.model.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ParallelizationFactor}: up to that many batches of one shard run at once, each partition key's
 * records in order, and the shard's checkpoint never passes a record still being processed.
 */
class ParallelizationTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    private static final int KEYS = 8;
    private static final int PER_KEY = 5;

    /** Holds invocations until the test runs them, in any order it likes. */
    private static final class HeldInvocations implements Executor {
        final ArrayDeque<Runnable> held = new ArrayDeque<>();

        @Override
        public void execute(final Runnable invocation) {
            held.addLast(invocation);
        }
    }

    /** Puts {@code PER_KEY} records for each of {@code KEYS} keys, interleaved; returns them in stream order. */
    private List<Record> putInterleaved() {
        for (int n = 0; n < PER_KEY; n++) {
            for (int key = 0; key < KEYS; key++) {
                put("s", "k" + key, "k" + key + "-" + n);
            }
        }
        return readAll("s");
    }

    @Test
    void shouldRunOneBatchPerLaneAtOnceAndKeepEachKeysOrderWhateverOrderTheyFinishIn() {
        openBroker().createStream("s", 1);
        final List<Record> records = putInterleaved();
        final HeldInvocations invocations = new HeldInvocations();
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).batchSize(3)
            .parallelizationFactor(4).invocationExecutor(invocations).build(), handler);

        drive(mapping);
        assertThat(invocations.held).as("four batches of the one shard are running at once").hasSize(4);

        while (!invocations.held.isEmpty()) {
            invocations.held.pollLast().run();
            drive(mapping);
            assertThat(invocations.held).as("never more than one batch per lane").hasSizeLessThanOrEqualTo(4);
            assertThat(checkpoint(mapping, SHARD_0)).as("the checkpoint never passes a record not yet done")
                .isEqualTo(lastBeforeFirstUndone(records, new HashSet<>(handler.delivered())));
        }

        final Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (final String data : handler.delivered()) {
            byKey.computeIfAbsent(data.substring(0, data.indexOf('-')), key -> new ArrayList<>()).add(data);
        }
        assertThat(byKey).hasSize(KEYS);
        byKey.forEach((key, delivered) -> assertThat(delivered).as("the order of " + key)
            .containsExactly(key + "-0", key + "-1", key + "-2", key + "-3", key + "-4"));
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(records.get(records.size() - 1).sequenceNumber());
    }

    @Test
    void shouldRunOneBatchOfAShardAtATimeWithTheDefaultFactorOfOne() {
        openBroker().createStream("s", 1);
        putInterleaved();
        final HeldInvocations invocations = new HeldInvocations();
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).batchSize(10)
            .invocationExecutor(invocations).build(), handler);

        drive(mapping);
        while (!invocations.held.isEmpty()) {
            assertThat(invocations.held).hasSize(1);
            invocations.held.pollFirst().run();
            drive(mapping);
        }

        assertThat(handler.batchSizes()).containsExactly(10, 10, 10, 10);
        assertThat(handler.delivered()).isEqualTo(readAll("s").stream()
            .map(record -> new String(record.data(), StandardCharsets.UTF_8)).toList());
    }

    private static String lastBeforeFirstUndone(final List<Record> records, final Set<String> done) {
        String last = "TRIM_HORIZON";
        for (final Record record : records) {
            if (!done.contains(new String(record.data(), StandardCharsets.UTF_8))) {
                break;
            }
            last = record.sequenceNumber();
        }
        return last;
    }
}
