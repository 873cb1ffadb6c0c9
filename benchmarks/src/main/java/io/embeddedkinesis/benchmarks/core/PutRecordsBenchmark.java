package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code PutRecords} throughput with full batches of {@value #BATCH_SIZE} records, against a raw Chronicle
 * append of the same {@value #BATCH_SIZE} entries per invocation. Scores are records per second (each
 * invocation counts as {@value #BATCH_SIZE} operations). Partition keys are drawn at random from
 * {@value PartitionKeys#DISTINCT_KEYS} user ids; throttling is off.
 *
 * <p>Each iteration writes into fresh logs, deleted after it, as in {@link PutRecordBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PutRecordsBenchmark extends BenchmarkJvm {
    /** Records per call: the most one {@code PutRecords} request may carry. */
    public static final int BATCH_SIZE = 500;

    private static final int BATCH_COUNT = 128;
    private static final long KEY_SEED = 13;
    private static final long DATA_SEED = 17;

    /** For JMH. */
    public PutRecordsBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(PutRecordsBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Puts one full batch through the broker.
     *
     * @param state the broker and the batches.
     * @return the result, for JMH to consume.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public PutRecordsResult putRecords(final BrokerState state) {
        final PutRecordsResult result = state.broker.putRecords(BrokerFixture.STREAM_NAME, state.nextBatch());
        if (result.failedRecordCount() != 0) {
            throw new IllegalStateException("records failed: failedRecordCount=" + result.failedRecordCount());
        }
        return result;
    }

    /**
     * Appends the same entries to a raw Chronicle Queue.
     *
     * @param state the queue and the records.
     * @return the last entry's index, for JMH to consume.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public long baselineAppend(final BaselineState state) {
        long index = 0;
        for (int i = 0; i < BATCH_SIZE; i++) {
            index = state.fixture.log().append(state.keys.nextKeyUtf8(), state.data);
        }
        return index;
    }

    /** A broker with one stream, whose logs are fresh for every iteration, and prepared batches. */
    @State(Scope.Thread)
    public static class BrokerState {
        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        /** How many shards the stream has. */
        @Param({"1", "4"})
        public int shardCount;

        private final List<List<PutRecordsRequestEntry>> batches = new ArrayList<>(BATCH_COUNT);
        private int nextBatch;
        private BrokerFixture fixture;
        private KinesisBroker broker;

        /** For JMH. */
        public BrokerState() {
        }

        /**
         * Makes the batches: the requests are the caller's, built before the call, so they are not measured.
         */
        @Setup(Level.Trial)
        public void createBatches() {
            final PartitionKeys keys = new PartitionKeys(KEY_SEED);
            final byte[] data = Payloads.random(dataSizeBytes, DATA_SEED);
            for (int b = 0; b < BATCH_COUNT; b++) {
                final List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH_SIZE);
                for (int i = 0; i < BATCH_SIZE; i++) {
                    batch.add(PutRecordsRequestEntry.of(keys.nextKey(), data));
                }
                batches.add(List.copyOf(batch));
            }
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

        private List<PutRecordsRequestEntry> nextBatch() {
            final List<PutRecordsRequestEntry> batch = batches.get(nextBatch);
            nextBatch = (nextBatch + 1) % BATCH_COUNT;
            return batch;
        }
    }

    /** A raw Chronicle Queue, opened afresh for every iteration. */
    @State(Scope.Thread)
    public static class BaselineState {
        /** The data's length in bytes. */
        @Param({"100"})
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
