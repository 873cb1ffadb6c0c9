package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class PutRecordFloorBenchmarkTest {
    @Test
    @Timeout(120)
    void shouldSampleTheLoopbackRoundTripAndTheSdkInBothEncodings() throws Exception {
        final Collection<RunResult> results = SmokeRun.run(PutRecordFloorBenchmark.class);

        assertThat(results).extracting(result -> result.getParams().getBenchmark()
                + result.getParams().getParam("encoding"))
            .containsExactlyInAnyOrder(
                PutRecordFloorBenchmark.class.getName() + ".baselineLoopbackRoundTripnull",
                PutRecordFloorBenchmark.class.getName() + ".sdkAlonejson",
                PutRecordFloorBenchmark.class.getName() + ".sdkAlonecbor");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.getPrimaryResult().getSampleCount()).isPositive();
            assertThat(result.getPrimaryResult().getScore()).isPositive();
        });
    }
}
