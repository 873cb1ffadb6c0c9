package io.embeddedkinesis.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A realistic supply of partition keys: {@value #DISTINCT_KEYS} user-id-like keys ({@code user-0} to
 * {@code user-9999}), drawn at random with a fixed seed.
 *
 * <p>One constant key would flatter the library: it would hit every cache on the put path (the key's
 * hash, its UTF-8 bytes) and route every record to the same shard. The draws are made up front, so the
 * measured loop pays an array read, not a random number generator; two instances with the same seed
 * give the same sequence, which is how a baseline writes the same keys as the library.
 *
 * <p>Not thread-safe: one instance per benchmark thread.
 */
public final class PartitionKeys {
    /** How many distinct keys there are. */
    public static final int DISTINCT_KEYS = 10_000;

    private static final int DRAW_COUNT = 1 << 16;
    private static final int DRAW_MASK = DRAW_COUNT - 1;

    private final String[] keys = new String[DISTINCT_KEYS];
    private final byte[][] keysUtf8 = new byte[DISTINCT_KEYS][];
    private final int[] draws = new int[DRAW_COUNT];
    private int next;

    /**
     * Makes the keys and draws their order.
     *
     * @param seed the seed of the draws; equal seeds give equal sequences.
     */
    public PartitionKeys(final long seed) {
        for (int i = 0; i < DISTINCT_KEYS; i++) {
            keys[i] = "user-" + i;
            keysUtf8[i] = keys[i].getBytes(StandardCharsets.UTF_8);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < DRAW_COUNT; i++) {
            draws[i] = random.nextInt(DISTINCT_KEYS);
        }
    }

    /**
     * The next key of the sequence.
     *
     * @return a partition key.
     */
    public String nextKey() {
        return keys[draws[next++ & DRAW_MASK]];
    }

    /**
     * The next key of the sequence as UTF-8 bytes, for baselines that store keys without the library.
     *
     * @return the key's bytes; shared, do not modify.
     */
    public byte[] nextKeyUtf8() {
        return keysUtf8[draws[next++ & DRAW_MASK]];
    }
}
