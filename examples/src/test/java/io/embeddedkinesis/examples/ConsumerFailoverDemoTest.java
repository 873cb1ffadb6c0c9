package io.embeddedkinesis.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the consumer failover demo briefly, as its {@code main()} does, on a temporary directory.
 */
class ConsumerFailoverDemoTest {
    @Test
    @Timeout(90)
    void shouldProcessEveryOrderAtLeastOnceAfterTheFirstWorkerIsHalted(@TempDir final Path directory) {
        final FailoverSummary summary = ConsumerFailoverDemo.run(directory, Duration.ofSeconds(3));

        assertThat(summary.produced()).isPositive();
        assertThat(summary.everyOrderProcessed()).isTrue();
        assertThat(summary.processedBySecond()).as("worker-2 took over").isPositive();
        assertThat(summary.leaseOwners()).containsOnly("worker-2");
        assertThat(directory.resolve("applications").resolve(ConsumerFailoverDemo.APPLICATION_NAME)).isDirectory();
    }
}
