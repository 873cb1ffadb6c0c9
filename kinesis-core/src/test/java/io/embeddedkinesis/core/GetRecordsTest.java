package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.ExpiredIteratorException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.GetShardIteratorRequest;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StreamRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GetRecordsTest extends BrokerTestSupport {
    private static final String SHARD = "shardId-000000000000";

    private List<PutRecordResult> putTen() {
        final List<PutRecordResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(broker.putRecord("s", "k", bytes("r" + i)));
            clock.advance(1_000);
        }
        return results;
    }

    @Test
    void shouldReadFromTheTrimHorizon() {
        open().createStream("s", 1);
        putTen();

        final GetRecordsResult result = broker.getRecords(broker.getShardIterator("s", SHARD,
            ShardIteratorType.TRIM_HORIZON));

        assertThat(result.records()).extracting(BrokerTestSupport::text)
            .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(result.millisBehindLatest()).isZero();
    }

    @Test
    void shouldReadOnlyRecordsPutAfterALatestIterator() {
        open().createStream("s", 1);
        putTen();
        final long nextHour = (clock.time() / 3_600_000L + 1) * 3_600_000L;
        clock.update(nextHour - 1_000);
        final String latest = broker.getShardIterator("s", SHARD, ShardIteratorType.LATEST);
        assertThat(broker.getRecords(latest).records()).isEmpty();

        clock.update(nextHour + 1_000);
        broker.putRecord("s", "k", bytes("new"));

        assertThat(broker.getRecords(latest).records()).extracting(BrokerTestSupport::text).containsExactly("new");
    }

    @Test
    void shouldReadAtAndAfterASequenceNumber() {
        open().createStream("s", 1);
        final List<PutRecordResult> puts = putTen();
        final String fifth = puts.get(4).sequenceNumber();

        final String at = broker.getShardIterator("s", SHARD, ShardIteratorType.AT_SEQUENCE_NUMBER, fifth);
        final String after = broker.getShardIterator("s", SHARD, ShardIteratorType.AFTER_SEQUENCE_NUMBER, fifth);

        assertThat(broker.getRecords(at).records().get(0).sequenceNumber()).isEqualTo(fifth);
        assertThat(broker.getRecords(after).records()).extracting(BrokerTestSupport::text)
            .containsExactly("r5", "r6", "r7", "r8", "r9");
        final String last = puts.get(9).sequenceNumber();
        assertThat(broker.getRecords(broker.getShardIterator("s", SHARD, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last))
            .records()).isEmpty();
    }

    @Test
    void shouldReadEveryRecordAfterOrAtTheShardsStartingSequenceNumber() {
        open().createStream("s", 1);
        final String starting = broker.listShards("s").shards().get(0).sequenceNumberRange().startingSequenceNumber();
        final List<PutRecordResult> puts = putTen();

        final String at = broker.getShardIterator("s", SHARD, ShardIteratorType.AT_SEQUENCE_NUMBER, starting);
        final String after = broker.getShardIterator("s", SHARD, ShardIteratorType.AFTER_SEQUENCE_NUMBER, starting);

        assertThat(new BigInteger(starting)).isLessThan(new BigInteger(puts.get(0).sequenceNumber()));
        assertThat(broker.getRecords(at).records()).hasSize(10);
        assertThat(broker.getRecords(after).records()).hasSize(10);
    }

    @Test
    void shouldReadAtATimestampToTheMillisecond() {
        open().createStream("s", 1);
        putTen();

        final String iterator = broker.getShardIterator("s", SHARD, Instant.ofEpochMilli(START_MS + 3_000));
        final String between = broker.getShardIterator("s", SHARD, Instant.ofEpochMilli(START_MS + 3_001));

        assertThat(broker.getRecords(iterator).records().get(0).approximateArrivalTimestampMs())
            .isEqualTo(START_MS + 3_000);
        assertThat(text(broker.getRecords(between).records().get(0))).isEqualTo("r4");
    }

    @Test
    void shouldTreatATimestampBeforeTheTrimHorizonAsTrimHorizon() {
        open().createStream("s", 1);
        putTen();

        final String iterator = broker.getShardIterator("s", SHARD, Instant.ofEpochMilli(0));

        assertThat(broker.getRecords(iterator).records()).hasSize(10);
    }

    @Test
    void shouldReturnNothingAtOnceForATimestampAfterTheNewestRecordAndThenFindNewRecords() {
        open().createStream("s", 1);
        putTen();

        final String iterator = broker.getShardIterator("s", SHARD, Instant.ofEpochMilli(clock.time()));
        final GetRecordsResult empty = broker.getRecords(iterator);
        broker.putRecord("s", "k", bytes("new"));

        assertThat(empty.records()).isEmpty();
        assertThat(broker.getRecords(empty.nextShardIterator()).records()).extracting(BrokerTestSupport::text)
            .containsExactly("new");
    }

    @Test
    void shouldAdvanceTheNextIteratorPastEveryRecordReturned() {
        open().createStream("s", 1);
        putTen();
        String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);
        final List<String> read = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 3, null));
            result.records().forEach(r -> read.add(text(r)));
            assertThat(result.nextShardIterator()).isNotEqualTo(iterator);
            iterator = result.nextShardIterator();
            clock.advance(1_000);
        }

        assertThat(read).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
    }

    @Test
    void shouldReportHowFarBehindTheNewestRecordTheReaderIs() {
        open().createStream("s", 1);
        putTen();
        clock.advance(500);

        final GetRecordsResult first = broker.getRecords(new GetRecordsRequest(
            broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON), 2, null));
        final GetRecordsResult rest = broker.getRecords(first.nextShardIterator());

        assertThat(first.millisBehindLatest()).isEqualTo(clock.time() - (START_MS + 1_000));
        assertThat(rest.millisBehindLatest()).isZero();
    }

    @Test
    void shouldExpireIteratorsAfterFiveMinutes() {
        open().createStream("s", 1);
        final String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);
        clock.advance(300_000);
        broker.getRecords(iterator);

        clock.advance(1);

        assertThatThrownBy(() -> broker.getRecords(iterator))
            .isInstanceOf(ExpiredIteratorException.class)
            .hasMessageMatching("Iterator expired\\. The iterator was created at time \\w{3} \\w{3} \\d{2}"
                + " \\d{2}:\\d{2}:\\d{2} UTC \\d{4} while right now it is \\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC"
                + " \\d{4} which is further in the future than the tolerated delay of 300000 milliseconds\\.");
    }

    @Test
    void shouldRefuseForgedOrAlteredIterators() {
        open().createStream("s", 1);
        final String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);
        final byte[] raw = Base64.getDecoder().decode(iterator);
        raw[raw.length / 2] ^= 0x20;
        final String altered = Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> broker.getRecords(altered))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid ShardIterator.");
        assertThatThrownBy(() -> broker.getRecords("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid ShardIterator.");
    }

    @Test
    void shouldTakeAnIteratorWrappedInDoubleQuotesAsTheIteratorItself() {
        open().createStream("s", 1);
        broker.putRecord("s", "k", bytes("r"));
        final String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);

        assertThat(broker.getRecords('"' + iterator + '"').records()).extracting(BrokerTestSupport::text)
            .containsExactly("r");
        assertThatThrownBy(() -> broker.getRecords('"' + iterator))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid ShardIterator.");
        assertThatThrownBy(() -> broker.getRecords("\"\"" + iterator + "\"\""))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid ShardIterator.");
        assertThatThrownBy(() -> broker.getRecords("\""))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid ShardIterator.");
        assertThatThrownBy(() -> broker.getRecords("\"\""))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid ShardIterator.");
    }

    @Test
    void shouldNotReachARecreatedStreamWithAnOldIterator() {
        open().createStream("s", 1);
        final String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);
        broker.deleteStream("s");
        broker.createStream("s", 1);

        assertThatThrownBy(() -> broker.getRecords(iterator))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Shard shardId-000000000000 in stream s under account 000000000000 does not exist");
    }

    @Test
    void shouldKeepIteratorsValidAcrossARestart() {
        open().createStream("s", 1);
        putTen();
        final String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);

        reopen();

        assertThat(broker.getRecords(iterator).records()).hasSize(10);
    }

    @Test
    void shouldRefuseASequenceNumberOfAnotherShardOrStream() {
        open().createStream("s", 2);
        broker.createStream("other", 1);
        final PutRecordResult put = broker.putRecord("s", "k", bytes("v"));
        final String otherShard = put.shardId().endsWith("0") ? "shardId-000000000001" : SHARD;
        final String foreign = broker.putRecord("other", "k", bytes("v")).sequenceNumber();

        assertThatThrownBy(() -> broker.getShardIterator("s", otherShard, ShardIteratorType.AT_SEQUENCE_NUMBER,
            put.sequenceNumber()))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Invalid StartingSequenceNumber. It encodes " + put.shardId()
                + ", while it was used in a call to a shard with " + otherShard);
        assertThatThrownBy(() -> broker.getShardIterator("s", put.shardId(), ShardIteratorType.AT_SEQUENCE_NUMBER,
            foreign))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("StartingSequenceNumber " + foreign + " used in GetShardIterator on shard " + put.shardId()
                + " in stream s under account 000000000000 is invalid because it did not come from this stream.");
        assertThatThrownBy(() -> broker.getShardIterator("s", SHARD, ShardIteratorType.AT_SEQUENCE_NUMBER, "123"))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("StartingSequenceNumber 123 used in GetShardIterator on shard shardId-000000000000 in stream s"
                + " under account 000000000000 is invalid.");
        assertThatThrownBy(() -> broker.getShardIterator("s", SHARD, ShardIteratorType.AT_SEQUENCE_NUMBER, "12x"))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '12x' at 'startingSequenceNumber' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
    }

    @ParameterizedTest
    @CsvSource({"TRIM_HORIZON, also a", "LATEST, also a", "AT_TIMESTAMP, also a"})
    void shouldRefuseASequenceNumberWithAnIteratorTypeThatTakesNone(final ShardIteratorType type, final String words) {
        open().createStream("s", 1);
        final String sequence = broker.putRecord("s", "k", bytes("v")).sequenceNumber();

        assertThatThrownBy(() -> broker.getShardIterator("s", SHARD, type, sequence))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber"
                + " or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified " + type + " and "
                + words + " StartingSequenceNumber.");
    }

    @ParameterizedTest
    @EnumSource(value = ShardIteratorType.class, names = {"AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"})
    void shouldRequireASequenceNumberForSequenceIterators(final ShardIteratorType type) {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.getShardIterator("s", SHARD, type))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageEndingWith("Request specified " + type + " and no StartingSequenceNumber.");
    }

    @Test
    void shouldValidateTimestampIterators() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.getShardIterator(new GetShardIteratorRequest(StreamRequest.of("s"), SHARD,
            ShardIteratorType.AT_TIMESTAMP, null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request"
                + " has"
                + " no timestamp parameter.");
        assertThatThrownBy(() -> broker.getShardIterator("s", SHARD, Instant.ofEpochMilli(clock.time() + 1)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis."
                + " timestampInMillis: " + (clock.time() + 1) + ", currentTimestampInMillis: " + clock.time());
    }

    @Test
    void shouldNameShardsAsKinesisAcceptsThem() {
        open().createStream("s", 2);
        broker.putRecord(io.embeddedkinesis.core.model.PutRecordRequest.of("s", "k", bytes("v"))
            .withExplicitHashKey("340282366920938463463374607431768211455"));

        assertThat(broker.getRecords(broker.getShardIterator("s", "shardId-1", ShardIteratorType.TRIM_HORIZON))
            .records()).hasSize(1);
        assertThat(broker.getRecords(broker.getShardIterator("s", "1",
            ShardIteratorType.TRIM_HORIZON)).records()).hasSize(1);
        assertThatThrownBy(() -> broker.getShardIterator("s", "shardId-000000000002", ShardIteratorType.LATEST))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Shard shardId-000000000002 in stream s under account 000000000000 does not exist");
        assertThatThrownBy(() -> broker.getShardIterator("s", "shardId-x", ShardIteratorType.LATEST))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Could not find shard shardId-x in stream s under account 000000000000.");
    }

    @Test
    void shouldNameTheShardNotTheStreamWhenTheStreamIsMissing() {
        open();

        assertThatThrownBy(() -> broker.getShardIterator("missing", "2147483647", ShardIteratorType.LATEST))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Shard shardId-002147483647 in stream missing under account 000000000000 does not exist");
        assertThatThrownBy(() -> broker.getShardIterator("arn:aws:kinesis:us-east-1:000000000000:stream/missing",
            SHARD, ShardIteratorType.LATEST))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Shard " + SHARD + " in stream missing under account 000000000000 does not exist");
        assertThatThrownBy(() -> broker.getShardIterator("missing", "2147483648", ShardIteratorType.LATEST))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Could not find shard 2147483648 in stream missing under account 000000000000.");
    }

    @Test
    void shouldValidateTheLimit() {
        open().createStream("s", 1);
        final String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);

        assertThatThrownBy(() -> broker.getRecords(new GetRecordsRequest(iterator, 0, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must"
                + " have value greater than or equal to 1");
        assertThatThrownBy(() -> broker.getRecords(new GetRecordsRequest(iterator, 10_001, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Limit must be between 1 and 10000.");
    }

    @Test
    void shouldReturnAtMostTenMebibytesPerCall() {
        open(b -> b.shardLimits(ShardLimits.NONE)).createStream("s", 1);
        final byte[] payload = new byte[1024 * 1024 - 10];
        for (int i = 0; i < 12; i++) {
            broker.putRecord("s", "k", payload);
        }

        final GetRecordsResult first = broker.getRecords(broker.getShardIterator("s", SHARD,
            ShardIteratorType.TRIM_HORIZON));
        final GetRecordsResult second = broker.getRecords(first.nextShardIterator());

        assertThat(first.records()).hasSize(10);
        assertThat(second.records()).hasSize(2);
    }

    @Test
    void shouldThrottleTheSixthReadInASecond() {
        open().createStream("s", 1);
        final String iterator = broker.getShardIterator("s", SHARD, ShardIteratorType.TRIM_HORIZON);
        for (int i = 0; i < 5; i++) {
            broker.getRecords(iterator);
        }

        assertThatThrownBy(() -> broker.getRecords(iterator))
            .isInstanceOf(ProvisionedThroughputExceededException.class)
            .hasMessage("Rate exceeded for Shard - 000000000000/s/shardId-000000000000");

        clock.advance(200);
        broker.getRecords(iterator);
    }

    @Test
    void shouldThrottleReadsForFiveSecondsAfterAResponseOfTenMib() {
        open().createStream("s", 1);
        final byte[] data = new byte[1024 * 1024 - 1];
        for (int i = 0; i < 10; i++) {
            broker.putRecord("s", "k", data);
            clock.advance(1_000);
        }
        final GetRecordsResult tenMib = broker.getRecords(broker.getShardIterator("s", SHARD,
            ShardIteratorType.TRIM_HORIZON));
        assertThat(tenMib.records()).hasSize(10);

        clock.advance(4_999);
        assertThatThrownBy(() -> broker.getRecords(tenMib.nextShardIterator()))
            .isInstanceOf(ProvisionedThroughputExceededException.class);
        clock.advance(2);
        assertThat(broker.getRecords(tenMib.nextShardIterator()).records()).isEmpty();
    }

    @Test
    void shouldStoreRecordsWithTheArrivalTimeOfTheInjectedClock() {
        open().createStream("s", 1);
        clock.update(START_MS + 777);
        broker.putRecord("s", "k", bytes("v"));

        final Record record = readAll("s").get(0);

        assertThat(record.approximateArrivalTimestamp()).isEqualTo(Instant.ofEpochMilli(START_MS + 777));
    }
}
