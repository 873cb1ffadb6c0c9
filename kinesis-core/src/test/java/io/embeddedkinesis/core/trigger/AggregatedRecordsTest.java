package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.embeddedkinesis.core.kpl.RecordAggregator;
import io.embeddedkinesis.core.kpl.UserRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KPL aggregates reach the function whole, one event record each, as Lambda sends them: the function
 * deaggregates them itself, and a partial batch response names the aggregate by its sequence number.
 */
class AggregatedRecordsTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    /** Puts user records of one key as one KPL aggregate; returns its sequence number. */
    private String putAggregate(final String... data) {
        final List<UserRecord> users = Arrays.stream(data)
            .map(d -> UserRecord.of("k", d.getBytes(StandardCharsets.UTF_8))).toList();
        return new RecordAggregator().putRecords(broker, "s", users).get(0).sequenceNumber();
    }

    private static byte[] bytes(final KinesisEvent.KinesisEventRecord record) {
        final ByteBuffer data = record.getKinesis().getData().duplicate();
        final byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    @Test
    void shouldSendAnAggregateToTheFunctionAsOneRecordHoldingTheWholeAggregate() {
        openBroker().createStream("s", 1);
        final String sequenceNumber = putAggregate("u0", "u1", "u2");
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), handler);

        drive(mapping);

        assertThat(handler.events).hasSize(1);
        final List<KinesisEvent.KinesisEventRecord> records = handler.events.get(0).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getEventID()).isEqualTo(SHARD_0 + ":" + sequenceNumber);
        assertThat(records.get(0).getKinesis().getSequenceNumber()).isEqualTo(sequenceNumber);
        assertThat(readAll("s")).as("one stream record").hasSize(1);
        assertThat(bytes(records.get(0))).as("the KPL magic first, then the packed user records")
            .startsWith((byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2)
            .isEqualTo(readAll("s").get(0).data());
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(sequenceNumber);
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRetryAnAggregateThePartialBatchResponseReportsAsFailed() {
        openBroker().createStream("s", 1);
        final String plain = put("s", "k", "r0").sequenceNumber();
        final String aggregate = putAggregate("u0", "u1", "u2");
        final AtomicInteger invocation = new AtomicInteger();
        final RecordingHandler handler = new RecordingHandler((event, data) -> invocation.getAndIncrement() == 0
            ? new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(aggregate))) : null);
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).build(), handler);

        drive(mapping);
        assertThat(checkpoint(mapping, SHARD_0)).as("only the record before the aggregate is done")
            .isEqualTo(plain);
        runFor(1_000, mapping);

        assertThat(handler.events).hasSize(2);
        assertThat(handler.events.get(0).getRecords()).hasSize(2);
        final List<KinesisEvent.KinesisEventRecord> retried = handler.events.get(1).getRecords();
        assertThat(retried).hasSize(1);
        assertThat(retried.get(0).getKinesis().getSequenceNumber()).isEqualTo(aggregate);
        assertThat(bytes(retried.get(0))).startsWith((byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2);
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(aggregate);
        assertThat(errors).isEmpty();
    }
}
