package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class GetRecordsBenchmarkTest {
    @Test
    @Timeout(120)
    void shouldReadWholeBatchesAndStartAgainAtTheEnd() throws Exception {
        // One batch's worth of records: every call after the first starts again from TRIM_HORIZON.
        final Collection<RunResult> results = SmokeRun.run(GetRecordsBenchmark.class,
            "recordCount", String.valueOf(GetRecordsBenchmark.BATCH_SIZE), "dataSizeBytes", "100");

        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
