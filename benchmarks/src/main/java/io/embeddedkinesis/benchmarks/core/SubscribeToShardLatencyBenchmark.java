package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
import io.embeddedkinesis.core.KinesisBroker;
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
 * Put-to-subscriber latency of enhanced fan-out: one {@code PutRecord}, timed until the record has reached a
 * {@code SubscribeToShard} subscriber on the broker's fan-out thread, in JMH's sample mode (p50, p99, ...).
 * The baseline is raw Chronicle's append-to-tail: one append, timed until a tailer spinning on another thread
 * has read the entry. Both sides hand a record from the benchmark thread to another thread through a
 * memory-mapped queue; the library adds the put path (validation, routing, the shard's lock), the append
 * signal, and the subscription's read and event.
 *
 * <p>Each iteration starts from a fresh stream and subscription (or a fresh queue and tailer).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SubscribeToShardLatencyBenchmark extends BenchmarkJvm {
    private static final long KEY_SEED = 29;
    private static final long DATA_SEED = 31;
    /** Longer than any run, so no subscription completes during one (the default is 5 minutes). */
    private static final long LIFETIME_MS = 24 * 3_600_000L;

    /** For JMH. */
    public SubscribeToShardLatencyBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(SubscribeToShardLatencyBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Puts one record and waits until the subscriber has it.
     *
     * @param state the broker and its subscriber.
     */
    @Benchmark
    public void putToSubscriber(final BrokerState state) {
        state.broker.putRecord(BrokerFixture.STREAM_NAME, state.keys.nextKey(), state.data);
        state.subscriber.awaitReceived(++state.sent);
    }

    /**
     * Appends one entry to a raw Chronicle Queue and waits until a tailer on another thread has read it.
     *
     * @param state the queue and its tailing thread.
     */
    @Benchmark
    public void baselineAppendToTailer(final BaselineState state) {
        state.fixture.log().append(state.keys.nextKeyUtf8(), state.data);
        state.tail.awaitRead(++state.sent);
    }

    /** A broker with a one-shard stream and one subscription to it. */
    @State(Scope.Thread)
    public static class BrokerState {
        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private BrokerFixture fixture;
        private KinesisBroker broker;
        private PartitionKeys keys;
        private byte[] data;
        private CountingSubscriber subscriber;
        private long sent;
        private int iteration;

        /** For JMH. */
        public BrokerState() {
        }

        /** Opens the broker. */
        @Setup(Level.Trial)
        public void open() {
            fixture = new BrokerFixture(1, builder -> builder.subscriptionLifetimeMs(LIFETIME_MS));
            broker = fixture.broker();
            keys = new PartitionKeys(KEY_SEED);
            data = Payloads.random(dataSizeBytes, DATA_SEED);
        }

        /** Starts a subscription on a fresh stream. */
        @Setup(Level.Iteration)
        public void subscribe() {
            fixture.recreateStream();
            subscriber = FanOut.subscribe(broker, "consumer-" + iteration++);
            sent = 0;
        }

        /** Closes the broker and deletes its directory. */
        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }
    }

    /** A raw Chronicle Queue and a thread tailing it. */
    @State(Scope.Thread)
    public static class BaselineState {
        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private RawLogFixture fixture;
        private RawTailThread tail;
        private PartitionKeys keys;
        private byte[] data;
        private long sent;

        /** For JMH. */
        public BaselineState() {
        }

        /** Opens a fresh queue and starts tailing it. */
        @Setup(Level.Iteration)
        public void open() {
            fixture = new RawLogFixture();
            tail = new RawTailThread(fixture.log(), 1);
            keys = new PartitionKeys(KEY_SEED);
            data = Payloads.random(dataSizeBytes, DATA_SEED);
            sent = 0;
        }

        /** Stops the tailer, closes the queue and deletes its directory. */
        @TearDown(Level.Iteration)
        public void close() {
            tail.close();
            fixture.close();
        }
    }
}
