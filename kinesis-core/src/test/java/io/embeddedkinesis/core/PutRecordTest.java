package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutRecordTest extends BrokerTestSupport {
    @Test
    void shouldRouteEachKeyToTheShardWhoseRangeHoldsItsMd5() {
        open().createStream("clicks", 4);
        final List<Shard> shards = broker.listShards("clicks").shards();

        for (int i = 0; i < 200; i++) {
            final String key = "user-" + i;
            final PutRecordResult result = broker.putRecord("clicks", key, bytes("v"));
            final HashKey hash = PartitionKeyHasher.compute(key).hashKey();
            final Shard expected = shards.stream()
                .filter(s -> s.hashKeyRange().contains(hash.high(), hash.low())).findFirst().orElseThrow();
            assertThat(result.shardId()).as(key).isEqualTo(expected.shardId());
        }
    }

    @Test
    void shouldRouteByExplicitHashKeyInsteadOfThePartitionKey() {
        open().createStream("clicks", 4);
        final Shard lastShard = broker.listShards("clicks").shards().get(3);
        final String lastShardStart = lastShard.hashKeyRange().startingHashKey().toString();

        final PutRecordResult result = broker.putRecord(PutRecordRequest.of("clicks", "k", bytes("v"))
            .withExplicitHashKey(lastShardStart));

        assertThat(result.shardId()).isEqualTo("shardId-000000000003");
        assertThat(readShard("clicks", "shardId-000000000003")).extracting(Record::partitionKey).containsExactly("k");
    }

    @Test
    void shouldGiveIncreasingSequenceNumbersWithinAShard() {
        open().createStream("clicks", 1);
        BigInteger previous = BigInteger.ZERO;

        for (int i = 0; i < 100; i++) {
            final BigInteger current = new BigInteger(broker.putRecord("clicks", "k" + i, bytes("v")).sequenceNumber());
            assertThat(current).isGreaterThan(previous);
            previous = current;
            clock.advance(60_000);
        }
    }

    @Test
    void shouldStoreWhatWasPut() {
        open().createStream("clicks", 1);
        clock.advance(42);
        final PutRecordResult result = broker.putRecord("clicks", "clé", bytes("payload"));

        final Record record = readAll("clicks").get(0);

        assertThat(record.sequenceNumber()).isEqualTo(result.sequenceNumber());
        assertThat(record.partitionKey()).isEqualTo("clé");
        assertThat(text(record)).isEqualTo("payload");
        assertThat(record.approximateArrivalTimestampMs()).isEqualTo(START_MS + 42);
    }

    @Test
    void shouldAcceptAnEmptyPayloadAndAMebibyteRecord() {
        open().createStream("clicks", 1);
        final byte[] mebibyte = new byte[1024 * 1024 - 1];

        broker.putRecord("clicks", "k", new byte[0]);
        clock.advance(1000);
        broker.putRecord("clicks", "k", mebibyte);

        assertThat(readAll("clicks")).extracting(r -> r.data().length).containsExactly(0, mebibyte.length);
    }

    @Test
    void shouldValidateThePutAsAwsDoes() {
        open().createStream("clicks", 1);

        assertThatThrownBy(() -> broker.putRecord(new PutRecordRequest(new StreamRequest(null, null), null, null,
            null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint:"
                + " Member must not be null; Value null at 'data' failed to satisfy constraint: Member must not"
                + " be null");
        assertThatThrownBy(() -> broker.putRecord("clicks", "", bytes("v")))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member"
                + " must have length greater than or equal to 1");
        assertThatThrownBy(() -> broker.putRecord("clicks", "k".repeat(257), bytes("v")))
            .isInstanceOf(ValidationException.class)
            .hasMessageEndingWith("Member must have length less than or equal to 256");
        assertThatThrownBy(() -> broker.putRecord("clicks", "k", new byte[10 * 1024 * 1024 + 1]))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=10485761"
                + " cap=10485761]' at 'data' failed to satisfy constraint: Member must have length less than or"
                + " equal to 10485760");
        assertThatThrownBy(() -> broker.putRecord("clicks", "k", new byte[1024 * 1024 + 1]))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have"
                + " length less than or equal to 1048576.");
        final PutRecordRequest negativeHashKey =
            PutRecordRequest.of("clicks", "k", bytes("v")).withExplicitHashKey("-1");
        assertThatThrownBy(() -> broker.putRecord(negativeHashKey))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '-1' at 'explicitHashKey' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
        assertThat(readAll("clicks")).isEmpty();
    }

    @Test
    void shouldRefuseARecordWhoseKeyAndDataExceedAMebibyte() {
        open().createStream("clicks", 1);

        assertThatThrownBy(() -> broker.putRecord("clicks", "key", new byte[1024 * 1024 - 2]))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageContaining("exceeds the maximum record size of 1048576 bytes");
        assertThat(readAll("clicks")).isEmpty();
    }

    @Test
    void shouldRefuseAnExplicitHashKeyOutOfRange() {
        open().createStream("clicks", 1);

        assertThatThrownBy(() -> broker.putRecord(PutRecordRequest.of("clicks", "k", bytes("v"))
            .withExplicitHashKey("340282366920938463463374607431768211456")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith("Invalid ExplicitHashKey.");
    }

    @Test
    void shouldCheckTheSequenceNumberForOrdering() {
        open().createStream("clicks", 1);
        final String previous = broker.putRecord("clicks", "k", bytes("1")).sequenceNumber();

        broker.putRecord(PutRecordRequest.of("clicks", "k", bytes("2")).withSequenceNumberForOrdering(previous));

        assertThatThrownBy(() -> broker.putRecord(PutRecordRequest.of("clicks", "k", bytes("3"))
            .withSequenceNumberForOrdering("12345")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("ExclusiveMinimumSequenceNumber 12345 used in PutRecord on stream clicks under account"
                + " 000000000000 is invalid.");
        assertThat(readAll("clicks")).extracting(BrokerTestSupport::text).containsExactly("1", "2");
    }

    @Test
    void shouldRefuseAPutToAMissingStream() {
        open();

        assertThatThrownBy(() -> broker.putRecord("nope", "k", bytes("v")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream nope under account 000000000000 not found.");
    }

    @Test
    void shouldThrottleTheThousandAndFirstRecordInASecondAndWriteNothing() {
        open().createStream("clicks", 1);
        for (int i = 0; i < 1000; i++) {
            broker.putRecord("clicks", "k", bytes("v"));
        }

        assertThatThrownBy(() -> broker.putRecord("clicks", "k", bytes("over")))
            .isInstanceOf(ProvisionedThroughputExceededException.class)
            .hasMessage("Rate exceeded for shard shardId-000000000000 in stream clicks under account 000000000000.")
            .satisfies(ex -> assertThat(((ProvisionedThroughputExceededException) ex).isRetryable()).isTrue());
        assertThat(readAll("clicks")).hasSize(1000);

        clock.advance(1000);
        broker.putRecord("clicks", "k", bytes("later"));
        assertThat(readAll("clicks")).hasSize(1001);
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1, 1", "524288, 2, 2", "524288, 3, 2"})
    void shouldThrottleAtOneMebibyteASecondPerShard(final int recordBytes, final int puts, final int admitted) {
        open().createStream("clicks", 1);
        int written = 0;
        for (int i = 0; i < puts; i++) {
            try {
                broker.putRecord("clicks", "", new byte[0]);
            } catch (final ValidationException expected) {
                // An empty key is invalid: proves validation runs before throttling and writes nothing.
            }
            try {
                broker.putRecord("clicks", "k", new byte[recordBytes - 1]);
                written++;
            } catch (final ProvisionedThroughputExceededException expected) {
                // Over the shard's byte rate: this record alone is refused.
            }
        }

        assertThat(written).isEqualTo(admitted);
        assertThat(readAll("clicks")).hasSize(admitted);
    }

    @Test
    void shouldHonourPerStreamLimits() {
        open().createStream(io.embeddedkinesis.core.model.CreateStreamRequest.of("free", 1)
            .withShardLimits(ShardLimits.NONE));

        for (int i = 0; i < 5_000; i++) {
            broker.putRecord("free", "k", bytes("v"));
        }

        assertThat(readAll("free")).hasSize(5_000);
    }

    @Test
    void shouldReportAMissingPartitionKeyBeforeLookingForTheStream() {
        open().createStream("s", 1);
        final String missingKey = "1 validation error detected: Value null at 'partitionKey' failed to satisfy"
            + " constraint: Member must not be null";
        final String missingEntryKey = "1 validation error detected: Value null at 'records.1.member.partitionKey'"
            + " failed to satisfy constraint: Member must not be null";

        assertThatThrownBy(() -> broker.putRecord(new PutRecordRequest(StreamRequest.of("missing"), null,
            bytes("v"), null, null)))
            .isInstanceOf(ValidationException.class).hasMessage(missingKey);
        assertThatThrownBy(() -> broker.putRecords(new PutRecordsRequest(StreamRequest.of("missing"),
            List.of(new PutRecordsRequestEntry(bytes("v"), null, null)))))
            .isInstanceOf(ValidationException.class).hasMessage(missingEntryKey);
        assertThatThrownBy(() -> broker.putRecord(new PutRecordRequest(StreamRequest.of("s"), null,
            bytes("v"), null, null)))
            .isInstanceOf(ValidationException.class).hasMessage(missingKey);
        assertThat(readAll("s")).isEmpty();
    }
}
