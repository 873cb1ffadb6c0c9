package io.embeddedkinesis.core.routing;

import java.util.List;

/**
 * Finds the open shard whose hash key range holds a hash key, by binary search over the ranges'
 * starting keys.
 *
 * <p>Immutable and thread-safe: a stream builds a new router whenever its set of open shards changes.
 * The ranges must be sorted, contiguous and cover the whole key space, which Kinesis guarantees for the
 * open shards of a stream.
 */
public final class ShardRouter {
    private final long[] startHigh;
    private final long[] startLow;

    /**
     * @param ranges the open shards' ranges, sorted ascending, contiguous, covering {@code 0 .. 2^128 - 1}.
     */
    public ShardRouter(final List<HashKeyRange> ranges) {
        if (ranges.isEmpty() || !ranges.get(0).startingHashKey().equals(HashKey.MIN)
            || !ranges.get(ranges.size() - 1).endingHashKey().equals(HashKey.MAX)) {
            throw new IllegalArgumentException("ranges must cover the whole hash key space: ranges=" + ranges);
        }
        startHigh = new long[ranges.size()];
        startLow = new long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            final HashKey start = ranges.get(i).startingHashKey();
            startHigh[i] = start.high();
            startLow[i] = start.low();
        }
    }

    /**
     * Routes a hash key.
     *
     * @param high the upper 64 bits of the key.
     * @param low  the lower 64 bits of the key.
     * @return the index, in the list given at construction, of the range that holds the key.
     */
    public int route(final long high, final long low) {
        int lowIndex = 0;
        int highIndex = startHigh.length - 1;
        while (lowIndex < highIndex) {
            final int mid = (lowIndex + highIndex + 1) >>> 1;
            if (compareToStart(high, low, mid) >= 0) {
                lowIndex = mid;
            } else {
                highIndex = mid - 1;
            }
        }
        return lowIndex;
    }

    /**
     * Routes a hash key.
     *
     * @param hashKey the key.
     * @return the index of the range that holds it.
     */
    public int route(final HashKey hashKey) {
        return route(hashKey.high(), hashKey.low());
    }

    private int compareToStart(final long high, final long low, final int index) {
        final int byHigh = Long.compareUnsigned(high, startHigh[index]);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, startLow[index]);
    }
}
