package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class ServerPutRecordBenchmarkTest {
    @Test
    @Timeout(120)
    void shouldSampleKinesisServerAndTheCannedEndpoint() throws Exception {
        final Collection<RunResult> results =
            SmokeRun.run(ServerPutRecordBenchmark.class, "target", "kinesis-server-json");

        assertThat(results).hasSize(3);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.getPrimaryResult().getSampleCount()).isPositive();
            assertThat(result.getPrimaryResult().getScore()).isPositive();
        });
    }
}
