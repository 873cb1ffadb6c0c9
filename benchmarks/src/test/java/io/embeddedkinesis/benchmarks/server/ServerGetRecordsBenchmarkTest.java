package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class ServerGetRecordsBenchmarkTest {
    @Test
    @Timeout(120)
    void shouldReadWholeBatchesFromKinesisServerAndTheCannedEndpoint() throws Exception {
        // One batch's worth of records: every call after the first starts again from TRIM_HORIZON.
        final Collection<RunResult> results = SmokeRun.run(ServerGetRecordsBenchmark.class,
            "target", "kinesis-server-cbor",
            "recordCount", String.valueOf(ServerGetRecordsBenchmark.BATCH_SIZE));

        assertThat(results).hasSize(3);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
