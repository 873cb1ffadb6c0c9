package io.embeddedkinesis.core.routing;

import io.embeddedkinesis.core.exception.InvalidArgumentException;

import java.math.BigInteger;

/**
 * A position in the 128-bit hash key space that Kinesis routes records by: an unsigned integer in
 * {@code 0 .. 2^128 - 1}, held as two longs so that routing compares without allocating.
 *
 * <p>Immutable and thread-safe. Its string form is the unsigned decimal, as the Kinesis API writes hash
 * keys ({@code StartingHashKey}, {@code ExplicitHashKey}).
 *
 * @param high the upper 64 bits, unsigned.
 * @param low  the lower 64 bits, unsigned.
 */
public record HashKey(long high, long low) implements Comparable<HashKey> {
    /** The smallest hash key, 0. */
    public static final HashKey MIN = new HashKey(0L, 0L);
    /** The largest hash key, 2^128 - 1. */
    public static final HashKey MAX = new HashKey(-1L, -1L);

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(128);

    /**
     * Converts a non-negative integer below 2^128.
     *
     * @param value the integer.
     * @return the hash key.
     */
    public static HashKey of(final BigInteger value) {
        if (value.signum() < 0 || value.compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("hash key out of range 0..2^128-1: value=" + value);
        }
        return new HashKey(value.shiftRight(64).longValue(), value.longValue());
    }

    /**
     * Parses an {@code ExplicitHashKey} that already matched the model's pattern {@code 0|([1-9]\d{0,38})},
     * checking the range as Kinesis does.
     *
     * @param value the decimal string.
     * @return the hash key.
     * @throws InvalidArgumentException if the number is above 2^128 - 1.
     */
    public static HashKey parseExplicit(final String value) {
        final BigInteger number = new BigInteger(value);
        if (number.compareTo(LIMIT) >= 0) {
            throw new InvalidArgumentException("Invalid ExplicitHashKey. ExplicitHashKey must be in the range:"
                + " [0, 2^128-1]. Specified value was " + value);
        }
        return of(number);
    }

    /**
     * This key as an unsigned integer.
     *
     * @return a value in {@code 0 .. 2^128 - 1}.
     */
    public BigInteger toBigInteger() {
        BigInteger value = BigInteger.valueOf(high);
        if (high < 0) {
            value = value.add(TWO_TO_64);
        }
        BigInteger lowPart = BigInteger.valueOf(low);
        if (low < 0) {
            lowPart = lowPart.add(TWO_TO_64);
        }
        return value.shiftLeft(64).add(lowPart);
    }

    /**
     * Compares two keys given as unsigned halves, without allocating.
     *
     * @param high  the upper half of the first key.
     * @param low   the lower half of the first key.
     * @param other the second key.
     * @return negative, zero or positive as the first key is below, equal to or above the second.
     */
    public static int compare(final long high, final long low, final HashKey other) {
        final int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public int compareTo(final HashKey other) {
        return compare(high, low, other);
    }

    /**
     * The unsigned decimal form, as the Kinesis API writes hash keys.
     *
     * @return e.g. {@code "340282366920938463463374607431768211455"}.
     */
    @Override
    public String toString() {
        return toBigInteger().toString();
    }
}
