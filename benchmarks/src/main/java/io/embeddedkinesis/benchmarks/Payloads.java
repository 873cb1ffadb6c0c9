package io.embeddedkinesis.benchmarks;

import java.util.SplittableRandom;

/**
 * Record payloads: random bytes, so that nothing on the way can take a shortcut on uniform data.
 */
public final class Payloads {
    private Payloads() {
    }

    /**
     * Makes a payload.
     *
     * @param sizeBytes the payload's length.
     * @param seed      the seed; equal seeds give equal payloads.
     * @return a new array of random bytes.
     */
    public static byte[] random(final int sizeBytes, final long seed) {
        final byte[] data = new byte[sizeBytes];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }
}
