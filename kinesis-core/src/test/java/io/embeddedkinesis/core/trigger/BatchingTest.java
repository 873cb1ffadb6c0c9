package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.ShardLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    @Test
    void shouldInvokeWithBatchesOfAtMostBatchSizeAsSoonAsRecordsAreRead() {
        openBroker().createStream("s", 1);
        for (int i = 0; i < 7; i++) {
            put("s", "k", "r" + i);
        }
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).batchSize(3).build(),
            handler);

        drive(mapping);

        assertThat(handler.batches).containsExactly(List.of("r0", "r1", "r2"), List.of("r3", "r4", "r5"),
            List.of("r6"));
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(readAll("s").get(6).sequenceNumber());
    }

    @Test
    void shouldGatherRecordsForTheBatchingWindowUnlessTheBatchFillsFirst() {
        openBroker().createStream("s", 1);
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).batchSize(4)
            .maximumBatchingWindowInSeconds(5).build(), handler);
        drive(mapping);
        put("s", "k", "a");
        put("s", "k", "b");

        runFor(3_000, mapping);
        assertThat(handler.batches).as("the window is still open").isEmpty();
        put("s", "k", "c");
        runFor(2_800, mapping);
        assertThat(handler.batches).isEmpty();
        runFor(200, mapping);
        assertThat(handler.batches).as("five seconds after the first record was read, a second after it was put")
            .containsExactly(List.of("a", "b", "c"));

        put("s", "k", "d");
        put("s", "k", "e");
        put("s", "k", "f");
        put("s", "k", "g");
        put("s", "k", "h");
        runFor(1_000, mapping);
        assertThat(handler.batches).as("a full batch goes at once").hasSize(2)
            .last().isEqualTo(List.of("d", "e", "f", "g"));
        runFor(5_000, mapping);
        assertThat(handler.batches).last().isEqualTo(List.of("h"));
    }

    @Test
    void shouldKeepEachInvocationUnderTheSixMegabytePayloadLimit() {
        openBroker(b -> b.shardLimits(ShardLimits.NONE)).createStream("s", 1);
        final byte[] data = new byte[1000 * 1000];
        for (int i = 0; i < 9; i++) {
            Arrays.fill(data, (byte) ('a' + i));
            broker.putRecord("s", "k", data);
        }
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), handler);

        drive(mapping);

        assertThat(handler.batchSizes()).as("four records of 1 MB are 5.3 MB in base64, five would be 6.7 MB")
            .containsExactly(4, 4, 1);
        assertThat(handler.events.get(0).getRecords().get(0).getKinesis().getData().remaining())
            .isEqualTo(1000 * 1000);
    }

    @Test
    void shouldStartAtTheOldestRecordWithTrimHorizon() {
        openBroker().createStream("s", 1);
        put("s", "k", "old");
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), handler);
        drive(mapping);
        put("s", "k", "new");

        runFor(1_000, mapping);

        assertThat(handler.delivered()).containsExactly("old", "new");
    }

    @Test
    void shouldStartAfterTheNewestRecordWithLatest() {
        openBroker().createStream("s", 1);
        put("s", "k", "old");
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.LATEST).build(), handler);
        drive(mapping);
        put("s", "k", "new");

        runFor(1_000, mapping);

        assertThat(handler.delivered()).containsExactly("new");
    }

    @Test
    void shouldStartAtTheFirstRecordThatArrivedAtOrAfterTheTimestampWithAtTimestamp() {
        openBroker().createStream("s", 1);
        put("s", "k", "before");
        clock.advance(1_000);
        final Instant timestamp = Instant.ofEpochMilli(clock.time());
        put("s", "k", "at");
        clock.advance(1_000);
        put("s", "k", "after");
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.AT_TIMESTAMP)
            .startingPositionTimestamp(timestamp).build(), handler);

        drive(mapping);

        assertThat(handler.delivered()).containsExactly("at", "after");
    }

    @Test
    void shouldGiveTheFunctionEachRecordsDataInAFreshBufferOnEveryInvocation() {
        openBroker().createStream("s", 1);
        put("s", "k", "payload");
        final RecordingHandler handler = new RecordingHandler((event, data) -> {
            final byte[] bytes = event.getRecords().get(0).getKinesis().getData().array();
            final String seen = new String(bytes, StandardCharsets.UTF_8);
            Arrays.fill(bytes, (byte) 'x');
            if (seen.equals("payload")) {
                throw new IllegalStateException("fail once the data is overwritten");
            }
            return null;
        });
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(1)
            .build(), handler);

        runFor(1_000, mapping);

        assertThat(handler.delivered()).as("the retry got the record's data, not the first event's buffer")
            .containsExactly("payload", "payload");
    }
}
