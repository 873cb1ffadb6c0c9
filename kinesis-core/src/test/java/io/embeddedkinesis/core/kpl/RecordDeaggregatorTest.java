package io.embeddedkinesis.core.kpl;

import com.google.protobuf.ByteString;
import io.embeddedkinesis.core.kpl.protobuf.KplMessages;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.routing.HashKeyRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static io.embeddedkinesis.core.kpl.KplVectorsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class RecordDeaggregatorTest {
    private static final long ARRIVAL_MS = 1_764_000_123_456L;
    private static final String UPPER_HALF = "170141183460469231731687303715884105728";

    @Test
    void shouldGiveEachUserRecordOfAnAggregateItsSubsequenceNumberAndTheAggregatesSequenceNumber() {
        final Record record = record(aggregate(UserRecord.of("k1", bytes("one")),
            new UserRecord("k2", "99", bytes("two")), UserRecord.of("k1", bytes("three"))), 5);

        final List<DeaggregatedRecord> read = RecordDeaggregator.deaggregate(record);

        assertThat(read).extracting(DeaggregatedRecord::subSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(read).extracting(DeaggregatedRecord::partitionKey).containsExactly("k1", "k2", "k1");
        assertThat(read).extracting(DeaggregatedRecord::explicitHashKey).containsExactly(null, "99", null);
        assertThat(read).extracting(user -> new String(user.data())).containsExactly("one", "two", "three");
        assertThat(read).allSatisfy(user -> {
            assertThat(user.sequenceNumber()).isEqualTo(record.sequenceNumber());
            assertThat(user.approximateArrivalTimestamp()).isEqualTo(record.approximateArrivalTimestamp());
            assertThat(user.container()).isSameAs(record);
            assertThat(user.isAggregated()).isTrue();
        });
        assertThat(read.get(1).hashKey()).hasToString("99");
    }

    @Test
    void shouldPassARecordThatIsNotAnAggregateThroughAsOneUserRecord() {
        final Record record =
            new Record(new SequenceNumber(1, 0, 3), ARRIVAL_MS, bytes("{\"page\":\"/\"}"), bytes("u"));

        final DeaggregatedRecord read = only(RecordDeaggregator.deaggregate(record, HashKeyRange.evenSplit(2).get(0)));

        assertThat(read.data()).isSameAs(record.data());
        assertThat(read.partitionKey()).isEqualTo("u");
        assertThat(read.explicitHashKey()).isNull();
        assertThat(read.subSequenceNumber()).isZero();
        assertThat(read.isAggregated()).isFalse();
        assertThat(read.sequenceNumber()).isEqualTo(record.sequenceNumber());
    }

    @Test
    void shouldPassAnAggregateWhoseDigestDoesNotMatchThroughUnchanged() {
        final byte[] data = aggregate(UserRecord.of("k1", bytes("one")), UserRecord.of("k2", bytes("two")));
        data[data.length - 1] ^= 1;

        final DeaggregatedRecord read = only(RecordDeaggregator.deaggregate(record(data, 1)));

        assertThat(RecordDeaggregator.isAggregated(data)).isFalse();
        assertThat(read.isAggregated()).isFalse();
        assertThat(read.data()).isSameAs(data);
        assertThat(read.partitionKey()).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 20})
    void shouldPassDataTooShortToBeAnAggregateThrough(final int length) {
        final byte[] data = Arrays.copyOf(KplFormat.MAGIC, length);
        if (length == 20) {
            KplFormat.frame(data, 0);   // magic and the digest of nothing: the KCL wants a body too
        }

        assertThat(only(RecordDeaggregator.deaggregate(record(data, 1))).isAggregated()).isFalse();
    }

    @Test
    void shouldPassAnAggregateWhoseBodyIsNotAnAggregatedRecordThrough() {
        final byte[] garbage = framed(new byte[] {(byte) 0xFF, (byte) 0xFF});
        final KplMessages.Record recordWithoutData =
            KplMessages.Record.newBuilder().setPartitionKeyIndex(0).buildPartial();
        final KplMessages.AggregatedRecord withoutData = KplMessages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("k").addRecords(recordWithoutData).buildPartial();
        final byte[] requiredFieldMissing = framed(withoutData.toByteArray());

        assertThat(only(RecordDeaggregator.deaggregate(record(garbage, 1))).data()).isSameAs(garbage);
        assertThat(only(RecordDeaggregator.deaggregate(record(requiredFieldMissing, 2))).data())
            .isSameAs(requiredFieldMissing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"partition key index", "explicit hash key index", "explicit hash key"})
    void shouldPassAnAggregateThatContradictsItselfThroughWhole(final String fault) {
        final KplMessages.Record.Builder second = KplMessages.Record.newBuilder().setPartitionKeyIndex(0)
            .setData(ByteString.copyFromUtf8("two"));
        switch (fault) {
            case "partition key index" -> second.setPartitionKeyIndex(1);
            case "explicit hash key index" -> second.setExplicitHashKeyIndex(1);
            default -> second.setExplicitHashKeyIndex(0);
        }
        final byte[] data = framed(KplMessages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("k").addExplicitHashKeyTable("twelve")
            .addRecords(KplMessages.Record.newBuilder().setPartitionKeyIndex(0).setData(ByteString.copyFromUtf8("one")))
            .addRecords(second).build().toByteArray());

        final DeaggregatedRecord read = only(RecordDeaggregator.deaggregate(record(data, 1)));

        assertThat(read.isAggregated()).isFalse();
        assertThat(read.data()).isSameAs(data);
    }

    @Test
    void shouldDropAnAggregateHoldingAUserRecordOutsideTheShardsRangeWhole() {
        final List<HashKeyRange> halves = HashKeyRange.evenSplit(2);
        final Record mixed = record(aggregate(new UserRecord("low", "1", bytes("low")),
            new UserRecord("high", UPPER_HALF, bytes("high"))), 1);
        final Record lowOnly = record(aggregate(new UserRecord("low", "1", bytes("low")),
            new UserRecord("low", "2", bytes("low too"))), 2);

        assertThat(RecordDeaggregator.deaggregate(mixed, halves.get(0))).isEmpty();
        assertThat(RecordDeaggregator.deaggregate(mixed, halves.get(1))).isEmpty();
        assertThat(RecordDeaggregator.deaggregate(mixed, HashKeyRange.ALL)).hasSize(2);
        assertThat(RecordDeaggregator.deaggregate(lowOnly, halves.get(0))).hasSize(2);
        assertThat(RecordDeaggregator.deaggregate(lowOnly, halves.get(1))).isEmpty();
    }

    @Test
    void shouldJudgeAUserRecordWithoutExplicitHashKeyByTheMd5OfItsPartitionKey() {
        final UserRecord byKey = UserRecord.of("user-42", bytes("x"));
        final HashKeyRange owner = HashKeyRange.evenSplit(4).stream()
            .filter(range -> range.contains(byKey.hashKey().high(), byKey.hashKey().low())).findFirst().orElseThrow();
        final Record record = record(aggregate(byKey, byKey), 1);

        assertThat(RecordDeaggregator.deaggregate(record, owner)).hasSize(2);
        assertThat(HashKeyRange.evenSplit(4)).filteredOn(range -> !range.equals(owner))
            .allSatisfy(other -> assertThat(RecordDeaggregator.deaggregate(record, other)).isEmpty());
    }

    @Test
    void shouldDeaggregateAGetRecordsPageInOrder() {
        final List<Record> page = List.of(
            new Record(new SequenceNumber(1, 0, 1), ARRIVAL_MS, bytes("plain 1"), bytes("p")),
            record(aggregate(UserRecord.of("a1", bytes("1")), UserRecord.of("a2", bytes("2")),
                UserRecord.of("a3", bytes("3"))), 2),
            new Record(new SequenceNumber(1, 0, 3), ARRIVAL_MS, bytes("plain 2"), bytes("p")));

        final List<DeaggregatedRecord> read = RecordDeaggregator.deaggregate(page, HashKeyRange.ALL);

        assertThat(read).extracting(DeaggregatedRecord::partitionKey).containsExactly("p", "a1", "a2", "a3", "p");
        assertThat(read).extracting(DeaggregatedRecord::subSequenceNumber).containsExactly(0L, 0L, 1L, 2L, 0L);
        assertThat(read).extracting(DeaggregatedRecord::sequenceNumber).containsExactly(
            page.get(0).sequenceNumber(), page.get(1).sequenceNumber(), page.get(1).sequenceNumber(),
            page.get(1).sequenceNumber(), page.get(2).sequenceNumber());
    }

    @Test
    void shouldReadNothingFromAnAggregateOfNoUserRecordsAsTheKclDoes() {
        final byte[] data = framed(KplMessages.AggregatedRecord.newBuilder().addPartitionKeyTable("k").build()
            .toByteArray());

        assertThat(RecordDeaggregator.deaggregate(record(data, 1))).isEmpty();
    }

    private static byte[] aggregate(final UserRecord... userRecords) {
        final List<AggregatedRecord> aggregates =
            new RecordAggregator().aggregate(List.of(userRecords), List.of(HashKeyRange.ALL));
        assertThat(aggregates).singleElement().matches(AggregatedRecord::isAggregated);
        return aggregates.get(0).data();
    }

    private static byte[] framed(final byte[] body) {
        final byte[] frame = new byte[body.length + KplFormat.OVERHEAD_BYTES];
        System.arraycopy(body, 0, frame, KplFormat.MAGIC.length, body.length);
        KplFormat.frame(frame, body.length);
        return frame;
    }

    private static Record record(final byte[] data, final long position) {
        return new Record(new SequenceNumber(1, 0, position), ARRIVAL_MS, data, bytes("a"));
    }

    private static DeaggregatedRecord only(final List<DeaggregatedRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
