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
    private static final int LIMBS = 6;
    private static final long CHUNK = 1_000_000_000L;
    private static final int CHUNK_DIGITS = 9;
    private static final int DECIMAL_CHUNKS = 7;
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
     * times more: the value is laid out in six 32-bit limbs and divided by 10^9 in 64-bit arithmetic until
     * nothing is left, nine digits at a time, written right to left.
     */
    private String formatDecimal() {
        final long[] limbs = new long[LIMBS];
        place(limbs, SHARD_SHIFT, Integer.toUnsignedLong(shardIndex), 32);
        place(limbs, POSITION_SHIFT, position & 0xFFFF_FFFFL, 32);
        place(limbs, POSITION_SHIFT + 32, position >>> 32, 32);
        place(limbs, STREAM_TAG_SHIFT, streamTag, 36);
        place(limbs, VERSION_SHIFT, VERSION, 4);
        final byte[] digits = new byte[DECIMAL_CHUNKS * CHUNK_DIGITS];
        int end = digits.length;
        int top = LIMBS - 1;
        while (top >= 0) {
            long remainder = 0;
            for (int i = top; i >= 0; i--) {
                final long current = (remainder << 32) | limbs[i];
                limbs[i] = current / CHUNK;
                remainder = current % CHUNK;
            }
            while (top >= 0 && limbs[top] == 0) {
                top--;
            }
            int chunk = (int) remainder;
            for (int d = 0; d < CHUNK_DIGITS && (top >= 0 || chunk != 0); d++) {
                digits[--end] = (byte) ('0' + chunk % 10);
                chunk /= 10;
            }
        }
        return new String(digits, end, digits.length - end, StandardCharsets.ISO_8859_1);
    }

    /** Adds a value of up to 36 bits at a bit offset into little-endian 32-bit limbs. */
    private static void place(final long[] limbs, final int bitOffset, final long value, final int width) {
        final int limb = bitOffset >>> 5;
        final int shift = bitOffset & 31;
        final long shifted = value << shift;
        limbs[limb] |= shifted & 0xFFFF_FFFFL;
        if (shift + width > 32) {
            limbs[limb + 1] |= (shifted >>> 32) & 0xFFFF_FFFFL;
        }
        if (shift + width > 64) {
            limbs[limb + 2] |= (value >>> (64 - shift)) & 0xFFFF_FFFFL;
        }
    }
}
