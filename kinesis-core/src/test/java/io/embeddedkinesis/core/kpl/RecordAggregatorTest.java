package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.kpl.protobuf.KplMessages;
import io.embeddedkinesis.core.routing.HashKeyRange;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.embeddedkinesis.core.kpl.KplVectorsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordAggregatorTest {
    private static final List<HashKeyRange> ONE_SHARD = List.of(HashKeyRange.ALL);
    private static final String UPPER_HALF = "170141183460469231731687303715884105728";

    @Test
    void shouldSendALoneUserRecordAsItWasRoutedByItsOwnHashKey() {
        final UserRecord byKey = UserRecord.of("user-1", bytes("hello"));
        final UserRecord byHash = UserRecord.of("user-2", bytes("world")).withExplicitHashKey("123");

        final AggregatedRecord single = only(new RecordAggregator().aggregate(List.of(byKey), ONE_SHARD));
        final AggregatedRecord explicit = only(new RecordAggregator().aggregate(List.of(byHash), ONE_SHARD));

        assertThat(single.isAggregated()).isFalse();
        assertThat(single.data()).isSameAs(byKey.data());
        assertThat(single.partitionKey()).isEqualTo("user-1");
        assertThat(single.explicitHashKey()).isEqualTo(PartitionKeyHasher.compute("user-1").hashKey().toString());
        assertThat(explicit.partitionKey()).isEqualTo("user-2");
        assertThat(explicit.explicitHashKey()).isEqualTo("123");
    }

    @Test
    void shouldNameAnAggregateAAndRouteItByItsFirstUserRecordsHashKey() {
        final List<UserRecord> records = List.of(
            UserRecord.of("b", bytes("1")), UserRecord.of("c", bytes("2")).withExplicitHashKey("5"));

        final AggregatedRecord aggregate = only(new RecordAggregator().aggregate(records, ONE_SHARD));

        assertThat(aggregate.isAggregated()).isTrue();
        assertThat(aggregate.partitionKey()).isEqualTo("a");
        assertThat(aggregate.explicitHashKey()).isEqualTo(PartitionKeyHasher.compute("b").hashKey().toString());
        assertThat(aggregate.data()).startsWith(0xF3, 0x89, 0x9A, 0xC2);
        assertThat(aggregate.sizeBytes()).isEqualTo(aggregate.data().length + 1);
        assertThat(aggregate.toPutRecordsRequestEntry().explicitHashKey()).isEqualTo(aggregate.explicitHashKey());
        assertThat(aggregate.toPutRecordRequest("clicks").explicitHashKey()).isEqualTo(aggregate.explicitHashKey());
    }

    @Test
    void shouldListEachKeyOnceInTheOrderItIsFirstUsed() {
        final List<UserRecord> records = List.of(
            UserRecord.of("x", bytes("0")), new UserRecord("y", "7", bytes("1")), new UserRecord("x", "7", bytes("2")),
            UserRecord.of("z", bytes("3")), new UserRecord("y", "9", bytes("4")));

        final KplMessages.AggregatedRecord body =
            KplFormat.parse(only(new RecordAggregator().aggregate(records, ONE_SHARD)).data());

        assertThat(body.getPartitionKeyTableList()).containsExactly("x", "y", "z");
        assertThat(body.getExplicitHashKeyTableList()).containsExactly("7", "9");
        assertThat(body.getRecordsList()).extracting(KplMessages.Record::getPartitionKeyIndex)
            .containsExactly(0L, 1L, 0L, 2L, 1L);
        assertThat(body.getRecordsList()).extracting(KplMessages.Record::hasExplicitHashKeyIndex)
            .containsExactly(false, true, true, false, true);
        assertThat(body.getRecordsList()).extracting(KplMessages.Record::getExplicitHashKeyIndex)
            .containsExactly(0L, 0L, 0L, 0L, 1L);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100, 1_000, 5_000, 51_200})
    void shouldFillEachAggregateAsFarAsTheAggregationMaxSizeAllows(final int limit) {
        final List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            final UserRecord record = UserRecord.of("key-" + i % 7, new byte[i * 37 % 300]);
            records.add(i % 3 == 0 ? record.withExplicitHashKey(Integer.toString(i % 5)) : record);
        }

        final List<AggregatedRecord> aggregates = new RecordAggregator(limit).aggregate(records, ONE_SHARD);

        final List<UserRecord> packed = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            final AggregatedRecord aggregate = aggregates.get(i);
            packed.addAll(aggregate.userRecords());
            if (aggregate.isAggregated()) {
                assertThat(aggregate.data().length).isLessThanOrEqualTo(limit);
            }
            if (i + 1 < aggregates.size()) {
                final UserRecord next = aggregates.get(i + 1).userRecords().get(0);
                assertThat(builderOf(aggregate.userRecords()).aggregatedBytesWith(next))
                    .as("the next aggregate starts only because its first record did not fit").isGreaterThan(limit);
            }
        }
        assertThat(packed).isEqualTo(records);
    }

    @Test
    void shouldFillAnAggregateToExactlyTheAggregationMaxSize() {
        final List<UserRecord> records = List.of(UserRecord.of("k", new byte[100]), UserRecord.of("l", new byte[57]));
        final int exact = only(new RecordAggregator().aggregate(records, ONE_SHARD)).data().length;

        assertThat(new RecordAggregator(exact).aggregate(records, ONE_SHARD)).hasSize(1);
        assertThat(new RecordAggregator(exact - 1).aggregate(records, ONE_SHARD))
            .extracting(AggregatedRecord::isAggregated).containsExactly(false, false);
    }

    @Test
    void shouldSendARecordTooLargeToShareAnAggregateAloneBetweenAggregatedNeighbours() {
        final UserRecord large = UserRecord.of("large", new byte[2_000]);
        final List<UserRecord> records = List.of(UserRecord.of("a1", new byte[10]), UserRecord.of("a2", new byte[10]),
            large, UserRecord.of("a3", new byte[10]), UserRecord.of("a4", new byte[10]));

        final List<AggregatedRecord> aggregates = new RecordAggregator(1_000).aggregate(records, ONE_SHARD);

        assertThat(aggregates).extracting(aggregate -> aggregate.userRecords().size()).containsExactly(2, 1, 2);
        assertThat(aggregates.get(1).isAggregated()).isFalse();
        assertThat(aggregates.get(1).data()).isSameAs(large.data());
        assertThat(aggregates.get(1).partitionKey()).isEqualTo("large");
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "1048576, 2097152", "2097152, 10485760"})
    void shouldKeepEveryAggregateWithinTheStreamsMaximumRecordSize(final int maxRecordSize, final int aggregationMax) {
        final List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(UserRecord.of("key-" + i, new byte[100 * 1024]));
        }

        final List<AggregatedRecord> aggregates =
            new RecordAggregator(aggregationMax).aggregate(records, ONE_SHARD, maxRecordSize);

        assertThat(aggregates).allSatisfy(aggregate -> assertThat(aggregate.sizeBytes()).isLessThanOrEqualTo(
            Math.min(maxRecordSize, aggregationMax + 1)));
        assertThat(aggregates.stream().mapToInt(aggregate -> aggregate.userRecords().size()).sum()).isEqualTo(40);
    }

    @Test
    void shouldRefuseAUserRecordOverTheStreamsMaximumRecordSizeBeforePackingAnything() {
        final List<UserRecord> records =
            List.of(UserRecord.of("k", new byte[1]), UserRecord.of("k", new byte[1024 * 1024]));

        assertThatThrownBy(() -> new RecordAggregator().aggregate(records, ONE_SHARD))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("user record larger than the stream's maximum record size: index=1, sizeBytes=1048577,"
                + " maxRecordSizeBytes=1048576");
    }

    @Test
    void shouldNeverPackUserRecordsOfDifferentShardsTogether() {
        final List<HashKeyRange> halves = HashKeyRange.evenSplit(2);
        final UserRecord low1 = new UserRecord("p", "1", bytes("low1"));
        final UserRecord high1 = new UserRecord("p", UPPER_HALF, bytes("high1"));
        final UserRecord low2 = new UserRecord("q", "2", bytes("low2"));
        final UserRecord high2 = new UserRecord("q", UPPER_HALF, bytes("high2"));
        final UserRecord low3 = new UserRecord("r", "3", bytes("low3"));

        final List<AggregatedRecord> byHalf =
            new RecordAggregator().aggregate(List.of(low1, high1, low2, high2, low3), halves);
        final List<AggregatedRecord> lowerOnly =
            new RecordAggregator().aggregate(List.of(low1, high1, low2, high2, low3), halves.subList(0, 1));

        assertThat(byHalf).extracting(AggregatedRecord::userRecords)
            .containsExactly(List.of(low1, low2, low3), List.of(high1, high2));
        assertThat(lowerOnly).as("a record no listed shard owns goes alone").extracting(AggregatedRecord::userRecords)
            .containsExactly(List.of(high1), List.of(high2), List.of(low1, low2, low3));
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 10 * 1024 * 1024 + 1})
    void shouldRefuseAnAggregationMaxSizeOutsideItsRange(final int size) {
        assertThatThrownBy(() -> new RecordAggregator(size)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("aggregation max size must be 64 to 10485760 bytes: aggregationMaxSizeBytes=" + size);
    }

    @Test
    void shouldRefuseUserRecordsKinesisWouldRefuse() {
        assertThatThrownBy(() -> UserRecord.of("", new byte[0])).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("partition key must have 1 to 256 characters: partitionKey.length=0");
        assertThatThrownBy(() -> UserRecord.of("k".repeat(257), new byte[0]))
            .hasMessage("partition key must have 1 to 256 characters: partitionKey.length=257");
        for (final String bad : List.of("01", "-1", "1e3", "340282366920938463463374607431768211456")) {
            assertThatThrownBy(() -> new UserRecord("k", bad, new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("explicit hash key must be a decimal integer in 0..2^128-1: explicitHashKey=" + bad);
        }
        assertThat(new UserRecord("k", "340282366920938463463374607431768211455", new byte[0]).hashKey())
            .hasToString("340282366920938463463374607431768211455");
    }

    private static AggregateBuilder builderOf(final List<UserRecord> records) {
        final AggregateBuilder builder = new AggregateBuilder();
        for (int i = 0; i < records.size(); i++) {
            builder.add(records.get(i), records.get(i).hashKey(), i);
        }
        return builder;
    }

    private static AggregatedRecord only(final List<AggregatedRecord> aggregates) {
        assertThat(aggregates).hasSize(1);
        return aggregates.get(0);
    }
}
