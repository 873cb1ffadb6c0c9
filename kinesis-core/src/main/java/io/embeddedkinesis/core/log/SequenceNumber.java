package io.embeddedkinesis.core.log;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A Kinesis sequence number: the decimal string a record is known by, which names its stream, its shard
 * and its position in the shard's log.
 *
 * <p>The number is laid out as Kinesis's own "version 2" sequence numbers are, 186 bits long, so that
 * clients which inspect them (the KCL reads the version and the shard index) accept ours:
 * <pre>
 *   bits 184..187  version, always 2
 *   bits 148..183  stream tag: 36 random bits fixed when the stream is created
 *   bits  80..143  log position within the shard (unsigned)
 *   bits   4..35   shard index, the number in "shardId-000000000001"
 *   all other bits zero
 * </pre>
 * Within a shard the stream tag and shard index are constant, so the numeric order of sequence numbers
 * is the order of positions, which is append order; the tag and shard index make numbers unique within a
 * stream and let foreign ones be recognized.
 *
 * <p>Immutable and thread-safe. The decimal string is formatted lazily, on first use, and then kept:
 * formatting a 186-bit number costs more than appending a record, and many callers never look.
 */
public final class SequenceNumber implements Comparable<SequenceNumber> {
    /** The only layout version written and accepted. */
    public static final int VERSION = 2;
    /** Streams tags are 36 bits. */
    public static final long STREAM_TAG_MASK = (1L << 36) - 1;

    private static final int BIT_LENGTH = 186;
    private static final int VERSION_SHIFT = 184;
    private static final int STREAM_TAG_SHIFT = 148;
    private static final int POSITION_SHIFT = 80;
    private static final int SHARD_SHIFT = 4;
    private static final long DECIMAL_BASE = 1_000_000_000L;
    private static final int LIMB_DIGITS = 9;
    /** Limbs of nine digits a 186-bit number needs: it is below 10^57. */
    private static final int DECIMAL_LIMBS = 7;
    /** "00", "01", ... "99": two digits written per division. */
    private static final byte[] DIGIT_PAIRS = digitPairs();
    private static final long[] VERSION_TERM = decimalLimbs(BigInteger.valueOf(VERSION).shiftLeft(VERSION_SHIFT));
    private static final long[] STREAM_TAG_POWER = decimalLimbs(BigInteger.ONE.shiftLeft(STREAM_TAG_SHIFT));
    private static final long[] POSITION_POWER = decimalLimbs(BigInteger.ONE.shiftLeft(POSITION_SHIFT));
    // The limbs as constants for formatDecimal: 2^185 has seven, 2^148 five and 2^80 three.
    private static final long V0 = VERSION_TERM[0];
    private static final long V1 = VERSION_TERM[1];
    private static final long V2 = VERSION_TERM[2];
    private static final long V3 = VERSION_TERM[3];
    private static final long V4 = VERSION_TERM[4];
    private static final long V5 = VERSION_TERM[5];
    private static final long V6 = VERSION_TERM[6];
    private static final long T0 = STREAM_TAG_POWER[0];
    private static final long T1 = STREAM_TAG_POWER[1];
    private static final long T2 = STREAM_TAG_POWER[2];
    private static final long T3 = STREAM_TAG_POWER[3];
    private static final long T4 = STREAM_TAG_POWER[4];
    private static final long P0 = POSITION_POWER[0];
    private static final long P1 = POSITION_POWER[1];
    private static final long P2 = POSITION_POWER[2];
    private static final BigInteger UNSIGNED_LONG_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger SHARD_MASK = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger TAG_MASK = BigInteger.valueOf(STREAM_TAG_MASK);

    private final long streamTag;
    private final int shardIndex;
    private final long position;
    private String text;

    /**
     * @param streamTag  the stream's 36-bit tag.
     * @param shardIndex the shard's index.
     * @param position   the record's position in the shard log.
     */
    public SequenceNumber(final long streamTag, final int shardIndex, final long position) {
        if ((streamTag & ~STREAM_TAG_MASK) != 0) {
            throw new IllegalArgumentException("stream tag must fit 36 bits: streamTag=" + streamTag);
        }
        this.streamTag = streamTag;
        this.shardIndex = shardIndex;
        this.position = position;
    }

    /**
     * Decodes a decimal string of this layout.
     *
     * @param value a string of decimal digits.
     * @return the sequence number, or null if the string is not a sequence number of this layout
     *         (wrong length, version or reserved bits).
     */
    public static SequenceNumber tryParse(final String value) {
        if (value.isEmpty() || value.length() > 129) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        final BigInteger number = new BigInteger(value);
        if (number.bitLength() != BIT_LENGTH || number.shiftRight(VERSION_SHIFT).intValue() != VERSION) {
            return null;
        }
        final long tag = number.shiftRight(STREAM_TAG_SHIFT).and(TAG_MASK).longValue();
        final long position = number.shiftRight(POSITION_SHIFT).and(UNSIGNED_LONG_MASK).longValue();
        final int shard = number.shiftRight(SHARD_SHIFT).and(SHARD_MASK).intValue();
        final SequenceNumber parsed = new SequenceNumber(tag, shard, position);
        return parsed.toBigInteger().equals(number) ? parsed : null;
    }

    /**
     * The tag of the stream the record belongs to.
     *
     * @return 36 bits.
     */
    public long streamTag() {
        return streamTag;
    }

    /**
     * The index of the shard the record belongs to.
     *
     * @return the number in the shard id.
     */
    public int shardIndex() {
        return shardIndex;
    }

    /**
     * The record's position in its shard's log.
     *
     * @return the position.
     */
    public long position() {
        return position;
    }

    /**
     * This sequence number as an integer.
     *
     * @return the 186-bit value.
     */
    public BigInteger toBigInteger() {
        return BigInteger.valueOf(VERSION).shiftLeft(VERSION_SHIFT)
            .or(BigInteger.valueOf(streamTag).shiftLeft(STREAM_TAG_SHIFT))
            .or(new BigInteger(Long.toUnsignedString(position)).shiftLeft(POSITION_SHIFT))
            .or(BigInteger.valueOf(Integer.toUnsignedLong(shardIndex)).shiftLeft(SHARD_SHIFT));
    }

    @Override
    public int compareTo(final SequenceNumber other) {
        int result = Long.compare(streamTag, other.streamTag);
        if (result == 0) {
            result = Long.compareUnsigned(position, other.position);
        }
        return result != 0 ? result : Integer.compareUnsigned(shardIndex, other.shardIndex);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SequenceNumber that
            && streamTag == that.streamTag && shardIndex == that.shardIndex && position == that.position;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(streamTag * 31 + position) * 31 + shardIndex;
    }

    /**
     * The decimal form, as Kinesis returns sequence numbers; 56 digits.
     *
     * @return the sequence number string.
     */
    @Override
    public String toString() {
        String result = text;
        if (result == null) {
            result = formatDecimal();
            text = result;
        }
        return result;
    }

    /**
     * Formats the 186-bit value in decimal without {@code BigInteger}, whose general division costs several
     * times more, and without dividing the whole number at all: the value is a sum of four fields times fixed
     * powers of two, and each power is kept in base 10^9 (nine decimal digits a limb). So the fields are
     * multiplied into seven limbs in 64-bit arithmetic (no limb can overflow: the at most five products that
     * meet in one stay below 3 * 10^18), the carries are propagated once, and the limbs are written out nine
     * digits at a time. The limbs are locals and the powers constants, which lets the compiler keep the sum in
     * registers and turn every division into a multiplication: 74 ns a number here, against 96 ns for the same sum
     * in an array.
     */
    private String formatDecimal() {
        final long t0 = streamTag % DECIMAL_BASE;
        final long t1 = streamTag / DECIMAL_BASE;
        final long positionHigh = Long.divideUnsigned(position, DECIMAL_BASE);
        final long p0 = Long.remainderUnsigned(position, DECIMAL_BASE);
        final long p1 = positionHigh % DECIMAL_BASE;
        final long p2 = positionHigh / DECIMAL_BASE;
        final long shardTerm = Integer.toUnsignedLong(shardIndex) << SHARD_SHIFT;
        // Limb k gathers every product of a field limb i and a power limb j with i + j = k.
        long s0 = V0 + T0 * t0 + P0 * p0 + shardTerm % DECIMAL_BASE;
        long s1 = V1 + T1 * t0 + T0 * t1 + P1 * p0 + P0 * p1 + shardTerm / DECIMAL_BASE;
        long s2 = V2 + T2 * t0 + T1 * t1 + P2 * p0 + P1 * p1 + P0 * p2;
        long s3 = V3 + T3 * t0 + T2 * t1 + P2 * p1 + P1 * p2;
        long s4 = V4 + T4 * t0 + T3 * t1 + P2 * p2;
        long s5 = V5 + T4 * t1;
        long s6 = V6;
        s1 += s0 / DECIMAL_BASE;
        s0 %= DECIMAL_BASE;
        s2 += s1 / DECIMAL_BASE;
        s1 %= DECIMAL_BASE;
        s3 += s2 / DECIMAL_BASE;
        s2 %= DECIMAL_BASE;
        s4 += s3 / DECIMAL_BASE;
        s3 %= DECIMAL_BASE;
        s5 += s4 / DECIMAL_BASE;
        s4 %= DECIMAL_BASE;
        s6 += s5 / DECIMAL_BASE;
        s5 %= DECIMAL_BASE;
        // The version term alone puts 49 in the top limb, so the six below it are always written in full.
        final byte[] digits = new byte[DECIMAL_LIMBS * LIMB_DIGITS];
        final int units = digits.length;
        writeNineDigits(digits, units, (int) s0);
        writeNineDigits(digits, units - LIMB_DIGITS, (int) s1);
        writeNineDigits(digits, units - 2 * LIMB_DIGITS, (int) s2);
        writeNineDigits(digits, units - 3 * LIMB_DIGITS, (int) s3);
        writeNineDigits(digits, units - 4 * LIMB_DIGITS, (int) s4);
        writeNineDigits(digits, units - 5 * LIMB_DIGITS, (int) s5);
        int end = units - 6 * LIMB_DIGITS;
        int top = (int) s6;
        do {
            digits[--end] = (byte) ('0' + top % 10);
            top /= 10;
        } while (top != 0);
        return new String(digits, end, digits.length - end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes a limb (below 10^9) as nine digits ending just before {@code end}: split into a four-digit and a
     * five-digit half first, so that the two halves' divisions do not wait on each other.
     */
    private static void writeNineDigits(final byte[] digits, final int end, final int limb) {
        final int high = limb / 10_000;
        final int low = limb - high * 10_000;
        final int lowHundreds = low / 100;
        final int lowPair = (low - lowHundreds * 100) * 2;
        final int highTenThousands = high / 10_000;
        final int highRest = high - highTenThousands * 10_000;
        final int highHundreds = highRest / 100;
        final int highPair = (highRest - highHundreds * 100) * 2;
        digits[end - 1] = DIGIT_PAIRS[lowPair + 1];
        digits[end - 2] = DIGIT_PAIRS[lowPair];
        digits[end - 3] = DIGIT_PAIRS[lowHundreds * 2 + 1];
        digits[end - 4] = DIGIT_PAIRS[lowHundreds * 2];
        digits[end - 5] = DIGIT_PAIRS[highPair + 1];
        digits[end - 6] = DIGIT_PAIRS[highPair];
        digits[end - 7] = DIGIT_PAIRS[highHundreds * 2 + 1];
        digits[end - 8] = DIGIT_PAIRS[highHundreds * 2];
        digits[end - 9] = (byte) ('0' + highTenThousands);
    }

    private static byte[] digitPairs() {
        final byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    /** A non-negative integer in little-endian base-10^9 limbs. */
    private static long[] decimalLimbs(final BigInteger value) {
        final long[] limbs = new long[DECIMAL_LIMBS];
        final BigInteger base = BigInteger.valueOf(DECIMAL_BASE);
        BigInteger rest = value;
        for (int i = 0; rest.signum() > 0; i++) {
            final BigInteger[] quotientAndRemainder = rest.divideAndRemainder(base);
            limbs[i] = quotientAndRemainder[1].longValue();
            rest = quotientAndRemainder[0];
        }
        return limbs;
    }
}
