package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.embeddedkinesis.core.application.KinesisClientRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseReaderTest {
    private static final String SEQUENCE_NUMBER = "49000000000000000000000000000000000000000000000000000001";

    private static TriggerRecord record(final String sequenceNumber, final long subSequenceNumber) {
        return new TriggerRecord(new KinesisClientRecord(sequenceNumber, subSequenceNumber, "k", Instant.EPOCH,
            new byte[0], subSequenceNumber > 0), 0, 0, 0, new CheckpointTracker().track(sequenceNumber));
    }

    @Test
    void shouldFailEveryRecordOfASequenceNumberReportedWhenRecordsShareIt() {
        final List<TriggerRecord> records = List.of(record(SEQUENCE_NUMBER, 0), record(SEQUENCE_NUMBER, 1));

        final InvocationOutcome outcome = ResponseReader.read(new StreamsEventResponse(
            List.of(new StreamsEventResponse.BatchItemFailure(SEQUENCE_NUMBER))), records, true, false);

        assertThat(outcome).as("the first record with the number failed, so the whole batch did")
            .isInstanceOf(InvocationOutcome.Failed.class);
    }
}
