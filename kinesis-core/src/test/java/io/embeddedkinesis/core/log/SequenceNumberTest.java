package io.embeddedkinesis.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumberTest {
    private static final long TAG = 0xABCDEF123L;

    @Test
    void shouldFormatFiftySixDigitsInTheVersion2Layout() {
        final String text = new SequenceNumber(TAG, 7, 0x77a1000000002L).toString();
        final BigInteger value = new BigInteger(text);

        assertThat(text).hasSize(56);
        assertThat(value.bitLength()).isEqualTo(186);
        assertThat(value.shiftRight(184).intValue()).isEqualTo(2);
        // Where the KCL reads the shard index: bits 4..35.
        assertThat(value.shiftRight(4).longValue() & 0xFFFFFFFFL).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "3, 1", "12, 9223372036854775807", "2147483647, 134140418588672"})
    void shouldParseWhatItFormats(final int shard, final long position) {
        final SequenceNumber original = new SequenceNumber(TAG, shard, position);

        final SequenceNumber parsed = SequenceNumber.tryParse(original.toString());

        assertThat(parsed).isEqualTo(original);
        assertThat(parsed.streamTag()).isEqualTo(TAG);
        assertThat(parsed.shardIndex()).isEqualTo(shard);
        assertThat(parsed.position()).isEqualTo(position);
    }

    @Test
    void shouldFormatExactlyAsTheIntegerItIs() {
        final java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            final long tag = random.nextLong() & SequenceNumber.STREAM_TAG_MASK;
            final int shard = i % 3 == 0 ? random.nextInt() : random.nextInt(1000);
            final long position = i % 5 == 0 ? random.nextLong() : random.nextInt(1 << 20) + ((long) i << 32);
            final SequenceNumber number = new SequenceNumber(tag, shard, position);

            assertThat(number.toString()).isEqualTo(number.toBigInteger().toString());
        }
        assertThat(new SequenceNumber(0, 0, 0).toString()).isEqualTo(new SequenceNumber(0, 0,
            0).toBigInteger().toString());
        assertThat(new SequenceNumber(SequenceNumber.STREAM_TAG_MASK, -1, -1L).toString())
            .isEqualTo(new SequenceNumber(SequenceNumber.STREAM_TAG_MASK, -1, -1L).toBigInteger().toString());
    }

    @Test
    void shouldOrderNumericallyAsPositionsWithinAShard() {
        final BigInteger earlier = new BigInteger(new SequenceNumber(TAG, 1, 41).toString());
        final BigInteger later = new BigInteger(new SequenceNumber(TAG, 1, 42).toString());
        final BigInteger nextFile = new BigInteger(new SequenceNumber(TAG, 1, (5L << 32)).toString());

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(nextFile);
    }

    @ParameterizedTest
    @CsvSource({
        "0",
        "1",
        "49590338271490256608559692538361571095921575989136588898",
        "12a",
        "4927054081570454849123072249408287975004716716950919579200",
    })
    void shouldRejectNumbersOfAnotherLayout(final String text) {
        assertThat(SequenceNumber.tryParse(text)).isNull();
    }
}
