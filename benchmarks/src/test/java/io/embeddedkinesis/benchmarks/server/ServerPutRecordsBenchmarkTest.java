package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.SmokeRun;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class ServerPutRecordsBenchmarkTest {
    /** The server in this JVM, and in one of its own, which must not outlive its trial. */
    @ParameterizedTest
    @ValueSource(strings = {"kinesis-server-cbor", "kinesis-server-process-json"})
    @Timeout(180)
    void shouldRunKinesisServerAndTheCannedEndpoint(final String target) throws Exception {
        final Collection<RunResult> results = SmokeRun.run(ServerPutRecordsBenchmark.class, "target", target);

        assertThat(results).hasSize(3);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
        assertThat(ProcessHandle.current().children()).as("no server process left after its trial").isEmpty();
    }
}
