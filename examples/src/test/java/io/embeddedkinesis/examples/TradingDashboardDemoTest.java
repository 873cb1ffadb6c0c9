package io.embeddedkinesis.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the trading dashboard briefly, as its {@code main()} does, on a temporary directory.
 */
class TradingDashboardDemoTest {
    @Test
    @Timeout(90)
    void shouldPutEveryTradeOnTheDashboardOnceWithAVwapWithinTheTradedPrices(@TempDir final Path directory) {
        final DashboardSummary summary = TradingDashboardDemo.run(directory, Duration.ofSeconds(3));

        assertThat(summary.trades()).isPositive();
        assertThat(summary.everyTradeCounted()).isTrue();
        assertThat(summary.rows()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.vwap()).isBetween(1.0, 1_000.0);
            assertThat(row.windowStart().getEpochSecond() % TradingDashboardDemo.WINDOW_SECONDS).isZero();
        });
        assertThat(TradingDashboardDemo.render(summary)).contains("AMZN", "VWAP", "every trade is on the dashboard");
        assertThat(directory.resolve("applications")).isDirectory();
    }
}
