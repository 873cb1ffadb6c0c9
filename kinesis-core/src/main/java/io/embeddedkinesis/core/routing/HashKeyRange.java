package io.embeddedkinesis.core.routing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The inclusive range of hash keys a shard owns, as Kinesis describes it in {@code HashKeyRange}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param startingHashKey the lowest hash key of the range.
 * @param endingHashKey   the highest hash key of the range, inclusive.
 */
public record HashKeyRange(HashKey startingHashKey, HashKey endingHashKey) {
    /** The whole hash key space, {@code 0 .. 2^128 - 1}. */
    public static final HashKeyRange ALL = new HashKeyRange(HashKey.MIN, HashKey.MAX);

    /**
     * Validates that the range is not empty.
     *
     * @param startingHashKey see the class description.
     * @param endingHashKey see the class description.
     */
    public HashKeyRange {
        if (startingHashKey.compareTo(endingHashKey) > 0) {
            throw new IllegalArgumentException("starting hash key above ending hash key: startingHashKey="
                + startingHashKey + ", endingHashKey=" + endingHashKey);
        }
    }

    /**
     * Whether the range holds a hash key given as unsigned halves.
     *
     * @param high the upper 64 bits of the key.
     * @param low  the lower 64 bits of the key.
     * @return true if {@code startingHashKey <= key <= endingHashKey}.
     */
    public boolean contains(final long high, final long low) {
        return HashKey.compare(high, low, startingHashKey) >= 0 && HashKey.compare(high, low, endingHashKey) <= 0;
    }

    /**
     * Splits the whole hash key space into {@code count} contiguous ranges the way Kinesis splits it for a
     * new stream: each range but the last spans {@code floor(2^128 / count)} keys, and the last range
     * ends at {@code 2^128 - 1}.
     *
     * @param count how many ranges, at least 1.
     * @return the ranges in ascending order.
     */
    public static List<HashKeyRange> evenSplit(final int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: count=" + count);
        }
        final BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
        final List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final BigInteger start = width.multiply(BigInteger.valueOf(i));
            final HashKey end = i == count - 1
                ? HashKey.MAX
                : HashKey.of(width.multiply(BigInteger.valueOf(i + 1L)).subtract(BigInteger.ONE));
            ranges.add(new HashKeyRange(HashKey.of(start), end));
        }
        return ranges;
    }
}
