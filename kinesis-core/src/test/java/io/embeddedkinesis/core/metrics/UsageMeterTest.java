package io.embeddedkinesis.core.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageMeterTest {
    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "25600, 1", "25601, 2", "46080, 2", "51200, 2", "51201, 3", "1048576, 41"})
    void shouldCountEach25KibChunkOfARecordRoundedUp(final long recordBytes, final long units) {
        assertThat(UsageMeter.payloadUnits(recordBytes)).isEqualTo(units);
    }

    @ParameterizedTest
    @CsvSource({
        "100, 200, 150, 300, 50",
        "100, 200, 50, 300, 100",
        "100, 200, 250, 300, 0",
        "100, " + Long.MAX_VALUE + ", 150, 300, 150",
    })
    void shouldCountTheOpenTimeSinceUsageWasCounted(final long createdAtMs, final long closedAtMs,
        final long sinceMs, final long nowMs, final long openMs) {
        assertThat(new UsageMeter(sinceMs).openMs(createdAtMs, closedAtMs, nowMs)).isEqualTo(openMs);
    }

    @Test
    void shouldRefuseNegativePrices() {
        assertThatThrownBy(() -> UsagePrices.of("0.015", "-1", "0"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("price must not be negative: perMillionPutPayloadUnits=-1");
    }
}
