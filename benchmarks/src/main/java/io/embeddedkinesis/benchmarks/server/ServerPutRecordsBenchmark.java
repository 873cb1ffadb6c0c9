package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
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
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code PutRecords} throughput over loopback with the AWS SDK's sync client, {@value #BATCH_SIZE} records
 * per call from one thread, against each {@code target} (see {@link Target}); the baseline is the same calls
 * to the canned endpoint, the client's own ceiling. Scores are records per second (each invocation counts
 * as {@value #BATCH_SIZE} operations); a call with any failed record fails the run.
 *
 * <p>The requests are built before the run, as an application builds them before calling; the client's
 * marshalling of them is measured. Each iteration writes into a new, empty stream.
 *
 * <p>The warm-up is long because the client's request path is: on 2 vCPUs, scores still rose by a quarter
 * between the fifth and the tenth 2-second iteration, and against a server in its own JVM the client's JIT
 * compiler was still busy 20 to 35 seconds in (it took the calling thread's core two to four times a call,
 * counted in the thread's involuntary context switches), later than against the canned endpoint, whose
 * faster calls run the client's code more often. Forty seconds let every target reach its steady state
 * before it is measured.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 20, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServerPutRecordsBenchmark extends BenchmarkJvm {
    /** Records per call: the most one {@code PutRecords} request may carry. */
    public static final int BATCH_SIZE = PutRecordsBatches.BATCH_SIZE;

    /** For JMH. */
    public ServerPutRecordsBenchmark() {
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
            .include("^" + Pattern.quote(ServerPutRecordsBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Puts one batch to the target.
     *
     * @param state the target and the batches.
     * @return the response, for JMH to consume.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public PutRecordsResponse putRecords(final TargetState state) {
        return state.putNextBatch();
    }

    /**
     * Puts one batch to the canned endpoint.
     *
     * @param state the canned endpoint and the batches.
     * @return the response, for JMH to consume.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public PutRecordsResponse baselinePutRecords(final CannedState state) {
        return state.putNextBatch();
    }

    /** An endpoint, a client and prepared batches; the subclasses say which endpoint. */
    @State(Scope.Thread)
    public abstract static class EndpointState {
        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private PutRecordsBatches batches;
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

        /** Opens the endpoint and the client, creates the stream and builds the batches. */
        @Setup(Level.Trial)
        public void open() {
            fixture = new EndpointFixture(target(), dataSizeBytes);
            batches = new PutRecordsBatches(dataSizeBytes);
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

        final PutRecordsResponse putNextBatch() {
            return batches.putNext(fixture.client());
        }
    }

    /** The target under test. */
    @State(Scope.Thread)
    public static class TargetState extends EndpointState {
        /**
         * kinesis-server in both encodings, in the benchmark's JVM and in its own, and kinesalite in JSON, the only
         * encoding it answers in full.
         */
        @Param({"kinesis-server-json", "kinesis-server-cbor", "kinesis-server-process-json",
            "kinesis-server-process-cbor", "kinesalite-json"})
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
