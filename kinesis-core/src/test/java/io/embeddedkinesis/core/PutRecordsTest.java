package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutRecordsTest extends BrokerTestSupport {
    @Test
    void shouldReturnOneResultPerRecordInRequestOrder() {
        open().createStream("clicks", 4);
        final List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(PutRecordsRequestEntry.of("user-" + i, bytes("event-" + i)));
        }

        final PutRecordsResult result = broker.putRecords("clicks", entries);

        assertThat(result.failedRecordCount()).isZero();
        assertThat(result.records()).hasSize(500).allMatch(PutRecordsResultEntry::isSuccessful);
        final List<Record> stored = readAll("clicks");
        assertThat(stored).hasSize(500);
        for (int i = 0; i < 500; i++) {
            final PutRecordsResultEntry entry = result.records().get(i);
            final String key = "user-" + i;
            final Record record = stored.stream()
                .filter(r -> r.sequenceNumber().equals(entry.sequenceNumber())).findFirst().orElseThrow();
            assertThat(record.partitionKey()).isEqualTo(key);
            assertThat(text(record)).isEqualTo("event-" + i);
        }
    }

    @Test
    void shouldStampTheRecordsOfOneCallWithOneArrivalTime() {
        final boolean[] racing = {false};
        open(config -> config.clock(() -> {
            if (racing[0]) {
                clock.advance(1);
            }
            return clock.time();
        })).createStream("clicks", 2);
        final List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(PutRecordsRequestEntry.of("user-" + i, bytes("event-" + i)));
        }

        racing[0] = true;
        broker.putRecords("clicks", entries);
        racing[0] = false;

        final List<Record> stored = readAll("clicks");
        assertThat(stored).hasSize(20);
        assertThat(stored.stream().map(Record::approximateArrivalTimestampMs).distinct()).hasSize(1);
    }

    @Test
    void shouldFailOnlyTheRecordsOverTheirShardsLimit() {
        open().createStream("clicks", 2);
        final String hot = "hot-key";
        final List<PutRecordsRequestEntry> first = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            first.add(PutRecordsRequestEntry.of(hot, bytes("a" + i)));
        }
        final String hotShard = broker.putRecords("clicks", first).records().get(0).shardId();
        broker.putRecords("clicks", first);
        final String cold = coldKey(hotShard);
        final List<PutRecordsRequestEntry> mixed = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            mixed.add(PutRecordsRequestEntry.of(i % 2 == 0 ? hot : cold, bytes("c" + i)));
        }

        final PutRecordsResult result = broker.putRecords("clicks", mixed);

        assertThat(result.failedRecordCount()).isEqualTo(250);
        for (int i = 0; i < 500; i++) {
            final PutRecordsResultEntry entry = result.records().get(i);
            if (i % 2 == 0) {
                assertThat(entry.isSuccessful()).isFalse();
                assertThat(entry.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                assertThat(entry.errorMessage()).isEqualTo("Rate exceeded for shard " + hotShard
                    + " in stream clicks under account 000000000000.");
                assertThat(entry.sequenceNumber()).isNull();
                assertThat(entry.shardId()).isNull();
            } else {
                assertThat(entry.isSuccessful()).isTrue();
                assertThat(entry.shardId()).isNotEqualTo(hotShard);
            }
        }
        assertThat(readAll("clicks")).hasSize(1000 + 250);
    }

    @Test
    void shouldValidateEveryEntryBeforeWritingAny() {
        open().createStream("clicks", 1);
        final List<PutRecordsRequestEntry> entries = List.of(
            PutRecordsRequestEntry.of("ok", bytes("v")),
            PutRecordsRequestEntry.of("", bytes("v")),
            new PutRecordsRequestEntry(null, "k", "x"));

        assertThatThrownBy(() -> broker.putRecords("clicks", entries))
            .isInstanceOf(ValidationException.class)
            .hasMessage("3 validation errors detected: Value '' at 'records.2.member.partitionKey' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1; Value 'x' at"
                + " 'records.3.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular"
                + " expression pattern: 0|([1-9]\\d{0,38}); Value null at 'records.3.member.data' failed to satisfy"
                + " constraint: Member must not be null");
        assertThat(readAll("clicks")).isEmpty();
    }

    @Test
    void shouldRefuseEmptyAndOversizedBatches() {
        open().createStream("clicks", 1);
        final List<PutRecordsRequestEntry> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(PutRecordsRequestEntry.of("k", bytes("v")));
        }

        assertThatThrownBy(() -> broker.putRecords("clicks", List.of()))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must"
                + " have length greater than or equal to 1");
        assertThatThrownBy(() -> broker.putRecords("clicks", tooMany))
            .isInstanceOf(ValidationException.class)
            .hasMessageEndingWith("at 'records' failed to satisfy constraint: Member must have length less than"
                + " or equal to 500")
            .satisfies(ex -> assertThat(entryHashes(ex.getMessage())).as("equal entries print alike").hasSize(501)
                .containsOnly(entryHashes(ex.getMessage()).get(0)));
        tooMany.set(0, PutRecordsRequestEntry.of("other", bytes("v")));
        assertThatThrownBy(() -> broker.putRecords("clicks", tooMany))
            .satisfies(ex -> assertThat(entryHashes(ex.getMessage()).get(0))
                .isNotEqualTo(entryHashes(ex.getMessage()).get(1)));
        assertThatThrownBy(() -> broker.putRecords(new PutRecordsRequest(StreamRequest.of("clicks"), null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must"
                + " not be null");
        assertThat(readAll("clicks")).isEmpty();
    }

    /** The hash codes a validation message prints its entries with, in order. */
    private static List<String> entryHashes(final String message) {
        final Matcher matcher = Pattern.compile("PutRecordsRequestEntry@([0-9a-f]+)").matcher(message);
        final List<String> hashes = new ArrayList<>();
        while (matcher.find()) {
            hashes.add(matcher.group(1));
        }
        return hashes;
    }

    @Test
    void shouldRefuseBatchesOverTenMebibytes() {
        open(b -> b.shardLimits(ShardLimits.NONE)).createStream("clicks", 1);
        final byte[] big = new byte[1000 * 1024];
        final List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            entries.add(PutRecordsRequestEntry.of("k", big));
        }

        assertThatThrownBy(() -> broker.putRecords("clicks", entries))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Records size exceeds 10 MB limit");
        assertThat(readAll("clicks")).isEmpty();
        broker.putRecords("clicks", entries.subList(0, 10));
        assertThat(readAll("clicks")).hasSize(10);
    }

    @Test
    void shouldRefuseTheWholeBatchForOneBadExplicitHashKey() {
        open().createStream("clicks", 1);
        final List<PutRecordsRequestEntry> entries = List.of(
            PutRecordsRequestEntry.of("ok", bytes("v")),
            new PutRecordsRequestEntry(bytes("v"), "k", "340282366920938463463374607431768211456"));

        assertThatThrownBy(() -> broker.putRecords("clicks", entries)).isInstanceOf(InvalidArgumentException.class);
        assertThat(readAll("clicks")).isEmpty();
    }

    private static String coldKey(final String hotShard) {
        for (int i = 0; ; i++) {
            final String key = "cold-" + i;
            final boolean upperHalf = PartitionKeyHasher.compute(key).hashKey().high() < 0;
            final boolean hotIsUpper = hotShard.endsWith("1");
            if (upperHalf != hotIsUpper) {
                return key;
            }
        }
    }

    @Test
    void shouldPutRecordsOfEveryShardInOneCall() {
        open().createStream("clicks", 3);
        final PutRecordsRequestEntry[] entries = new PutRecordsRequestEntry[30];
        Arrays.setAll(entries, i -> PutRecordsRequestEntry.of("user-" + i, bytes("v")));

        final PutRecordsResult result = broker.putRecords("clicks", List.of(entries));

        assertThat(result.records()).extracting(PutRecordsResultEntry::shardId).containsOnly(
            "shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    }
}
