package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.StartingPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Enhanced fan-out: three consumers of one stream, each pushed every record of every shard, at its own pace.
 * A producer puts quotes (each stamped with the time it was put) into the {@value #SHARD_COUNT}-shard stream
 * {@value #STREAM_NAME}; the consumers {@code dashboard} and {@code risk-engine} handle each event on the
 * broker's fan-out thread, while {@code archiver} is slow on purpose: it hands each event to a thread of its
 * own and asks for the next one only when that thread is done, so it falls behind without slowing the other
 * two and without the broker buffering anything for it. At the end the program reports, per consumer, the
 * records received, duplicates, misses and the put-to-delivery latency, and exits with status 0 if every
 * consumer received every record exactly once.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -DskipTests package exec:exec -Dexample=FanOutDemo}, or
 * directly with the Chronicle JVM flags and {@code [directory] [duration]} arguments; without a directory it
 * uses a temporary one.
 */
public final class FanOutDemo {
    /** The stream the quotes go through. */
    public static final String STREAM_NAME = "quotes";
    /** The registered consumers, each with its own subscription to every shard. */
    public static final List<String> CONSUMER_NAMES = List.of("dashboard", "risk-engine", "archiver");
    /** The consumer that works on its own thread and lags. */
    public static final String SLOW_CONSUMER = "archiver";
    /** How long the slow consumer spends on each record. */
    public static final Duration SLOW_WORK_PER_RECORD = Duration.ofNanos(1_500_000);

    private static final Logger LOG = LoggerFactory.getLogger(FanOutDemo.class);
    private static final int SHARD_COUNT = 2;
    private static final int BATCH = 20;
    private static final long BATCH_INTERVAL_NS = 20_000_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final String[] SYMBOLS = {"AMZN", "MSFT", "NVDA", "AAPL", "GOOG", "META", "TSLA"};

    private FanOutDemo() {
    }

    /**
     * Runs the demo and exits with status 1 unless every consumer received every record exactly once.
     *
     * @param args optionally the directory, then how long the producer runs (e.g. {@code 5s}).
     */
    public static void main(final String[] args) {
        final Path directory = args.length > 0 ? Path.of(args[0]) : null;
        final Duration duration = ClickstreamDemo.parseDuration(args.length > 1 ? args[1] : "5s");
        final List<FanOutSummary> summaries = run(directory, duration);
        if (!summaries.stream().allMatch(FanOutSummary::receivedEachOnce)) {
            System.exit(1);
        }
    }

    /**
     * Registers the consumers, subscribes each to every shard at {@code LATEST}, produces quotes for the given
     * time, waits until every consumer has received them all (or gives up after a minute), and reports.
     *
     * @param directory where the broker keeps its files, or null for a temporary directory.
     * @param duration  how long the producer runs.
     * @return one summary per consumer, in {@link #CONSUMER_NAMES} order.
     */
    public static List<FanOutSummary> run(final Path directory, final Duration duration) {
        try (KinesisBroker kinesis = directory == null ? KinesisBroker.open() : KinesisBroker.open(directory)) {
            if (!kinesis.listStreams().streamNames().contains(STREAM_NAME)) {
                kinesis.createStream(STREAM_NAME, SHARD_COUNT);
            }
            final String streamArn = kinesis.describeStreamSummary(STREAM_NAME).streamARN();
            // Consumers are kept in the broker's directory: a second run on it finds them registered.
            final Map<String, Consumer> registered = kinesis.listStreamConsumers(streamArn).consumers().stream()
                .collect(Collectors.toMap(Consumer::consumerName, c -> c));
            final List<String> shardIds = kinesis.listShards(STREAM_NAME).shards().stream().map(Shard::shardId)
                .toList();
            final List<FanOutTap> taps = new ArrayList<>();
            for (final String name : CONSUMER_NAMES) {
                final Consumer consumer = registered.containsKey(name) ? registered.get(name)
                    : kinesis.registerStreamConsumer(streamArn, name);
                final FanOutTap tap = new FanOutTap(name,
                    name.equals(SLOW_CONSUMER) ? SLOW_WORK_PER_RECORD : Duration.ZERO);
                for (final String shardId : shardIds) {
                    // Positions are fixed when SubscribeToShard is called: LATEST is "after what is there now".
                    kinesis.subscribeToShard(consumer.consumerARN(), shardId, StartingPosition.latest())
                        .subscribe(tap.subscriberFor(shardId));
                }
                taps.add(tap);
            }
            LOG.info("{} consumers subscribed to the {} shards of '{}'; producing for {} s", taps.size(),
                shardIds.size(), STREAM_NAME, duration.toMillis() / 1000.0);
            final int produced = produce(kinesis, duration);
            awaitAll(taps, produced);
            final List<FanOutSummary> summaries = new ArrayList<>();
            LOG.info("Produced {} quotes. Per consumer (latency: put to delivery to the consumer's code):", produced);
            LOG.info(String.format("  %-12s %9s %10s %7s %9s %9s %9s", "consumer", "received", "duplicates",
                "missing", "p50 us", "p99 us", "max us"));
            for (final FanOutTap tap : taps) {
                final FanOutSummary summary = tap.close(produced);
                summaries.add(summary);
                LOG.info(String.format("  %-12s %9d %10d %7d %9d %9d %9d", summary.consumerName(),
                    summary.received(), summary.duplicates(), summary.missing(), summary.p50Micros(),
                    summary.p99Micros(), summary.maxMicros()));
            }
            LOG.info("'{}' lagged behind and caught up on its own thread; the others were not held up by it, and"
                + " the broker buffered nothing for it: what it had not asked for stayed in the log", SLOW_CONSUMER);
            return summaries;
        }
    }

    /** Puts numbered quotes in batches, each stamped with {@link System#nanoTime()} when put. */
    private static int produce(final KinesisBroker kinesis, final Duration duration) {
        final long endNs = System.nanoTime() + duration.toNanos();
        int next = 0;
        while (System.nanoTime() < endNs) {
            final List<PutRecordsRequestEntry> entries = new ArrayList<>(BATCH);
            final long putNs = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                final int number = next + i;
                final String symbol = SYMBOLS[number % SYMBOLS.length];
                entries.add(PutRecordsRequestEntry.of(symbol, FanOutTap.quote(number, putNs, symbol)));
            }
            final PutRecordsResult result = kinesis.putRecords(STREAM_NAME, entries);
            if (result.failedRecordCount() > 0) {
                throw new IllegalStateException("a batch of " + BATCH + " quotes every 20 ms was throttled");
            }
            next += BATCH;
            LockSupport.parkNanos(BATCH_INTERVAL_NS);
        }
        return next;
    }

    private static void awaitAll(final List<FanOutTap> taps, final int produced) {
        final long giveUpNs = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!taps.stream().allMatch(tap -> tap.distinctReceived() >= produced) && System.nanoTime() < giveUpNs) {
            LockSupport.parkNanos(20_000_000);
        }
    }

    /** The quote number a record's data starts with. */
    static int quoteNumber(final byte[] data) {
        return ByteBuffer.wrap(data).getInt(0);
    }
}
