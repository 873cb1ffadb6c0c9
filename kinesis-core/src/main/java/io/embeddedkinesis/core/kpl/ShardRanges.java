package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds which of a set of shard hash key ranges holds a hash key, by binary search. Unlike the broker's
 * {@code ShardRouter} it takes any ranges in any order, as a caller may list them, and says when none holds
 * the key.
 *
 * <p>Immutable and thread-safe.
 */
final class ShardRanges {
    private final HashKeyRange[] sorted;
    private final int[] originalIndex;

    /**
     * @param ranges the ranges, which must not overlap.
     */
    ShardRanges(final List<HashKeyRange> ranges) {
        final List<Integer> order = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> ranges.get(i).startingHashKey()));
        sorted = new HashKeyRange[ranges.size()];
        originalIndex = new int[ranges.size()];
        for (int i = 0; i < order.size(); i++) {
            sorted[i] = ranges.get(order.get(i));
            originalIndex[i] = order.get(i);
            if (i > 0 && sorted[i - 1].endingHashKey().compareTo(sorted[i].startingHashKey()) >= 0) {
                throw new IllegalArgumentException("shard hash key ranges must not overlap: ranges=" + ranges);
            }
        }
    }

    /**
     * The range that holds a hash key.
     *
     * @param hashKey the key.
     * @return its index in the list given at construction, or -1 if no range holds it.
     */
    int indexOf(final HashKey hashKey) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final HashKeyRange range = sorted[mid];
            if (hashKey.compareTo(range.startingHashKey()) < 0) {
                high = mid - 1;
            } else if (hashKey.compareTo(range.endingHashKey()) > 0) {
                low = mid + 1;
            } else {
                return originalIndex[mid];
            }
        }
        return -1;
    }
}
