package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code GetRecords} throughput over loopback with the AWS SDK's sync client: a one-shard stream pre-filled
 * with {@code recordCount} records is read {@value #BATCH_SIZE} records per call, walking forward with each
 * call's next iterator and starting again from {@code TRIM_HORIZON}, with a new iterator, at the end. The
 * baseline reads from the canned endpoint, whose every response holds {@value #BATCH_SIZE} records of the same
 * size. Scores are records per second (each invocation counts as {@value #BATCH_SIZE} operations, and
 * delivers exactly that many or fails).
 *
 * <p>The stream is filled once per fork, through the client with {@code PutRecords} calls, before warm-up.
 * Large calls settle sooner than the put benchmarks' small ones: scores were flat from the fourth 2-second
 * iteration on.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServerGetRecordsBenchmark extends BenchmarkJvm {
    /** Records per call: the most one {@code GetRecords} call may return. */
    public static final int BATCH_SIZE = 10_000;

    private static final long KEY_SEED = 53;
    private static final long DATA_SEED = 59;

    /** For JMH. */
    public ServerGetRecordsBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings; the kinesalite target needs
     * {@value EndpointFixture#KINESALITE_ENDPOINT}.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(ServerGetRecordsBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Reads the next {@value #BATCH_SIZE} records from the target.
     *
     * @param state the target and the reader's iterator.
     * @return the response, for JMH to consume.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public GetRecordsResponse getRecords(final TargetState state) {
        return state.readBatch();
    }

    /**
     * Reads {@value #BATCH_SIZE} records from the canned endpoint.
     *
     * @param state the canned endpoint.
     * @return the response, for JMH to consume.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public GetRecordsResponse baselineGetRecords(final CannedState state) {
        return state.readBatch();
    }

    /** An endpoint, a client, and a reader's position; the subclasses say which endpoint and how full. */
    @State(Scope.Thread)
    public abstract static class EndpointState {
        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private EndpointFixture fixture;
        private String shardIterator;
        private int readSinceStart;

        /** For subclasses. */
        protected EndpointState() {
        }

        /**
         * The target to open.
         *
         * @return a {@link Target} parameter.
         */
        protected abstract String target();

        /**
         * How many records the stream holds, a multiple of {@value #BATCH_SIZE}.
         *
         * @return the count; 0 to write none, for the canned endpoint.
         */
        protected abstract int recordCount();

        /** Opens the endpoint and the client, fills the stream and starts a reader at its beginning. */
        @Setup(Level.Trial)
        public void open() {
            final int recordCount = recordCount();
            if (recordCount < 0 || recordCount % BATCH_SIZE != 0) {
                throw new IllegalArgumentException("recordCount must be a multiple of " + BATCH_SIZE
                    + ": recordCount=" + recordCount);
            }
            fixture = new EndpointFixture(target(), dataSizeBytes);
            fill(fixture.client(), recordCount);
            shardIterator = fixture.trimHorizonIterator();
        }

        private void fill(final KinesisClient client, final int recordCount) {
            final PartitionKeys keys = new PartitionKeys(KEY_SEED);
            final SdkBytes data = SdkBytes.fromByteArray(Payloads.random(dataSizeBytes, DATA_SEED));
            final List<PutRecordsRequestEntry> batch = new ArrayList<>(ServerPutRecordsBenchmark.BATCH_SIZE);
            for (int written = 0; written < recordCount; written += batch.size()) {
                batch.clear();
                for (int i = 0; i < Math.min(ServerPutRecordsBenchmark.BATCH_SIZE, recordCount - written); i++) {
                    batch.add(PutRecordsRequestEntry.builder().partitionKey(keys.nextKey()).data(data).build());
                }
                final int failed = client.putRecords(request -> request.streamName(EndpointFixture.STREAM_NAME)
                    .records(batch)).failedRecordCount();
                if (failed != 0) {
                    throw new IllegalStateException("filling the stream failed: failedRecordCount=" + failed);
                }
            }
        }

        /** Deletes the stream and closes the client and the endpoint. */
        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }

        final GetRecordsResponse readBatch() {
            final int recordCount = recordCount();
            if (recordCount != 0 && readSinceStart == recordCount) {
                shardIterator = fixture.trimHorizonIterator();
                readSinceStart = 0;
            }
            final GetRecordsResponse response = fixture.client().getRecords(
                request -> request.shardIterator(shardIterator).limit(BATCH_SIZE));
            if (response.records().size() != BATCH_SIZE) {
                throw new IllegalStateException("short read: records=" + response.records().size()
                    + ", readSinceStart=" + readSinceStart);
            }
            shardIterator = response.nextShardIterator();
            readSinceStart += BATCH_SIZE;
            return response;
        }
    }

    /** The target under test, with its pre-filled stream. */
    @State(Scope.Thread)
    public static class TargetState extends EndpointState {
        /**
         * kinesis-server in both encodings, and kinesalite in JSON, as in {@link ServerPutRecordsBenchmark}; the
         * server in its own JVM ({@code kinesis-server-process-json}, {@code -cbor}) on request, with {@code -p}.
         */
        @Param({"kinesis-server-json", "kinesis-server-cbor", "kinesalite-json"})
        public String target;

        /** How many records the stream holds; a multiple of {@value #BATCH_SIZE}. */
        @Param({"100000"})
        public int recordCount;

        /** For JMH. */
        public TargetState() {
        }

        @Override
        protected String target() {
            return target;
        }

        @Override
        protected int recordCount() {
            return recordCount;
        }
    }

    /** The canned endpoint, which needs no records written. */
    @State(Scope.Thread)
    public static class CannedState extends EndpointState {
        /** The encoding, {@code json} or {@code cbor}. */
        @Param({"json", "cbor"})
        public String encoding;

        /** For JMH. */
        public CannedState() {
        }

        @Override
        protected String target() {
            return "canned-" + encoding;
        }

        @Override
        protected int recordCount() {
            return 0;
        }
    }
}
