package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.baseline.InMemoryKinesisHttpClient;
import io.embeddedkinesis.benchmarks.baseline.LoopbackEcho;
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
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The least a {@code PutRecord} call over loopback can take on this machine, whatever answers it, measured in
 * its two halves, which {@link ServerPutRecordBenchmark}'s latencies are read against.
 *
 * <ul>
 *   <li>{@code sdkAlone}: the AWS SDK's sync client doing all of a call but the HTTP exchange: building,
 *       marshalling and signing the request and unmarshalling the canned response, which
 *       {@link InMemoryKinesisHttpClient} hands back without a socket.</li>
 *   <li>{@code baselineLoopbackRoundTrip}: a bare TCP round trip over 127.0.0.1 ({@link LoopbackEcho}) with
 *       messages the size of a signed {@code PutRecord} request and its response, with no HTTP on either
 *       side.</li>
 * </ul>
 *
 * <p>Their sum leaves out all an HTTP client and an HTTP server do, so a real call takes longer: it is a lower
 * bound, which {@code benchmarks/server-ratios.py} sets against the {@code PutRecord} latency targets. Sample
 * mode, microseconds per call; the warm-up is {@link ServerPutRecordBenchmark}'s, for the same client.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class PutRecordFloorBenchmark extends BenchmarkJvm {
    /** The bytes of a signed {@code PutRecord} request with 100 bytes of data, HTTP head and body. */
    static final int REQUEST_BYTES = 1_100;
    /** The bytes of its response, HTTP head and body. */
    static final int RESPONSE_BYTES = 300;

    /** For JMH. */
    public PutRecordFloorBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(PutRecordFloorBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * One {@code PutRecord} call through the SDK, answered in memory.
     *
     * @param state the client and the requests.
     * @return the response, for JMH to consume.
     */
    @Benchmark
    public PutRecordResponse sdkAlone(final SdkState state) {
        return state.putNext();
    }

    /**
     * One request-sized message to a thread over loopback, and its response-sized answer.
     *
     * @param state the connection.
     * @return the answer's size, for JMH to consume.
     */
    @Benchmark
    public int baselineLoopbackRoundTrip(final LoopbackState state) {
        return state.echo.roundTrip();
    }

    /** A client answered in memory, and {@link ServerPutRecordBenchmark}'s requests. */
    @State(Scope.Thread)
    public static class SdkState {
        /** The encoding, {@code json} or {@code cbor}. */
        @Param({"json", "cbor"})
        public String encoding;

        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private PutRecordRequest[] requests;
        private int next;
        private KinesisClient client;

        /** For JMH. */
        public SdkState() {
        }

        /** Builds the client and takes the requests. */
        @Setup(Level.Trial)
        public void open() {
            client = KinesisClients.inMemory(new InMemoryKinesisHttpClient(1, 1, dataSizeBytes),
                Target.parse("canned-" + encoding).cbor());
            requests = ServerPutRecordBenchmark.requests(dataSizeBytes);
        }

        /** Closes the client. */
        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }

        final PutRecordResponse putNext() {
            final PutRecordResponse response = client.putRecord(requests[next]);
            next = (next + 1) % requests.length;
            return response;
        }
    }

    /** A loopback connection with a responder at its far end. */
    @State(Scope.Thread)
    public static class LoopbackState {
        private LoopbackEcho echo;

        /** For JMH. */
        public LoopbackState() {
        }

        /** Opens the connection. */
        @Setup(Level.Trial)
        public void open() {
            echo = LoopbackEcho.start(REQUEST_BYTES, RESPONSE_BYTES);
        }

        /** Closes it, which ends the responder. */
        @TearDown(Level.Trial)
        public void close() {
            echo.close();
        }
    }
}
