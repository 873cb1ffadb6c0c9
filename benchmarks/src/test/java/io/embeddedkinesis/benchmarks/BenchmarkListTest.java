package io.embeddedkinesis.benchmarks;

import io.embeddedkinesis.core.log.ChronicleRuntime;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks, on the list JMH generated at compile time, what every benchmark must have: forks that can open
 * Chronicle Queue, a baseline in the same class, and the conventions of {@code benchmarks/README.md}.
 */
class BenchmarkListTest {
    private static final Set<BenchmarkListEntry> BENCHMARKS = BenchmarkList.defaultList()
        .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of());

    @Test
    void shouldListTheBenchmarks() {
        assertThat(BENCHMARKS).extracting(BenchmarkListEntry::getUsername).contains(
            "io.embeddedkinesis.benchmarks.core.PutRecordBenchmark.putRecord",
            "io.embeddedkinesis.benchmarks.core.PutRecordsBenchmark.putRecords",
            "io.embeddedkinesis.benchmarks.core.GetRecordsBenchmark.getRecords",
            "io.embeddedkinesis.benchmarks.core.MetricsPutRecordBenchmark.putRecord",
            "io.embeddedkinesis.benchmarks.core.SubscribeToShardLatencyBenchmark.putToSubscriber",
            "io.embeddedkinesis.benchmarks.core.SubscribeToShardThroughputBenchmark.putRecordsToSubscribers",
            "io.embeddedkinesis.benchmarks.server.ServerPutRecordsBenchmark.putRecords",
            "io.embeddedkinesis.benchmarks.server.ServerPutRecordBenchmark.putRecord",
            "io.embeddedkinesis.benchmarks.server.ServerGetRecordsBenchmark.getRecords",
            "io.embeddedkinesis.benchmarks.server.PutRecordFloorBenchmark.sdkAlone");
    }

    @Test
    void shouldForkEveryBenchmarkWithTheFlagsChronicleNeeds() {
        for (final BenchmarkListEntry benchmark : BENCHMARKS) {
            assertThat(benchmark.getJvmArgsAppend().orElse(List.of()))
                .as(benchmark.getUsername())
                .containsAll(ChronicleRuntime.REQUIRED_JVM_FLAGS)
                .contains("-Dchronicle.analytics.disable=true");
        }
    }

    @Test
    void shouldGiveEveryClassABaselineForkSettingsAndAMain() throws ReflectiveOperationException {
        final Map<String, List<String>> methodsByClass = BENCHMARKS.stream().collect(Collectors.groupingBy(
            BenchmarkListEntry::getUserClassQName,
            Collectors.mapping(entry -> entry.getUsername().substring(entry.getUserClassQName().length() + 1),
                Collectors.toList())));
        for (final Map.Entry<String, List<String>> entry : methodsByClass.entrySet()) {
            final Class<?> type = Class.forName(entry.getKey());
            assertThat(type.getSimpleName()).endsWith("Benchmark");
            assertThat(type.getDeclaredAnnotation(Fork.class)).as(type.getName()).isNotNull();
            assertThat(type.getDeclaredAnnotation(Warmup.class)).as(type.getName()).isNotNull();
            assertThat(type.getDeclaredAnnotation(Measurement.class)).as(type.getName()).isNotNull();
            final Method main = type.getDeclaredMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(type.getName()).isTrue();
            assertThat(entry.getValue()).as(type.getName())
                .anyMatch(method -> method.startsWith("baseline"))
                .anyMatch(method -> !method.startsWith("baseline"));
        }
    }
}
