package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.PutRecordResult;
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
 * {@code PutRecord} throughput, one record per call from one thread, against a raw Chronicle append of the
 * same entry. Partition keys are drawn at random from {@value PartitionKeys#DISTINCT_KEYS} user ids;
 * throttling is off.
 *
 * <p>Each iteration writes into fresh logs, deleted after it: a 1 KiB run appends about a gigabyte a
 * second, which would otherwise pile up as dirty pages that the kernel writes back during later
 * iterations. The warm-up iterations touch the memory those logs reuse.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PutRecordBenchmark extends BenchmarkJvm {
    private static final long KEY_SEED = 7;
    private static final long DATA_SEED = 11;

    /** For JMH. */
    public PutRecordBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(PutRecordBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Puts one record through the broker.
     *
     * @param state the broker and the records.
     * @return the result, for JMH to consume.
     */
    @Benchmark
    public PutRecordResult putRecord(final BrokerState state) {
        return state.broker.putRecord(BrokerFixture.STREAM_NAME, state.keys.nextKey(), state.data);
    }

    /**
     * Appends the same entry to a raw Chronicle Queue.
     *
     * @param state the queue and the records.
     * @return the entry's index, for JMH to consume.
     */
    @Benchmark
    public long baselineAppend(final BaselineState state) {
        return state.fixture.log().append(state.keys.nextKeyUtf8(), state.data);
    }

    /** A broker with one stream, whose logs are fresh for every iteration. */
    @State(Scope.Thread)
    public static class BrokerState {
        /** The data's length in bytes. */
        @Param({"100", "1024"})
        public int dataSizeBytes;

        /** How many shards the stream has. */
        @Param({"1", "4"})
        public int shardCount;

        private final PartitionKeys keys = new PartitionKeys(KEY_SEED);
        private byte[] data;
        private BrokerFixture fixture;
        private KinesisBroker broker;

        /** For JMH. */
        public BrokerState() {
        }

        /** Makes the payload. */
        @Setup(Level.Trial)
        public void createPayload() {
            data = Payloads.random(dataSizeBytes, DATA_SEED);
        }

        /** Opens a broker on a fresh directory. */
        @Setup(Level.Trial)
        public void openBroker() {
            fixture = new BrokerFixture(shardCount);
            broker = fixture.broker();
        }

        /** Starts the next iteration on fresh logs. */
        @TearDown(Level.Iteration)
        public void recreateStream() {
            fixture.recreateStream();
        }

        /** Closes the broker and deletes its directory. */
        @TearDown(Level.Trial)
        public void closeBroker() {
            fixture.close();
        }
    }

    /** A raw Chronicle Queue, opened afresh for every iteration. */
    @State(Scope.Thread)
    public static class BaselineState {
        /** The data's length in bytes. */
        @Param({"100", "1024"})
        public int dataSizeBytes;

        private final PartitionKeys keys = new PartitionKeys(KEY_SEED);
        private byte[] data;
        private RawLogFixture fixture;

        /** For JMH. */
        public BaselineState() {
        }

        /** Makes the payload. */
        @Setup(Level.Trial)
        public void createPayload() {
            data = Payloads.random(dataSizeBytes, DATA_SEED);
        }

        /** Opens a queue on a fresh directory. */
        @Setup(Level.Iteration)
        public void openLog() {
            fixture = new RawLogFixture();
        }

        /** Closes the queue and deletes its directory. */
        @TearDown(Level.Iteration)
        public void closeLog() {
            fixture.close();
        }
    }
}
