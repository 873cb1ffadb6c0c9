package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.server.PutRecordsRatioProbe.Pair;
import io.embeddedkinesis.benchmarks.server.PutRecordsRatioProbe.Settings;
import io.embeddedkinesis.benchmarks.server.PutRecordsRatioProbe.Slice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PutRecordsRatioProbeTest {
    private static final long SLICE_NS = TimeUnit.MILLISECONDS.toNanos(50);

    /** The measurement itself, in this JVM (the build starts it with Chronicle's flags), briefly. */
    @Test
    @Timeout(120)
    void shouldMeasurePairsOfTheServerInThisJvmAndTheCannedEndpoint() {
        final List<Pair> pairs = PutRecordsRatioProbe.measure("kinesis-server-cbor", new Settings(3, SLICE_NS, 0));

        assertThat(pairs).hasSize(3).allSatisfy(pair -> {
            assertThat(pair.target().recordsPerSecond()).isPositive();
            assertThat(pair.canned().recordsPerSecond()).isPositive();
            assertThat(pair.target().clientCpuNsPerCall()).isPositive();
            assertThat(pair.target().serverCpuNsPerCall()).as("the server's event loop parsed and answered")
                .isGreaterThan(pair.canned().serverCpuNsPerCall());
            assertThat(pair.ratio()).isPositive();
        });
    }

    @Test
    void shouldAverageTheRatiosOfThePairs() {
        final List<Pair> pairs = List.of(
            new Pair(new Slice(300, 1, 1), new Slice(600, 1, 0)),
            new Pair(new Slice(700, 1, 1), new Slice(1000, 1, 0)));

        assertThat(PutRecordsRatioProbe.ratios(pairs).getMean()).isCloseTo(0.6, within(1e-9));
        assertThat(PutRecordsRatioProbe.ratios(pairs).getN()).isEqualTo(2);
    }

    @Test
    void shouldTellACallsTimeFromTheRecordsPerSecond() {
        assertThat(new Slice(500_000, 1, 0).callNs()).as("500 records a call").isCloseTo(1e6, within(1e-3));
    }

    @Test
    void shouldRefuseToCompareTheCannedEndpointWithItself() {
        assertThatThrownBy(() -> PutRecordsRatioProbe.measure("canned-json", new Settings(3, SLICE_NS, 0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the target is compared with the canned endpoint: target=canned-json");
    }

    @Test
    void shouldRefuseSettingsThatMeasureNothing() {
        assertThatThrownBy(() -> new Settings(2, SLICE_NS, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("need at least 3 pairs and slices of some length: pairs=2");
    }
}
