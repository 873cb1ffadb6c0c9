package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code GetRecords} throughput: a one-shard stream pre-filled with {@code recordCount} records is read
 * {@value #BATCH_SIZE} records per call, walking forward with each call's next iterator and starting
 * again from {@code TRIM_HORIZON}, with a new iterator, at the end. The baseline reads the same entries
 * with a raw Chronicle tailer, copying each entry's data into a new array, and rewinds at the end.
 * Scores are records per second (each invocation counts as {@value #BATCH_SIZE} operations, and
 * delivers exactly that many or fails).
 *
 * <p>The logs are filled once per fork, before warm-up, which leaves them in the page cache; the warm-up
 * iterations then read them several times over.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GetRecordsBenchmark extends BenchmarkJvm {
    /** Records per call: the most one {@code GetRecords} call may return. */
    public static final int BATCH_SIZE = 10_000;

    private static final int PUT_BATCH_SIZE = 500;
    private static final long KEY_SEED = 19;
    private static final long DATA_SEED = 23;

    /** For JMH. */
    public GetRecordsBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(GetRecordsBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Reads the next {@value #BATCH_SIZE} records through the broker.
     *
     * @param state the broker and the reader's iterator.
     * @return the records, for JMH to consume.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public List<Record> getRecords(final BrokerState state) {
        return state.readBatch();
    }

    /**
     * Reads the next {@value #BATCH_SIZE} entries with a raw Chronicle tailer, copying out each one's data.
     *
     * @param state     the queue.
     * @param blackhole consumes each copy.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public void baselineRead(final BaselineState state, final Blackhole blackhole) {
        for (int i = 0; i < BATCH_SIZE; i++) {
            blackhole.consume(state.readData());
        }
    }

    /** A broker with a pre-filled one-shard stream, and a reader's position in it. */
    @State(Scope.Thread)
    public static class BrokerState {
        /** How many records the stream holds; a multiple of {@value #BATCH_SIZE}. */
        @Param({"1000000"})
        public int recordCount;

        /** The data's length in bytes. */
        @Param({"100", "1024"})
        public int dataSizeBytes;

        private BrokerFixture fixture;
        private KinesisBroker broker;
        private String shardId;
        private String shardIterator;
        private int readSinceStart;

        /** For JMH. */
        public BrokerState() {
        }

        /** Opens a broker, fills the stream and starts a reader at its beginning. */
        @Setup(Level.Trial)
        public void fill() {
            requireWholeBatches(recordCount);
            fixture = new BrokerFixture(1);
            broker = fixture.broker();
            final PartitionKeys keys = new PartitionKeys(KEY_SEED);
            final byte[] data = Payloads.random(dataSizeBytes, DATA_SEED);
            final List<PutRecordsRequestEntry> batch = new ArrayList<>(PUT_BATCH_SIZE);
            for (int written = 0; written < recordCount; written += batch.size()) {
                batch.clear();
                for (int i = 0; i < Math.min(PUT_BATCH_SIZE, recordCount - written); i++) {
                    batch.add(PutRecordsRequestEntry.of(keys.nextKey(), data));
                }
                if (broker.putRecords(BrokerFixture.STREAM_NAME, batch).failedRecordCount() != 0) {
                    throw new IllegalStateException("filling the stream failed");
                }
            }
            shardId = broker.listShards(BrokerFixture.STREAM_NAME).shards().get(0).shardId();
            restart();
        }

        /** Closes the broker and deletes its directory. */
        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }

        private void restart() {
            shardIterator = broker.getShardIterator(BrokerFixture.STREAM_NAME, shardId, ShardIteratorType.TRIM_HORIZON);
            readSinceStart = 0;
        }

        private List<Record> readBatch() {
            if (readSinceStart == recordCount) {
                restart();
            }
            final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(shardIterator, BATCH_SIZE, null));
            final List<Record> records = result.records();
            if (records.size() != BATCH_SIZE) {
                throw new IllegalStateException("short read: records=" + records.size() + ", readSinceStart="
                    + readSinceStart);
            }
            shardIterator = result.nextShardIterator();
            readSinceStart += BATCH_SIZE;
            return records;
        }
    }

    /** A raw Chronicle Queue holding the same entries, and a tailer's position in it. */
    @State(Scope.Thread)
    public static class BaselineState {
        /** How many entries the queue holds; a multiple of {@value #BATCH_SIZE}. */
        @Param({"1000000"})
        public int recordCount;

        /** The data's length in bytes. */
        @Param({"100", "1024"})
        public int dataSizeBytes;

        private RawLogFixture fixture;
        private int readSinceStart;

        /** For JMH. */
        public BaselineState() {
        }

        /** Opens a queue and fills it. */
        @Setup(Level.Trial)
        public void fill() {
            requireWholeBatches(recordCount);
            fixture = new RawLogFixture();
            final PartitionKeys keys = new PartitionKeys(KEY_SEED);
            final byte[] data = Payloads.random(dataSizeBytes, DATA_SEED);
            for (int i = 0; i < recordCount; i++) {
                fixture.log().append(keys.nextKeyUtf8(), data);
            }
        }

        /** Closes the queue and deletes its directory. */
        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }

        private byte[] readData() {
            if (readSinceStart == recordCount) {
                fixture.log().rewind();
                readSinceStart = 0;
            }
            final byte[] data = fixture.log().readData();
            if (data == null) {
                throw new IllegalStateException("short read: readSinceStart=" + readSinceStart);
            }
            readSinceStart++;
            return data;
        }
    }

    private static void requireWholeBatches(final int recordCount) {
        if (recordCount < BATCH_SIZE || recordCount % BATCH_SIZE != 0) {
            throw new IllegalArgumentException("recordCount must be a positive multiple of " + BATCH_SIZE
                + ": recordCount=" + recordCount);
        }
    }
}
