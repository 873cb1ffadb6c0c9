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
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code PutRecord} latency over loopback with the AWS SDK's sync client: one thread, one record per call,
 * each call sent when the previous one has returned, against each {@code target} (see {@link Target}); the
 * baseline is the same calls to the canned endpoint. JMH's sample mode times the calls, so the results
 * carry the distribution (p50, p99, ...) as well as the mean, in microseconds per call.
 *
 * <p>The requests are built before the run; each iteration writes into a new, empty stream. The warm-up is as
 * long as {@link ServerPutRecordsBenchmark}'s: after five 2-second iterations, the mean was still falling by
 * a quarter from one iteration to the next.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServerPutRecordBenchmark extends BenchmarkJvm {
    private static final int REQUEST_COUNT = 1024;
    private static final long KEY_SEED = 43;
    private static final long DATA_SEED = 47;

    /** For JMH. */
    public ServerPutRecordBenchmark() {
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
            .include("^" + Pattern.quote(ServerPutRecordBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * The requests every {@code PutRecord} benchmark cycles through, the same in each, built before the run as an
     * application builds them before calling.
     *
     * @param dataSizeBytes the data's length.
     * @return 1,024 requests to {@value EndpointFixture#STREAM_NAME}, each with its own key.
     */
    static PutRecordRequest[] requests(final int dataSizeBytes) {
        final PartitionKeys keys = new PartitionKeys(KEY_SEED);
        final SdkBytes data = SdkBytes.fromByteArray(Payloads.random(dataSizeBytes, DATA_SEED));
        final PutRecordRequest[] requests = new PutRecordRequest[REQUEST_COUNT];
        for (int i = 0; i < REQUEST_COUNT; i++) {
            requests[i] = PutRecordRequest.builder().streamName(EndpointFixture.STREAM_NAME)
                .partitionKey(keys.nextKey()).data(data).build();
        }
        return requests;
    }

    /**
     * Puts one record to the target.
     *
     * @param state the target and the requests.
     * @return the response, for JMH to consume.
     */
    @Benchmark
    public PutRecordResponse putRecord(final TargetState state) {
        return state.putNext();
    }

    /**
     * Puts one record to the canned endpoint.
     *
     * @param state the canned endpoint and the requests.
     * @return the response, for JMH to consume.
     */
    @Benchmark
    public PutRecordResponse baselinePutRecord(final CannedState state) {
        return state.putNext();
    }

    /** An endpoint, a client and prepared requests; the subclasses say which endpoint. */
    @State(Scope.Thread)
    public abstract static class EndpointState {
        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private PutRecordRequest[] requests;
        private int next;
        private EndpointFixture fixture;

        /** For subclasses. */
        protected EndpointState() {
        }

        /**
         * The target to open.
         *
         * @return a {@link Target} parameter.
         */
        protected abstract String target();

        /** Opens the endpoint and the client, creates the stream and builds the requests. */
        @Setup(Level.Trial)
        public void open() {
            fixture = new EndpointFixture(target(), dataSizeBytes);
            requests = requests(dataSizeBytes);
        }

        /** Starts the next iteration on a new, empty stream. */
        @TearDown(Level.Iteration)
        public void recreateStream() {
            fixture.recreateStream();
        }

        /** Deletes the stream and closes the client and the endpoint. */
        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }

        final PutRecordResponse putNext() {
            final PutRecordResponse response = fixture.client().putRecord(requests[next]);
            next = (next + 1) % requests.length;
            return response;
        }
    }

    /** The target under test. */
    @State(Scope.Thread)
    public static class TargetState extends EndpointState {
        /**
         * kinesis-server in both encodings, and kinesalite in JSON, as in {@link ServerPutRecordsBenchmark}; the
         * server in its own JVM ({@code kinesis-server-process-json}, {@code -cbor}) on request, with {@code -p}.
         */
        @Param({"kinesis-server-json", "kinesis-server-cbor", "kinesalite-json"})
        public String target;

        /** For JMH. */
        public TargetState() {
        }

        @Override
        protected String target() {
            return target;
        }
    }

    /** The canned endpoint. */
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
    }
}
