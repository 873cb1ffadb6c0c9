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
