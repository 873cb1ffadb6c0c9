package io.embeddedkinesis.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumberFormatterTest {
    private static final long TAG = 0xABCDEF123L;

    @Test
    void shouldWriteEveryNumberOfARunAsTheIntegerItIs() {
        final SequenceNumberFormatter formatter = new SequenceNumberFormatter();
        final long first = (7L << 32) + 1000;
        for (long position = first; position < first + 5_000; position++) {
            assertFormats(formatter, new SequenceNumber(TAG, 3, position));
        }
    }

    @Test
    void shouldWriteNumbersThatJumpBackwardsAcrossShardsStreamsAndFilesAsTheIntegersTheyAre() {
        final SequenceNumberFormatter formatter = new SequenceNumberFormatter();
        final SplittableRandom random = new SplittableRandom(11);
        long tag = TAG;
        int shard = 0;
        long position = 0;
        for (int i = 0; i < 200_000; i++) {
            switch (random.nextInt(8)) {
                case 0 -> position = random.nextLong();
                case 1 -> position -= random.nextInt(1 << 10);
                case 2 -> position += (1L << 30) + random.nextInt(3) - 1;
                case 3 -> shard = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(8);
                case 4 -> tag = random.nextLong() & SequenceNumber.STREAM_TAG_MASK;
                case 5 -> position += random.nextLong(1L << 30);
                default -> position += random.nextInt(3);
            }
            assertFormats(formatter, new SequenceNumber(tag, shard, position));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {27, 36, 40})
    void shouldCarryAStepIntoTheHigherDigits(final int boundaryDigits) {
        final SequenceNumberFormatter formatter = new SequenceNumberFormatter();
        final long below = positionJustBelow(BigInteger.TEN.pow(boundaryDigits));

        assertFormats(formatter, new SequenceNumber(TAG, 5, below));
        assertFormats(formatter, new SequenceNumber(TAG, 5, below + 1));
        assertFormats(formatter, new SequenceNumber(TAG, 5, below + 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {45, 54})
    void shouldCarryAStepIntoTheTopDigits(final int boundaryDigits) {
        final SequenceNumberFormatter formatter = new SequenceNumberFormatter();
        final SequenceNumber below = numberJustBelowAMultipleOf(BigInteger.TEN.pow(boundaryDigits));

        assertFormats(formatter, below);
        assertFormats(formatter, new SequenceNumber(below.streamTag(), 5, below.position() + 1));
        assertFormats(formatter, new SequenceNumber(below.streamTag(), 5, below.position() + 2));
    }

    @Test
    void shouldWriteTheExtremesOfTheLayout() {
        final SequenceNumberFormatter formatter = new SequenceNumberFormatter();

        assertFormats(formatter, new SequenceNumber(0, 0, 0));
        assertFormats(formatter, new SequenceNumber(SequenceNumber.STREAM_TAG_MASK, -1, -2L));
        assertFormats(formatter, new SequenceNumber(SequenceNumber.STREAM_TAG_MASK, -1, -1L));
        assertFormats(formatter, new SequenceNumber(SequenceNumber.STREAM_TAG_MASK, -1, 0));
    }

    @Test
    void shouldWriteWhatToStringReturns() {
        final SequenceNumber number = new SequenceNumber(TAG, 12, 0x77a1000000002L);

        assertThat(new String(new SequenceNumberFormatter().format(number), StandardCharsets.ISO_8859_1))
            .isEqualTo(number.toString())
            .hasSize(SequenceNumberFormatter.DIGITS);
    }

    /** The position in shard 5 of stream {@code TAG} whose number is the last below a multiple of {@code unit}. */
    private static long positionJustBelow(final BigInteger unit) {
        final BigInteger base = new SequenceNumber(TAG, 5, 0).toBigInteger();
        final BigInteger boundary = base.divide(unit).add(BigInteger.ONE).multiply(unit);
        final long position = boundary.subtract(base).subtract(BigInteger.ONE).shiftRight(80).longValueExact();
        assertThat(new SequenceNumber(TAG, 5, position).toBigInteger()).isLessThan(boundary);
        assertThat(new SequenceNumber(TAG, 5, position + 1).toBigInteger()).isGreaterThanOrEqualTo(boundary);
        return position;
    }

    /**
     * A number of shard 5 whose next position's number reaches a multiple of {@code unit}, which positions alone
     * (2^80 to 2^144) cannot span above 10^43: a stream tag (steps of 2^148) is picked to come close first.
     */
    private static SequenceNumber numberJustBelowAMultipleOf(final BigInteger unit) {
        final BigInteger base = new SequenceNumber(0, 5, 0).toBigInteger();
        final BigInteger tagStep = BigInteger.ONE.shiftLeft(148);
        final BigInteger positionReach = BigInteger.ONE.shiftLeft(143);
        for (BigInteger boundary = base.divide(unit).add(BigInteger.ONE).multiply(unit); ;
            boundary = boundary.add(unit)) {
            final BigInteger[] tagAndRest = boundary.subtract(base).divideAndRemainder(tagStep);
            if (tagAndRest[0].bitLength() > 36) {
                throw new IllegalStateException("no stream tag comes close to a multiple of " + unit);
            }
            if (tagAndRest[1].signum() > 0 && tagAndRest[1].compareTo(positionReach) < 0) {
                final long position = tagAndRest[1].subtract(BigInteger.ONE).shiftRight(80).longValueExact();
                final SequenceNumber below = new SequenceNumber(tagAndRest[0].longValueExact(), 5, position);
                assertThat(below.toBigInteger()).isLessThan(boundary);
                assertThat(new SequenceNumber(below.streamTag(), 5, position + 1).toBigInteger())
                    .isGreaterThanOrEqualTo(boundary);
                return below;
            }
        }
    }

    private static void assertFormats(final SequenceNumberFormatter formatter, final SequenceNumber number) {
        assertThat(new String(formatter.format(number), StandardCharsets.ISO_8859_1))
            .isEqualTo(number.toBigInteger().toString());
    }
}
