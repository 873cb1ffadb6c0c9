package io.embeddedkinesis.core.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Writes sequence numbers in decimal, {@value #DIGITS} ASCII digits, into one buffer it reuses: the form for
 * encoders that write many in a row, a {@code PutRecords} answer up to 500 and a {@code GetRecords} page up to
 * 10,000, without a {@code String} each.
 *
 * <p>The value is a sum of four fields times fixed powers of two ({@link SequenceNumber} draws the layout), and
 * each power is kept in base 10^9 (nine decimal digits a "limb"). A number is formatted whole by multiplying the
 * fields into seven limbs in 64-bit arithmetic, propagating the carries once and writing the limbs out nine
 * digits at a time, with no {@code BigInteger} and no division of the whole number. A run does better: the
 * numbers of one answer are mostly of one shard at rising positions, and a number of the same stream and shard
 * as the one before, a little further on, is the one before plus the step times 2^80, which changes only the
 * three lowest limbs (and, once in a while, carries above them). So it is written by updating those limbs and
 * rewriting their 27 digits, in about half the time of a whole number.
 *
 * <p>Not thread-safe: one per response, or per thread.
 */
public final class SequenceNumberFormatter {
    /** The length of every sequence number in decimal: the values lie between 4.9 and 7.4 times 10^55. */
    public static final int DIGITS = 56;

    private static final long BASE = 1_000_000_000L;
    private static final int LIMB_DIGITS = 9;
    private static final int LIMBS = 7;
    /** The largest step written from the number before: step times a limb of 2^80 stays far below 2^63. */
    private static final long MAX_STEP = 1L << 30;
    /** "0000", "0001", ... "9999", each as the int of its four ASCII digits in big-endian order. */
    private static final int[] DIGIT_QUADS = digitQuads();
    private static final VarHandle INT_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class,
        ByteOrder.BIG_ENDIAN);
    private static final long[] VERSION_TERM = decimalLimbs(BigInteger.valueOf(SequenceNumber.VERSION)
        .shiftLeft(SequenceNumber.VERSION_SHIFT));
    private static final long[] STREAM_TAG_POWER = decimalLimbs(BigInteger.ONE.shiftLeft(
        SequenceNumber.STREAM_TAG_SHIFT));
    private static final long[] POSITION_POWER = decimalLimbs(BigInteger.ONE.shiftLeft(SequenceNumber.POSITION_SHIFT));
    // The limbs as constants, which lets the compiler keep the sum in registers and turn every division into a
    // multiplication: 2^185 has seven limbs, 2^148 five and 2^80 three.
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

    private final byte[] digits = new byte[DIGITS];
    /** The limbs of the number last written, lowest first; limb 6 is its top two digits. */
    private final long[] limbs = new long[LIMBS];
    private boolean written;
    private long streamTag;
    private int shardIndex;
    private long position;

    /** A formatter with nothing written yet. */
    public SequenceNumberFormatter() {
    }

    /**
     * Writes a sequence number's decimal form.
     *
     * @param number the sequence number.
     * @return the {@value #DIGITS} ASCII digits, in this formatter's buffer: valid until its next call, and not
     *         to be modified.
     */
    public byte[] format(final SequenceNumber number) {
        final long tag = number.streamTag();
        final int shard = number.shardIndex();
        final long at = number.position();
        final long step = at - position;
        if (written && tag == streamTag && shard == shardIndex && Long.compareUnsigned(at, position) >= 0
            && Long.compareUnsigned(step, MAX_STEP) <= 0) {
            advance(step);
        } else {
            formatWhole(tag, shard, at);
            written = true;
            streamTag = tag;
            shardIndex = shard;
        }
        position = at;
        return digits;
    }

    /** Adds {@code step} times 2^80 to the number last written and rewrites the limbs that changed. */
    private void advance(final long step) {
        final long[] limb = limbs;
        long s0 = limb[0] + P0 * step;
        long s1 = limb[1] + P1 * step + s0 / BASE;
        s0 %= BASE;
        long s2 = limb[2] + P2 * step + s1 / BASE;
        s1 %= BASE;
        long carry = s2 / BASE;
        s2 %= BASE;
        setLowLimbs(s0, s1, s2);
        for (int k = 3; carry != 0; k++) {
            final long sum = limb[k] + carry;
            carry = sum / BASE;
            limb[k] = sum % BASE;
            writeLimb(k);
        }
    }

    private void formatWhole(final long tag, final int shard, final long at) {
        final long t0 = tag % BASE;
        final long t1 = tag / BASE;
        final long positionHigh = Long.divideUnsigned(at, BASE);
        final long p0 = Long.remainderUnsigned(at, BASE);
        final long p1 = positionHigh % BASE;
        final long p2 = positionHigh / BASE;
        final long shardTerm = Integer.toUnsignedLong(shard) << SequenceNumber.SHARD_SHIFT;
        // Limb k gathers every product of a field limb i and a power limb j with i + j = k; no limb can overflow:
        // the at most five products that meet in one stay below 3 * 10^18.
        long s0 = V0 + T0 * t0 + P0 * p0 + shardTerm % BASE;
        long s1 = V1 + T1 * t0 + T0 * t1 + P1 * p0 + P0 * p1 + shardTerm / BASE;
        long s2 = V2 + T2 * t0 + T1 * t1 + P2 * p0 + P1 * p1 + P0 * p2;
        long s3 = V3 + T3 * t0 + T2 * t1 + P2 * p1 + P1 * p2;
        long s4 = V4 + T4 * t0 + T3 * t1 + P2 * p2;
        long s5 = V5 + T4 * t1;
        long s6 = V6;
        s1 += s0 / BASE;
        s0 %= BASE;
        s2 += s1 / BASE;
        s1 %= BASE;
        s3 += s2 / BASE;
        s2 %= BASE;
        s4 += s3 / BASE;
        s3 %= BASE;
        s5 += s4 / BASE;
        s4 %= BASE;
        s6 += s5 / BASE;
        s5 %= BASE;
        setLowLimbs(s0, s1, s2);
        final long[] limb = limbs;
        limb[3] = s3;
        limb[4] = s4;
        limb[5] = s5;
        limb[6] = s6;
        writeNineDigits(DIGITS - 3 * LIMB_DIGITS, (int) s3);
        writeNineDigits(DIGITS - 4 * LIMB_DIGITS, (int) s4);
        writeNineDigits(DIGITS - 5 * LIMB_DIGITS, (int) s5);
        writeTopLimb((int) s6);
    }

    /** Keeps and writes out the three lowest limbs, the ones every number of a run changes. */
    private void setLowLimbs(final long s0, final long s1, final long s2) {
        final long[] limb = limbs;
        limb[0] = s0;
        limb[1] = s1;
        limb[2] = s2;
        writeNineDigits(DIGITS, (int) s0);
        writeNineDigits(DIGITS - LIMB_DIGITS, (int) s1);
        writeNineDigits(DIGITS - 2 * LIMB_DIGITS, (int) s2);
    }

    private void writeLimb(final int k) {
        if (k == LIMBS - 1) {
            writeTopLimb((int) limbs[k]);
        } else {
            writeNineDigits(DIGITS - k * LIMB_DIGITS, (int) limbs[k]);
        }
    }

    /** The top limb is always two digits: the version term alone makes it 49, and no value reaches 74. */
    private void writeTopLimb(final int top) {
        digits[0] = (byte) ('0' + top / 10);
        digits[1] = (byte) ('0' + top % 10);
    }

    /**
     * Writes a limb (below 10^9) as nine digits ending just before {@code end}: a digit, then two groups of four
     * digits, each stored as one int from a table of every group rather than digit by digit.
     */
    private void writeNineDigits(final int end, final int limb) {
        final byte[] out = digits;
        final int high = limb / 10_000;
        final int low = limb - high * 10_000;
        final int top = high / 10_000;
        final int middle = high - top * 10_000;
        out[end - 9] = (byte) ('0' + top);
        INT_BIG_ENDIAN.set(out, end - 8, DIGIT_QUADS[middle]);
        INT_BIG_ENDIAN.set(out, end - 4, DIGIT_QUADS[low]);
    }

    private static int[] digitQuads() {
        final int[] quads = new int[10_000];
        for (int i = 0; i < quads.length; i++) {
            quads[i] = ('0' + i / 1000) << 24 | ('0' + i / 100 % 10) << 16 | ('0' + i / 10 % 10) << 8 | '0' + i % 10;
        }
        return quads;
    }

    /** A non-negative integer in little-endian base-10^9 limbs. */
    private static long[] decimalLimbs(final BigInteger value) {
        final long[] result = new long[LIMBS];
        final BigInteger base = BigInteger.valueOf(BASE);
        BigInteger rest = value;
        for (int i = 0; rest.signum() > 0; i++) {
            final BigInteger[] quotientAndRemainder = rest.divideAndRemainder(base);
            result[i] = quotientAndRemainder[1].longValue();
            rest = quotientAndRemainder[0];
        }
        return result;
    }
}
