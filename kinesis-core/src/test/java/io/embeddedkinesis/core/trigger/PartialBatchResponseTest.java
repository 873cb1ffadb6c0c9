package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.embeddedkinesis.core.model.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ReportBatchItemFailures}: the function names the records that failed, the shard is checkpointed
 * before the lowest of them and the batch is retried from there.
 */
class PartialBatchResponseTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    private List<Record> putAll(final String... data) {
        for (final String d : data) {
            put("s", "k", d);
        }
        return readAll("s");
    }

    private static StreamsEventResponse failures(final String... sequenceNumbers) {
        final List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (final String sequenceNumber : sequenceNumbers) {
            failures.add(new StreamsEventResponse.BatchItemFailure(sequenceNumber));
        }
        return new StreamsEventResponse(failures);
    }

    /** Reports the given answers, one per invocation, then successes. */
    private static RecordingHandler answering(final StreamsEventResponse... answers) {
        final AtomicInteger invocation = new AtomicInteger();
        return new RecordingHandler((event, data) -> {
            final int n = invocation.getAndIncrement();
            return n < answers.length ? answers[n] : null;
        });
    }

    @Test
    void shouldCheckpointBeforeTheLowestFailedRecordAndRetryFromThere() {
        openBroker().createStream("s", 1);
        final List<Record> records = putAll("r0", "r1", "r2", "r3", "r4");
        final RecordingHandler handler = answering(failures(records.get(3).sequenceNumber(),
            records.get(2).sequenceNumber()));
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).build(), handler);

        drive(mapping);
        assertThat(checkpoint(mapping, SHARD_0)).as("the records before the lowest failure are done")
            .isEqualTo(records.get(1).sequenceNumber());
        runFor(1_000, mapping);

        assertThat(handler.batches).containsExactly(List.of("r0", "r1", "r2", "r3", "r4"), List.of("r2", "r3", "r4"));
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(records.get(4).sequenceNumber());
    }

    @Test
    void shouldTreatAnEmptyOrMissingFailureListOrResponseAsCompleteSuccess() {
        openBroker().createStream("s", 1);
        putAll("a", "b", "c");
        final RecordingHandler handler = answering(new StreamsEventResponse(List.of()),
            new StreamsEventResponse(null), null);
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).batchSize(1)
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).build(), handler);

        runFor(3_000, mapping);

        assertThat(handler.batches).containsExactly(List.of("a"), List.of("b"), List.of("c"));
    }

    @ParameterizedTest(name = "itemIdentifier={0}")
    @ValueSource(strings = {"", "null", "49000000000000000000000000000000000000000000000000000000"})
    void shouldRetryTheWholeBatchForAnEmptyNullOrUnknownItemIdentifier(final String identifier) {
        openBroker().createStream("s", 1);
        putAll("a", "b");
        final RecordingHandler handler = answering(failures("null".equals(identifier) ? null : identifier));
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).build(), handler);

        runFor(1_000, mapping);

        assertThat(handler.batches).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void shouldReadAResponseOfTheFunctionsOwnClassThroughItsJson() {
        openBroker().createStream("s", 1);
        final List<Record> records = putAll("a", "b", "c");
        final AtomicInteger invocation = new AtomicInteger();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).build(),
            (event, context) -> invocation.getAndIncrement() == 0
                ? Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", records.get(2).sequenceNumber())))
                : Map.of());

        drive(mapping);

        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(records.get(1).sequenceNumber());
    }

    @Test
    void shouldIgnoreReportedFailuresWithoutReportBatchItemFailures() {
        openBroker().createStream("s", 1);
        final List<Record> records = putAll("a", "b");
        final RecordingHandler handler = answering(failures(records.get(0).sequenceNumber()));
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), handler);

        runFor(1_000, mapping);

        assertThat(handler.batches).containsExactly(List.of("a", "b"));
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(records.get(1).sequenceNumber());
    }

    @Test
    void shouldCountARetryFromTheLowestFailureAgainstMaximumRetryAttempts() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        final List<Record> records = putAll("r0", "r1", "r2", "r3");
        final RecordingHandler handler = answering(failures(records.get(2).sequenceNumber()));
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(0)
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).onFailureDestination("failures")
            .build(), handler);

        runFor(2_000, mapping);

        assertThat(handler.batches).as("no retry is allowed").containsExactly(List.of("r0", "r1", "r2", "r3"));
        final JsonNode info = failureRecords("failures").get(0).path("KinesisBatchInfo");
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo(records.get(2).sequenceNumber());
        assertThat(info.path("endSequenceNumber").asText()).isEqualTo(records.get(3).sequenceNumber());
        assertThat(info.path("batchSize").asInt()).isEqualTo(2);
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(records.get(3).sequenceNumber());
    }

    @Test
    void shouldSplitAtTheReturnedSequenceNumberWithBisectWithoutUsingARetryAttempt() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        final List<Record> records = putAll("r0", "r1", "r2", "r3", "r4", "r5");
        final RecordingHandler handler = answering(failures(records.get(4).sequenceNumber()),
            failures(records.get(5).sequenceNumber()));
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(0)
            .bisectBatchOnFunctionError(true).onFailureDestination("failures")
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).build(), handler);

        runFor(3_000, mapping);

        assertThat(handler.batches).containsExactly(Arrays.asList("r0", "r1", "r2", "r3", "r4", "r5"),
            List.of("r4", "r5"), List.of("r5"));
        assertThat(failureRecords("failures")).isEmpty();
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(records.get(5).sequenceNumber());
    }

    @Test
    void shouldBisectABatchWhoseFirstRecordIsReportedAsAFunctionError() {
        openBroker().createStream("s", 1);
        final List<Record> records = putAll("poison", "r1", "r2", "r3");
        final RecordingHandler handler = new RecordingHandler((event, data) -> data.get(0).equals("poison")
            ? failures(records.get(0).sequenceNumber()) : null);
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(1)
            .bisectBatchOnFunctionError(true)
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).build(), handler);

        runFor(10_000, mapping);

        assertThat(handler.batchSizes()).as("4, halves of 2, 1 and its one retry, then the rest")
            .containsExactly(4, 2, 1, 1, 1, 2);
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(records.get(3).sequenceNumber());
    }
}
