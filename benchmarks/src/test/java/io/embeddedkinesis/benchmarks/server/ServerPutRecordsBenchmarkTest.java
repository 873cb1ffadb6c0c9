package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class ServerPutRecordsBenchmarkTest {
    @Test
    @Timeout(120)
    void shouldRunKinesisServerAndTheCannedEndpoint() throws Exception {
        final Collection<RunResult> results =
            SmokeRun.run(ServerPutRecordsBenchmark.class, "target", "kinesis-server-cbor");

        assertThat(results).hasSize(3);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    @Timeout(180)
    void shouldRunKinesisServerInItsOwnJvm() throws Exception {
        final Collection<RunResult> results =
            SmokeRun.run(ServerPutRecordsBenchmark.class, "target", "kinesis-server-process-json");

        assertThat(results).hasSize(3);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
        assertThat(ProcessHandle.current().children()).as("the server process, stopped after its trial").isEmpty();
    }
}
