package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsPutRecordBenchmarkTest {
    @Test
    @Timeout(120)
    void shouldRunWithAndWithoutMetrics() throws Exception {
        final Collection<RunResult> results = SmokeRun.run(MetricsPutRecordBenchmark.class,
            "dataSizeBytes", "100", "shardCount", "1");

        assertThat(results).hasSize(3);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
