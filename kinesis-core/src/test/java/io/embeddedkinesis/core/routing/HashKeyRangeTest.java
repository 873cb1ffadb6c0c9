package io.embeddedkinesis.core.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HashKeyRangeTest {
    @Test
    void shouldSplitThreeShardsAsKinesisDoes() {
        final List<HashKeyRange> ranges = HashKeyRange.evenSplit(3);

        assertThat(ranges).extracting(r -> r.startingHashKey().toString()).containsExactly(
            "0", "113427455640312821154458202477256070485", "226854911280625642308916404954512140970");
        assertThat(ranges).extracting(r -> r.endingHashKey().toString()).containsExactly(
            "113427455640312821154458202477256070484", "226854911280625642308916404954512140969",
            "340282366920938463463374607431768211455");
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "4", "7", "100", "1000"})
    void shouldCoverTheWholeKeySpaceContiguously(final int count) {
        final List<HashKeyRange> ranges = HashKeyRange.evenSplit(count);

        assertThat(ranges).hasSize(count);
        assertThat(ranges.get(0).startingHashKey()).isEqualTo(HashKey.MIN);
        assertThat(ranges.get(count - 1).endingHashKey()).isEqualTo(HashKey.MAX);
        for (int i = 1; i < count; i++) {
            assertThat(ranges.get(i).startingHashKey().toBigInteger())
                .isEqualTo(ranges.get(i - 1).endingHashKey().toBigInteger().add(BigInteger.ONE));
        }
    }

    @Test
    void shouldContainItsBoundsOnly() {
        final HashKeyRange range = HashKeyRange.evenSplit(2).get(1);
        final HashKey start = range.startingHashKey();
        final HashKey beforeStart = HashKey.of(start.toBigInteger().subtract(BigInteger.ONE));

        assertThat(range.contains(start.high(), start.low())).isTrue();
        assertThat(range.contains(HashKey.MAX.high(), HashKey.MAX.low())).isTrue();
        assertThat(range.contains(beforeStart.high(), beforeStart.low())).isFalse();
    }
}
