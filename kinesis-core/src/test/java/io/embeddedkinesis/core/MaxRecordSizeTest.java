package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.UpdateMaxRecordSizeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code UpdateMaxRecordSize} and records of up to 10 MiB, end to end through the broker.
 */
class MaxRecordSizeTest extends BrokerTestSupport {
    private static final String SHARD = "shardId-000000000000";
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/big";
    private static final int MIB = 1024 * 1024;

    @Test
    void shouldReportTheDefaultMaximumOfOneMebibyte() {
        open().createStream("big", 1);

        assertThat(broker.describeStreamSummary("big").maxRecordSizeInKiB()).isEqualTo(1024);
    }

    @Test
    void shouldTakeTheMaximumAtCreation() {
        open().createStream(CreateStreamRequest.of("big", 1).withMaxRecordSizeInKiB(10240));

        assertThat(broker.describeStreamSummary("big").maxRecordSizeInKiB()).isEqualTo(10240);
        broker.putRecord("big", "k", new byte[10 * MIB - 1]);
    }

    @Test
    void shouldChangeTheMaximumByArnAndKeepItAcrossARestart() {
        open().createStream("big", 1);

        broker.updateMaxRecordSize(ARN, 5000);
        reopen();

        assertThat(broker.describeStreamSummary("big").maxRecordSizeInKiB()).isEqualTo(5000);
        broker.putRecord("big", "k", new byte[5000 * 1024 - 1]);
    }

    @ParameterizedTest
    @CsvSource({
        "1023, 1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 1024",
        "10241, 1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10240",
        ", 1 validation error detected: Value null at 'maxRecordSizeInKiB' failed to satisfy constraint:"
            + " Member must not be null"})
    void shouldRefuseASizeOutOfRange(final Integer kib, final String message) {
        open().createStream("big", 1);

        assertThatThrownBy(() -> broker.updateMaxRecordSize(new UpdateMaxRecordSizeRequest(ARN, kib)))
            .isInstanceOf(ValidationException.class)
            .hasMessage(message);
        assertThat(broker.describeStreamSummary("big").maxRecordSizeInKiB()).isEqualTo(1024);
    }

    @Test
    void shouldRefuseAStreamNotNamedByAValidArn() {
        open().createStream("big", 1);

        assertThatThrownBy(() -> broker.updateMaxRecordSize(new UpdateMaxRecordSizeRequest(null, 2048)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member"
                + " must not be null");
        assertThatThrownBy(() -> broker.updateMaxRecordSize("big", 100))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value '100' at 'maxRecordSizeInKiB' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1024; Value 'big' at 'streamARN' failed"
                + " to satisfy constraint: Member must satisfy regular expression pattern:"
                + " arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
        assertThatThrownBy(() -> broker.updateMaxRecordSize(ARN.replace("big", "nope"), 2048))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream nope under account 000000000000 not found.");
    }

    @Test
    void shouldRefuseAChangeWhileTheStreamIsCreating() {
        open(b -> b.streamCreationDelayMs(1_000)).createStream("big", 1);

        assertThatThrownBy(() -> broker.updateMaxRecordSize(ARN, 2048))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream big under account 000000000000 is not ACTIVE.");
    }

    @Test
    void shouldValidateTheMaximumAtCreation() {
        open();

        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.of("big", 1).withMaxRecordSizeInKiB(512)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '512' at 'maxRecordSizeInKiB' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1024");
        assertThat(broker.listStreams().streamNames()).isEmpty();
    }

    @Test
    void shouldRoundTripATenMebibyteRecordWithinTheShardLimits() {
        open().createStream(CreateStreamRequest.of("big", 1).withMaxRecordSizeInKiB(10240));
        final byte[] data = random(10 * MIB - 3, 1);
        final PutRecordResult small = broker.putRecord("big", "k", bytes("before"));
        clock.advance(1_000);

        final PutRecordResult large = broker.putRecord("big", "key", data);
        final GetRecordsResult first = broker.getRecords(
            broker.getShardIterator("big", SHARD, ShardIteratorType.TRIM_HORIZON));
        final GetRecordsResult read = broker.getRecords(first.nextShardIterator());

        assertThat(first.records()).as("the large record does not fit in what is left of the call's 10 MiB")
            .extracting(Record::sequenceNumber).containsExactly(small.sequenceNumber());
        assertThat(read.records()).extracting(Record::sequenceNumber).containsExactly(large.sequenceNumber());
        final Record record = read.records().get(0);
        assertThat(record.data()).isEqualTo(data);
        assertThat(record.partitionKey()).isEqualTo("key");
        assertThat(record.approximateArrivalTimestampMs()).isEqualTo(START_MS + 1_000);
        assertThat(read.millisBehindLatest()).isZero();
        assertThatThrownBy(() -> broker.getRecords(read.nextShardIterator()))
            .as("a 10 MiB read leaves the shard's 2 MiB/s read limit in debt")
            .isInstanceOf(ProvisionedThroughputExceededException.class);
        clock.advance(5_001);
        assertThat(broker.getRecords(read.nextShardIterator()).records()).isEmpty();
        final String after = broker.getShardIterator("big", SHARD, ShardIteratorType.AFTER_SEQUENCE_NUMBER,
            small.sequenceNumber());
        assertThat(broker.getRecords(after).records()).extracting(Record::sequenceNumber)
            .containsExactly(large.sequenceNumber());
        final String at = broker.getShardIterator("big", SHARD, Instant.ofEpochMilli(START_MS + 1));
        // The second 10 MiB overdrew a budget just repaid, not a full one: 12 MiB to repay with its second, 6 s.
        clock.advance(6_000);
        assertThat(broker.getRecords(at).records()).extracting(Record::sequenceNumber)
            .containsExactly(large.sequenceNumber());
    }

    @Test
    void shouldBurstTheShardsWriteLimitForALargeRecordAndPayItBack() {
        open().createStream(CreateStreamRequest.of("big", 1).withMaxRecordSizeInKiB(10240));

        broker.putRecord("big", "k", new byte[10 * MIB - 1]);

        assertThatThrownBy(() -> broker.putRecord("big", "k", bytes("x")))
            .isInstanceOf(ProvisionedThroughputExceededException.class);
        clock.advance(9_001);
        broker.putRecord("big", "k", bytes("x"));
    }

    @Test
    void shouldReturnALargeRecordAloneWhenTheCallsBudgetIsPartlySpent() {
        open(b -> b.shardLimits(ShardLimits.NONE))
            .createStream(CreateStreamRequest.of("big", 1).withMaxRecordSizeInKiB(10240));
        broker.putRecord("big", "k", new byte[MIB]);
        broker.putRecord("big", "k", new byte[10 * MIB - 1]);
        broker.putRecord("big", "k", bytes("small"));

        final GetRecordsResult first = broker.getRecords(
            broker.getShardIterator("big", SHARD, ShardIteratorType.TRIM_HORIZON));
        final GetRecordsResult second = broker.getRecords(first.nextShardIterator());
        final GetRecordsResult third = broker.getRecords(second.nextShardIterator());

        assertThat(first.records()).extracting(r -> r.data().length).containsExactly(MIB);
        assertThat(second.records()).extracting(r -> r.data().length).containsExactly(10 * MIB - 1);
        assertThat(third.records()).extracting(BrokerTestSupport::text).containsExactly("small");
    }

    @Test
    void shouldCheckPutRecordAgainstTheStreamsMaximum() {
        open(b -> b.shardLimits(ShardLimits.NONE)).createStream("big", 1);
        broker.updateMaxRecordSize(ARN, 2048);

        broker.putRecord("big", "k", new byte[2 * MIB - 1]);
        assertThatThrownBy(() -> broker.putRecord("big", "k", new byte[2 * MIB + 1]))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have"
                + " length less than or equal to 2097152.");
        assertThatThrownBy(() -> broker.putRecord("big", "key", new byte[2 * MIB - 2]))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Record size (2097153 bytes of data and partition key) exceeds the maximum record size of"
                + " 2097152 bytes.");
        assertThat(readAll("big")).hasSize(1);
    }

    @Test
    void shouldCheckPutRecordsAgainstTheStreamsMaximum() {
        open(b -> b.shardLimits(ShardLimits.NONE)).createStream("big", 1);
        final PutRecordsRequestEntry fits = PutRecordsRequestEntry.of("k", new byte[MIB - 1]);
        final PutRecordsRequestEntry tooLarge = PutRecordsRequestEntry.of("k", new byte[MIB + 1]);

        assertThatThrownBy(() -> broker.putRecords("big", List.of(fits, tooLarge, fits, tooLarge)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value at 'records.2.member.data' failed to satisfy constraint:"
                + " Member must have length less than or equal to 1048576.; Value at 'records.4.member.data' failed"
                + " to satisfy constraint: Member must have length less than or equal to 1048576.");
        assertThatThrownBy(() -> broker.putRecords("big", List.of(fits, PutRecordsRequestEntry.of("kk", new byte[
            MIB - 1]))))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Record size (1048577 bytes of data and partition key) exceeds the maximum record size of"
                + " 1048576 bytes.");
        assertThat(readAll("big")).isEmpty();

        broker.updateMaxRecordSize(ARN, 10240);
        final PutRecordsResult result = broker.putRecords("big", List.of(tooLarge));
        final PutRecordsResult whole = broker.putRecords("big",
            List.of(PutRecordsRequestEntry.of("k", new byte[10 * MIB - 1])));

        assertThat(result.failedRecordCount()).isZero();
        assertThat(whole.failedRecordCount()).isZero();
        assertThat(readAll("big")).extracting(r -> r.data().length).containsExactly(MIB + 1, 10 * MIB - 1);
    }

    @Test
    void shouldKeepLargeRecordsReadableAfterTheMaximumIsLowered() {
        open().createStream(CreateStreamRequest.of("big", 1).withShardLimits(ShardLimits.NONE));
        broker.updateMaxRecordSize(ARN, 10240);
        final byte[] data = random(7 * MIB, 2);
        broker.putRecord("big", "k", data);

        broker.updateMaxRecordSize(ARN, 1024);
        reopen();

        assertThat(readAll("big")).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(data));
        assertThatThrownBy(() -> broker.putRecord("big", "k", data)).isInstanceOf(ValidationException.class);
    }

    private static byte[] random(final int length, final long seed) {
        final byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
