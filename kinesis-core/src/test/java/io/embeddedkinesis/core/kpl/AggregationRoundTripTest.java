package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the user records, the aggregation size and the shards: reading each aggregate back from the shard
 * it routes to gives every user record of that shard, in the order put, and nothing else.
 */
class AggregationRoundTripTest {
    @Property(tries = 300)
    void shouldGiveBackEveryUserRecordOfAShardInOrder(
        @ForAll("userRecords") final List<UserRecord> records,
        @ForAll @IntRange(min = 64, max = 20_000) final int aggregationMaxSize,
        @ForAll @IntRange(min = 1, max = 5) final int shardCount) {
        final List<HashKeyRange> shards = HashKeyRange.evenSplit(shardCount);
        final List<List<UserRecord>> readByShard = new ArrayList<>();
        shards.forEach(shard -> readByShard.add(new ArrayList<>()));

        final List<AggregatedRecord> aggregates = new RecordAggregator(aggregationMaxSize).aggregate(records, shards);

        long position = 0;
        for (final AggregatedRecord aggregate : aggregates) {
            if (aggregate.isAggregated()) {
                assertThat(aggregate.data().length).isLessThanOrEqualTo(aggregationMaxSize);
            }
            final int shard = shardOf(shards, HashKey.of(new BigInteger(aggregate.explicitHashKey())));
            final Record record = new Record(new SequenceNumber(1, shard, position++), 0L, aggregate.data(),
                aggregate.partitionKey().getBytes(StandardCharsets.UTF_8));
            for (final DeaggregatedRecord read : RecordDeaggregator.deaggregate(record, shards.get(shard))) {
                // Kinesis does not return the explicit hash key a record was put with: a lone record loses it.
                final String explicitHashKey = aggregate.isAggregated()
                    ? read.explicitHashKey() : aggregate.userRecords().get(0).explicitHashKey();
                readByShard.get(shard).add(new UserRecord(read.partitionKey(), explicitHashKey, read.data()));
            }
        }

        for (int shard = 0; shard < shards.size(); shard++) {
            final HashKeyRange range = shards.get(shard);
            final List<UserRecord> put = records.stream()
                .filter(user -> range.contains(user.hashKey().high(), user.hashKey().low())).toList();
            assertThat(readByShard.get(shard)).usingElementComparator(AggregationRoundTripTest::compare)
                .containsExactlyElementsOf(put);
        }
    }

    @Provide
    Arbitrary<List<UserRecord>> userRecords() {
        final Arbitrary<String> partitionKeys = Arbitraries.oneOf(
            Arbitraries.of("user-1", "user-2", "clé", "键", "\uD83D\uDE00 emoji"),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(256));
        final Arbitrary<String> explicitHashKeys = Arbitraries.oneOf(
            Arbitraries.of("0", "1", "340282366920938463463374607431768211455"),
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE))
                .map(BigInteger::toString))
            .injectNull(0.6);
        final Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(3_000);
        return Combinators.combine(partitionKeys, explicitHashKeys, data).as(UserRecord::new).list().ofMaxSize(80);
    }

    private static int shardOf(final List<HashKeyRange> shards, final HashKey hashKey) {
        for (int i = 0; i < shards.size(); i++) {
            if (shards.get(i).contains(hashKey.high(), hashKey.low())) {
                return i;
            }
        }
        throw new AssertionError("no shard holds " + hashKey);
    }

    private static int compare(final UserRecord read, final UserRecord put) {
        final boolean same = read.partitionKey().equals(put.partitionKey())
            && Objects.equals(read.explicitHashKey(), put.explicitHashKey())
            && Arrays.equals(read.data(), put.data());
        return same ? 0 : 1;
    }
}
