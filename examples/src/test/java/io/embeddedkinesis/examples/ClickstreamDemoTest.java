package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.ShardLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the clickstream demo briefly, as its {@code main()} does, on a temporary directory.
 */
class ClickstreamDemoTest {
    @Test
    @Timeout(60)
    void shouldConsumeEveryProducedRecordExactlyOnceAndKeepTheStreamForTheNextRun(@TempDir final Path directory) {
        // 200 records a second per shard, so that the producers outrun the limit even on a loaded machine.
        final ClickstreamSummary first = ClickstreamDemo.run(directory, Duration.ofSeconds(2),
            new ShardLimits(1024 * 1024, 200, 2 * 1024 * 1024, 5));

        assertThat(first.streamReopened()).isFalse();
        assertThat(first.shards()).hasSize(ClickstreamDemo.SHARD_COUNT).allSatisfy(shard -> {
            assertThat(shard.produced()).isPositive();
            assertThat(shard.consumed()).isEqualTo(shard.produced());
            assertThat(shard.duplicates()).isZero();
            assertThat(shard.missing()).isZero();
            assertThat(shard.strays()).isZero();
        });
        assertThat(first.consumed()).isEqualTo(first.produced());
        assertThat(first.retriedPuts()).as("producers outrun 200 records/s per shard and are throttled").isPositive();
        assertThat(first.exactlyOnce()).isTrue();

        final ClickstreamSummary second = ClickstreamDemo.run(directory, Duration.ofSeconds(1));

        assertThat(second.streamReopened()).isTrue();
        assertThat(second.produced()).isPositive();
        assertThat(second.exactlyOnce()).as("readers start at LATEST: the first run's records are not recounted")
            .isTrue();
    }

    @Test
    @Timeout(60)
    void shouldRunFromMainWithDirectoryAndDurationArguments(@TempDir final Path directory) {
        ClickstreamDemo.main(new String[] {directory.toString(), "500ms"});

        assertThat(directory.resolve("broker.json")).isRegularFile();
    }

    @ParameterizedTest
    @CsvSource({"10s, 10000", "500ms, 500", "2m, 120000", "7, 7000", "PT1.5S, 1500", "pt3s, 3000", " 4S , 4000"})
    void shouldParseDurations(final String text, final long expectedMs) {
        assertThat(ClickstreamDemo.parseDuration(text)).isEqualTo(Duration.ofMillis(expectedMs));
    }

    @ParameterizedTest
    @CsvSource({"ten seconds", "0s", "-1s", "s", "PT-1S"})
    void shouldRefuseDurationsThatAreNotPositiveDurations(final String text) {
        assertThatThrownBy(() -> ClickstreamDemo.parseDuration(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("duration=" + text);
    }
}
