package io.embeddedkinesis.core.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.Record;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailureHandlingTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    @Test
    void shouldRetryAFailedBatchUpToMaximumRetryAttemptsThenReportItAndMoveOn() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        put("s", "k", "poison");
        put("s", "k", "other");
        final RecordingHandler handler = RecordingHandler.failingOn("poison");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(2)
            .onFailureDestination("failures").build(), handler);

        drive(mapping);
        assertThat(handler.batches).hasSize(1);
        runFor(800, mapping);
        assertThat(handler.batches).as("retried after a second").hasSize(1);
        runFor(2_200, mapping);
        put("s", "k", "next");
        runFor(1_000, mapping);

        assertThat(handler.batches).containsExactly(List.of("poison", "other"), List.of("poison", "other"),
            List.of("poison", "other"), List.of("next"));
        final List<Record> source = readAll("s");
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(source.get(2).sequenceNumber());
        final List<JsonNode> reports = failureRecords("failures");
        assertThat(reports).hasSize(1);
        final JsonNode report = reports.get(0);
        assertThat(report.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(report.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(report.path("requestContext").path("functionArn").asText())
            .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:fn").isEqualTo(mapping.functionArn());
        assertThat(report.path("requestContext").path("requestId").asText()).hasSize(36);
        assertThat(report.path("responseContext").path("statusCode").asInt()).isEqualTo(200);
        assertThat(report.path("responseContext").path("executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(report.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(report.path("version").asText()).isEqualTo("1.0");
        assertThat(report.path("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(START_MS + 2_000).toString()
            .replace("Z", ".000Z"));
        final JsonNode info = report.path("KinesisBatchInfo");
        assertThat(info.path("shardId").asText()).isEqualTo(SHARD_0);
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo(source.get(0).sequenceNumber());
        assertThat(info.path("endSequenceNumber").asText()).isEqualTo(source.get(1).sequenceNumber());
        assertThat(info.path("approximateArrivalOfFirstRecord").asText())
            .isEqualTo(Instant.ofEpochMilli(START_MS).toString().replace("Z", ".000Z"));
        assertThat(info.path("approximateArrivalOfLastRecord").asText())
            .isEqualTo(Instant.ofEpochMilli(START_MS).toString().replace("Z", ".000Z"));
        assertThat(info.path("batchSize").asInt()).isEqualTo(2);
        assertThat(info.path("streamArn").asText()).isEqualTo(mapping.eventSourceArn())
            .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/s");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRetryUntilTheRecordsAreOlderThanMaximumRecordAgeInSeconds() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        put("s", "k", "poison");
        final RecordingHandler handler = RecordingHandler.failingOn("poison");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .maximumRecordAgeInSeconds(60).onFailureDestination("failures").build(), handler);

        runFor(60_000, mapping);
        assertThat(failureRecords("failures")).as("60 s old is not older than 60 s").isEmpty();
        final int invocations = handler.batches.size();
        runFor(1_000, mapping);

        assertThat(handler.batches).hasSize(invocations);
        final JsonNode report = failureRecords("failures").get(0);
        assertThat(report.path("requestContext").path("condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(report.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(invocations)
            .isEqualTo(61);
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(readAll("s").get(0).sequenceNumber());
    }

    @Test
    void shouldDiscardRecordsTooOldToSendWithoutInvokingTheFunction() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        put("s", "k", "stale");
        clock.advance(90_000);
        put("s", "k", "fresh");
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .maximumRecordAgeInSeconds(60).onFailureDestination("failures").build(), handler);

        drive(mapping);

        assertThat(handler.batches).containsExactly(List.of("fresh"));
        final JsonNode report = failureRecords("failures").get(0);
        assertThat(report.path("requestContext").path("condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(report.path("requestContext").path("approximateInvokeCount").asInt()).isZero();
        assertThat(report.has("responseContext")).as("the function never saw them").isFalse();
        assertThat(report.path("KinesisBatchInfo").path("batchSize").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRetryUntilTheRecordsLeaveTheStreamsRetentionWhenRetriesAndAgeAreUnlimited() {
        openBroker().createStream("s", 1);
        put("s", "k", "poison");
        final RecordingHandler handler = RecordingHandler.failingOn("poison");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), handler);
        drive(mapping);

        clock.advance(24 * 3_600_000L);
        runFor(1_000, mapping);
        final int invocations = handler.batches.size();
        put("s", "k", "next");
        runFor(2_000, mapping);

        assertThat(invocations).as("one retry at the retention's end").isEqualTo(2);
        assertThat(handler.batches).hasSize(3).last().isEqualTo(List.of("next"));
    }

    @Test
    void shouldBisectAFailingBatchUntilThePoisonRecordIsIsolatedWithoutUsingRetryAttempts() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        for (int i = 0; i < 8; i++) {
            put("s", "k", i == 5 ? "poison" : "r" + i);
        }
        final RecordingHandler handler = RecordingHandler.failingOn("poison");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .bisectBatchOnFunctionError(true).maximumRetryAttempts(2).onFailureDestination("failures").build(),
            handler);

        runFor(10_000, mapping);

        assertThat(handler.batchSizes()).containsExactly(8, 4, 4, 2, 1, 1, 1, 1, 2);
        assertThat(handler.batches.get(4)).containsExactly("r4");
        assertThat(handler.batches.get(5)).containsExactly("poison");
        assertThat(handler.batches.get(8)).containsExactly("r6", "r7");
        final JsonNode report = failureRecords("failures").get(0);
        assertThat(report.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(report.path("KinesisBatchInfo").path("batchSize").asInt()).isEqualTo(1);
        final String poison = readAll("s").get(5).sequenceNumber();
        assertThat(report.path("KinesisBatchInfo").path("startSequenceNumber").asText()).isEqualTo(poison);
        assertThat(report.path("KinesisBatchInfo").path("endSequenceNumber").asText()).isEqualTo(poison);
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(readAll("s").get(7).sequenceNumber());
    }

    @Test
    void shouldRetryABatchWhoseFunctionOverflowedItsStackAndReportItAsUnhandled() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        final String last = put("s", "k", "deep").sequenceNumber();
        final RecordingHandler handler = new RecordingHandler((event, data) -> {
            throw new StackOverflowError();
        });
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(1)
            .onFailureDestination("failures").build(), handler);

        runFor(2_000, mapping);

        assertThat(handler.batches).containsExactly(List.of("deep"), List.of("deep"));
        final JsonNode report = failureRecords("failures").get(0);
        assertThat(report.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(report.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(last);
    }

    @Test
    void shouldRethrowAnOutOfMemoryErrorOfTheFunctionAndStillRetryItsBatch() {
        openBroker().createStream("s", 1);
        final String last = put("s", "k", "big").sequenceNumber();
        final AtomicInteger invocation = new AtomicInteger();
        final RecordingHandler handler = new RecordingHandler((event, data) -> {
            if (invocation.getAndIncrement() == 0) {
                throw new OutOfMemoryError("Java heap space");
            }
            return null;
        });
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), handler);

        assertThatThrownBy(() -> drive(mapping)).isInstanceOf(OutOfMemoryError.class);
        runFor(1_000, mapping);

        assertThat(handler.batches).as("the batch is not left running").containsExactly(List.of("big"),
            List.of("big"));
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(last);
    }

    @Test
    void shouldRefuseAMissingStreamOrDestination() {
        openBroker().createStream("s", 1);

        assertThatThrownBy(() -> create(EventSourceMappingConfig.builder("fn", "nope", EventSourcePosition.LATEST)
            .build(), new RecordingHandler()))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> create(config(EventSourcePosition.LATEST).onFailureDestination("nope").build(),
            new RecordingHandler()))
            .isInstanceOf(ResourceNotFoundException.class);
    }
}
