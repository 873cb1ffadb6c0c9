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
     * digits at a time.
     */
    private String formatDecimal() {
        final long[] sum = VERSION_TERM.clone();
        addProduct(sum, STREAM_TAG_POWER, streamTag % DECIMAL_BASE, 0);
        addProduct(sum, STREAM_TAG_POWER, streamTag / DECIMAL_BASE, 1);
        final long positionHigh = Long.divideUnsigned(position, DECIMAL_BASE);
        addProduct(sum, POSITION_POWER, Long.remainderUnsigned(position, DECIMAL_BASE), 0);
        addProduct(sum, POSITION_POWER, positionHigh % DECIMAL_BASE, 1);
        addProduct(sum, POSITION_POWER, positionHigh / DECIMAL_BASE, 2);
        final long shardTerm = Integer.toUnsignedLong(shardIndex) << SHARD_SHIFT;
        sum[0] += shardTerm % DECIMAL_BASE;
        sum[1] += shardTerm / DECIMAL_BASE;
        for (int i = 0; i < DECIMAL_LIMBS - 1; i++) {
            sum[i + 1] += sum[i] / DECIMAL_BASE;
            sum[i] %= DECIMAL_BASE;
        }
        final byte[] digits = new byte[DECIMAL_LIMBS * LIMB_DIGITS];
        int end = digits.length;
        int top = DECIMAL_LIMBS - 1;
        while (top > 0 && sum[top] == 0) {
            top--;
        }
        for (int i = 0; i < top; i++) {
            int limb = (int) sum[i];
            for (int pair = 0; pair < LIMB_DIGITS / 2; pair++) {
                final int twoDigits = (limb % 100) * 2;
                limb /= 100;
                digits[--end] = DIGIT_PAIRS[twoDigits + 1];
                digits[--end] = DIGIT_PAIRS[twoDigits];
            }
            digits[--end] = (byte) ('0' + limb);
        }
        int limb = (int) sum[top];
        do {
            digits[--end] = (byte) ('0' + limb % 10);
            limb /= 10;
        } while (limb != 0);
        return new String(digits, end, digits.length - end, StandardCharsets.ISO_8859_1);
    }

    /** Adds {@code factor} (below 10^9) times a base-10^9 number into {@code sum}, {@code offset} limbs up. */
    private static void addProduct(final long[] sum, final long[] limbs, final long factor, final int offset) {
        for (int i = 0; i + offset < DECIMAL_LIMBS; i++) {
            sum[i + offset] += limbs[i] * factor;
        }
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
