package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class SubscribeToShardLatencyBenchmarkTest {
    @Test
    @Timeout(120)
    void shouldDeliverEveryPutToTheSubscriberAndEveryAppendToTheTailer() throws Exception {
        final Collection<RunResult> results = SmokeRun.run(SubscribeToShardLatencyBenchmark.class);

        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
