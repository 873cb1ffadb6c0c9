package io.embeddedkinesis.core.routing;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashKeyTest {
    @ParameterizedTest
    @CsvSource({
        "0",
        "1",
        "18446744073709551615",
        "18446744073709551616",
        "170141183460469231731687303715884105728",
        "340282366920938463463374607431768211455",
    })
    void shouldRoundTripDecimal(final String decimal) {
        final HashKey key = HashKey.parseExplicit(decimal);

        assertThat(key.toString()).isEqualTo(decimal);
        assertThat(key.toBigInteger()).isEqualTo(new BigInteger(decimal));
    }

    @Test
    void shouldRefuseExplicitHashKeyAboveTwoToThe128() {
        assertThatThrownBy(() -> HashKey.parseExplicit("340282366920938463463374607431768211456"))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value"
                + " was 340282366920938463463374607431768211456");
    }

    @Test
    void shouldCompareAsUnsigned128BitIntegers() {
        final HashKey highBitSet = HashKey.of(BigInteger.ONE.shiftLeft(127));
        final HashKey small = HashKey.of(BigInteger.TEN);

        assertThat(highBitSet).isGreaterThan(small);
        assertThat(HashKey.MAX).isGreaterThan(highBitSet);
        assertThat(HashKey.MIN).isLessThan(small);
        assertThat(HashKey.of(BigInteger.TEN)).isEqualByComparingTo(small);
    }
}
