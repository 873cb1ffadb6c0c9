package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
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
 * Enhanced fan-out throughput: one {@code PutRecords} of {@value #BATCH_SIZE} records, timed until every one
 * of {@code consumers} subscriptions to the shard has received them all. The baseline appends the same
 * entries to a raw Chronicle Queue and waits until as many tailers, served by one thread as the broker's
 * subscriptions are, have read them all. Scores are records put and delivered to every consumer per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SubscribeToShardThroughputBenchmark extends BenchmarkJvm {
    /** Records per invocation: one PutRecords call. */
    public static final int BATCH_SIZE = 500;

    private static final long KEY_SEED = 37;
    private static final long DATA_SEED = 41;
    private static final long LIFETIME_MS = 24 * 3_600_000L;

    /** For JMH. */
    public SubscribeToShardThroughputBenchmark() {
    }

    /**
     * Runs this class's benchmarks with their annotated settings.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(SubscribeToShardThroughputBenchmark.class.getName()) + "\\.")
            .build()).run();
    }

    /**
     * Puts a batch and waits until every subscriber has it.
     *
     * @param state the broker and its subscribers.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public void putRecordsToSubscribers(final BrokerState state) {
        if (state.broker.putRecords(BrokerFixture.STREAM_NAME, state.batch).failedRecordCount() != 0) {
            throw new IllegalStateException("a put failed");
        }
        state.sent += BATCH_SIZE;
        for (final CountingSubscriber subscriber : state.subscribers) {
            subscriber.awaitReceived(state.sent);
        }
    }

    /**
     * Appends a batch to a raw Chronicle Queue and waits until every tailer has read it.
     *
     * @param state the queue and its tailing thread.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public void baselineAppendToTailers(final BaselineState state) {
        for (int i = 0; i < BATCH_SIZE; i++) {
            state.fixture.log().append(state.keys[i], state.data);
        }
        state.sent += BATCH_SIZE;
        state.tail.awaitRead(state.sent);
    }

    /** A broker with a one-shard stream and its subscribers. */
    @State(Scope.Thread)
    public static class BrokerState {
        /** How many consumers subscribe to the shard. */
        @Param({"1", "4"})
        public int consumers;

        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private BrokerFixture fixture;
        private KinesisBroker broker;
        private final List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH_SIZE);
        private final List<CountingSubscriber> subscribers = new ArrayList<>();
        private long sent;
        private int iteration;

        /** For JMH. */
        public BrokerState() {
        }

        /** Opens the broker and makes the batch. */
        @Setup(Level.Trial)
        public void open() {
            fixture = new BrokerFixture(1, builder -> builder.subscriptionLifetimeMs(LIFETIME_MS));
            broker = fixture.broker();
            final PartitionKeys keys = new PartitionKeys(KEY_SEED);
            final byte[] data = Payloads.random(dataSizeBytes, DATA_SEED);
            for (int i = 0; i < BATCH_SIZE; i++) {
                batch.add(PutRecordsRequestEntry.of(keys.nextKey(), data));
            }
        }

        /** Subscribes the consumers to a fresh stream. */
        @Setup(Level.Iteration)
        public void subscribe() {
            fixture.recreateStream();
            subscribers.clear();
            for (int i = 0; i < consumers; i++) {
                subscribers.add(FanOut.subscribe(broker, "consumer-" + iteration + "-" + i));
            }
            iteration++;
            sent = 0;
        }

        /** Closes the broker and deletes its directory. */
        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }
    }

    /** A raw Chronicle Queue and one thread tailing it with as many tailers as there are consumers. */
    @State(Scope.Thread)
    public static class BaselineState {
        /** How many tailers read the queue. */
        @Param({"1", "4"})
        public int consumers;

        /** The data's length in bytes. */
        @Param({"100"})
        public int dataSizeBytes;

        private RawLogFixture fixture;
        private RawTailThread tail;
        private byte[][] keys;
        private byte[] data;
        private long sent;

        /** For JMH. */
        public BaselineState() {
        }

        /** Opens a fresh queue and starts tailing it. */
        @Setup(Level.Iteration)
        public void open() {
            fixture = new RawLogFixture();
            tail = new RawTailThread(fixture.log(), consumers);
            final PartitionKeys partitionKeys = new PartitionKeys(KEY_SEED);
            keys = new byte[BATCH_SIZE][];
            for (int i = 0; i < BATCH_SIZE; i++) {
                keys[i] = partitionKeys.nextKeyUtf8();
            }
            data = Payloads.random(dataSizeBytes, DATA_SEED);
            sent = 0;
        }

        /** Stops the tailers, closes the queue and deletes its directory. */
        @TearDown(Level.Iteration)
        public void close() {
            tail.close();
            fixture.close();
        }
    }
}
