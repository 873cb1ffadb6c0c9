package io.embeddedkinesis.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the enhanced fan-out demo briefly, as its {@code main()} does, on a temporary directory, twice: the
 * second run finds the stream and its consumers registered by the first.
 */
class FanOutDemoTest {
    @Test
    @Timeout(120)
    void shouldPushEveryQuoteToEveryConsumerOnceEvenToTheSlowOne(@TempDir final Path directory) {
        for (int run = 1; run <= 2; run++) {
            final List<FanOutSummary> summaries = FanOutDemo.run(directory, Duration.ofSeconds(1));

            assertThat(summaries).extracting(FanOutSummary::consumerName)
                .as("run %d", run).containsExactlyElementsOf(FanOutDemo.CONSUMER_NAMES);
            assertThat(summaries).as("run %d", run).allSatisfy(summary -> {
                assertThat(summary.received()).isPositive();
                assertThat(summary.duplicates()).isZero();
                assertThat(summary.missing()).isZero();
            });
        }
    }
}
