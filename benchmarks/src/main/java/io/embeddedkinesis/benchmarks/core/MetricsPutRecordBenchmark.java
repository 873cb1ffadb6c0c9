package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.metrics.BrokerMetrics;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What metrics cost the put path: {@code PutRecord} with every meter registered in a Micrometer
 * {@code SimpleMeterRegistry}, against the same {@code PutRecord} without a registry (the broker's default),
 * in the same run. The ratio is the share of its throughput the put path keeps with metrics on; the target
 * is no measurable difference.
 *
 * <p>{@code enhancedMonitoring=ALL} also switches on every shard-level metric, the most a put can report.
 * Everything else is as in {@link PutRecordBenchmark}: one record per call from one thread, keys drawn at
 * random from {@value PartitionKeys#DISTINCT_KEYS} user ids, no throttling, fresh logs every iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MetricsPutRecordBenchmark extends BenchmarkJvm {
    private static final long KEY_SEED = 7;
    private static final long DATA_SEED = 11;

    /** For JMH. */
    public MetricsPutRecordBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(MetricsPutRecordBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Puts one record through a broker that records metrics.
     *
     * @param state the broker, its registry and the records.
     * @return the result, for JMH to consume.
     */
    @Benchmark
    public PutRecordResult putRecord(final MeteredState state) {
        return state.broker.putRecord(BrokerFixture.STREAM_NAME, state.keys.nextKey(), state.data);
    }

    /**
     * Puts one record through a broker without metrics.
     *
     * @param state the broker and the records.
     * @return the result, for JMH to consume.
     */
    @Benchmark
    public PutRecordResult baselinePutRecord(final UnmeteredState state) {
        return state.broker.putRecord(BrokerFixture.STREAM_NAME, state.keys.nextKey(), state.data);
    }

    /** A broker with one stream, its logs fresh for every iteration, and no metrics. */
    @State(Scope.Thread)
    public static class UnmeteredState {
        /** The data's length in bytes. */
        @Param({"100", "1024"})
        public int dataSizeBytes;

        /** How many shards the stream has. */
        @Param({"1", "4"})
        public int shardCount;

        final PartitionKeys keys = new PartitionKeys(KEY_SEED);
        byte[] data;
        BrokerFixture fixture;
        KinesisBroker broker;

        /** For JMH. */
        public UnmeteredState() {
        }

        /** Makes the payload. */
        @Setup(Level.Trial)
        public void createPayload() {
            data = Payloads.random(dataSizeBytes, DATA_SEED);
        }

        /** Opens a broker on a fresh directory. */
        @Setup(Level.Trial)
        public void openBroker() {
            fixture = newFixture();
            broker = fixture.broker();
            onStreamCreated();
        }

        /** Starts the next iteration on fresh logs. */
        @TearDown(Level.Iteration)
        public void recreateStream() {
            fixture.recreateStream();
            onStreamCreated();
        }

        BrokerFixture newFixture() {
            return new BrokerFixture(shardCount);
        }

        void onStreamCreated() {
            // Nothing to set up without metrics.
        }

        /** Closes the broker and deletes its directory. */
        @TearDown(Level.Trial)
        public void closeBroker() {
            fixture.close();
        }
    }

    /** The same, with every stream-level meter in a {@code SimpleMeterRegistry}, and shard-level ones if asked. */
    @State(Scope.Thread)
    public static class MeteredState extends UnmeteredState {
        /** {@code NONE}, or {@code ALL} to enable every shard-level metric too. */
        @Param({"NONE", "ALL"})
        public String enhancedMonitoring;

        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        /** For JMH. */
        public MeteredState() {
        }

        @Override
        BrokerFixture newFixture() {
            return new BrokerFixture(shardCount, BrokerMetrics.micrometer(registry));
        }

        @Override
        void onStreamCreated() {
            if ("ALL".equals(enhancedMonitoring)) {
                broker.enableEnhancedMonitoring(BrokerFixture.STREAM_NAME, MetricsName.ALL);
            }
        }
    }
}
