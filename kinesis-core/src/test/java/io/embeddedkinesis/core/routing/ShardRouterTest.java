package io.embeddedkinesis.core.routing;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardRouterTest {
    @Test
    void shouldRouteEveryKeyToTheRangeThatContainsIt() {
        final List<HashKeyRange> ranges = HashKeyRange.evenSplit(7);
        final ShardRouter router = new ShardRouter(ranges);
        final Random random = new Random(42);

        for (int i = 0; i < 10_000; i++) {
            final HashKey key = HashKey.of(new BigInteger(128, random));
            final int index = router.route(key);
            assertThat(ranges.get(index).contains(key.high(), key.low())).isTrue();
        }
    }

    @Test
    void shouldRouteRangeBoundaries() {
        final List<HashKeyRange> ranges = HashKeyRange.evenSplit(4);
        final ShardRouter router = new ShardRouter(ranges);

        for (int i = 0; i < ranges.size(); i++) {
            assertThat(router.route(ranges.get(i).startingHashKey())).isEqualTo(i);
            assertThat(router.route(ranges.get(i).endingHashKey())).isEqualTo(i);
        }
    }

    @Test
    void shouldRefuseRangesThatLeaveKeysUncovered() {
        final List<HashKeyRange> ranges = HashKeyRange.evenSplit(2);

        assertThatThrownBy(() -> new ShardRouter(List.of(ranges.get(1))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("ranges must cover the whole hash key space");
    }
}
