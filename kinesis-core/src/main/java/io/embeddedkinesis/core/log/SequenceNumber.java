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
 * formatting a 186-bit number costs about as much as appending a record, and many callers never look. Encoders
 * that write many numbers use a {@link SequenceNumberFormatter}, which makes no string.
 */
public final class SequenceNumber implements Comparable<SequenceNumber> {
    /** The only layout version written and accepted. */
    public static final int VERSION = 2;
    /** Streams tags are 36 bits. */
    public static final long STREAM_TAG_MASK = (1L << 36) - 1;

    private static final int BIT_LENGTH = 186;
    static final int VERSION_SHIFT = 184;
    static final int STREAM_TAG_SHIFT = 148;
    static final int POSITION_SHIFT = 80;
    static final int SHARD_SHIFT = 4;
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
     * The decimal form, as Kinesis returns sequence numbers; {@value SequenceNumberFormatter#DIGITS} digits.
     *
     * @return the sequence number string.
     */
    @Override
    public String toString() {
        String result = text;
        if (result == null) {
            result = new String(new SequenceNumberFormatter().format(this), StandardCharsets.ISO_8859_1);
            text = result;
        }
        return result;
    }
}
