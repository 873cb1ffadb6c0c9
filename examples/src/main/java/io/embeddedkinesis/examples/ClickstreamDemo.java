package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StreamDescriptionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's main demo: a clickstream. Several producer threads put JSON page views (user id, page,
 * timestamp; the user id is the partition key) into a 4-shard stream with {@code PutRecords}, and one
 * reader thread per shard polls it with {@code GetRecords}, with Kinesis's default limits on. It logs
 * per-shard counts and throughput about once a second, then a summary that accounts for every record.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -DskipTests package exec:exec}, or directly:
 * <pre>
 *   java &lt;Chronicle JVM flags&gt; -cp ... io.embeddedkinesis.examples.ClickstreamDemo [directory] [duration]
 * </pre>
 * The directory defaults to {@code embedded-kinesis-data} under the working directory (system property
 * {@code clickstream.directory}); the duration to 10 seconds (system property {@code clickstream.duration};
 * e.g. {@code 30s}, {@code 500ms}, {@code 2m}, {@code PT1M}). The data stays in the directory: the next
 * run reopens the stream with its records. The program exits with status 0 if every record produced in
 * the run was consumed exactly once, and 1 otherwise.
 *
 * <p>What it shows: a shard takes 1,000 records a second, so four shards cap the stream near 4,000 a
 * second however fast the producers go; over that, single entries of a {@code PutRecords} call fail with
 * {@code ProvisionedThroughputExceededException} and the producers put them again after a backoff. The
 * readers keep to 5 calls a second per shard and still keep up, since one call returns up to 10,000
 * records.
 */
public final class ClickstreamDemo {
    /** The stream the demo writes and reads. */
    public static final String STREAM_NAME = "clickstream";
    /** The shards of a new stream. */
    public static final int SHARD_COUNT = 4;
    /** Where the data goes unless told otherwise, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("embedded-kinesis-data");
    /** How long producers put records unless told otherwise. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ClickstreamDemo.class);
    private static final int PRODUCER_COUNT = 4;
    /** How long readers may take, after the producers stop, to read what is left. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    private ClickstreamDemo() {
    }

    /**
     * Runs the demo and exits with status 1 unless every record was consumed exactly once.
     *
     * @param args optionally the directory, then the duration (e.g. {@code 30s}).
     */
    public static void main(final String[] args) {
        final Path directory = Path.of(args.length > 0 ? args[0]
            : System.getProperty("clickstream.directory", DEFAULT_DIRECTORY.toString()));
        final Duration duration = args.length > 1 ? parseDuration(args[1])
            : parseDuration(System.getProperty("clickstream.duration", DEFAULT_DURATION.toSeconds() + "s"));
        final ClickstreamSummary summary = run(directory, duration);
        if (!summary.exactlyOnce()) {
            System.exit(1);
        }
    }

    /**
     * Opens a broker on the directory, creates the stream (or reopens it, with the records of earlier
     * runs), produces page views for the given time while the readers consume them, waits for the readers
     * to drain every shard, and closes the broker.
     *
     * @param directory where the broker keeps its files; created if missing, reopened if not.
     * @param duration  how long the producers put records.
     * @return what was produced and consumed on each shard.
     */
    public static ClickstreamSummary run(final Path directory, final Duration duration) {
        return run(directory, duration, ShardLimits.KINESIS_DEFAULTS);
    }

    /**
     * Runs the demo with other per-shard limits, e.g. lower ones so that even a slow machine sees
     * throttling.
     *
     * @param directory where the broker keeps its files; created if missing, reopened if not.
     * @param duration  how long the producers put records.
     * @param limits    the shards' limits.
     * @return what was produced and consumed on each shard.
     */
    public static ClickstreamSummary run(final Path directory, final Duration duration, final ShardLimits limits) {
        try (KinesisBroker kinesis = KinesisBroker.open(BrokerConfig.builder().directory(directory)
            .shardLimits(limits).build())) {
            final boolean reopened = createOrReopen(kinesis);
            final List<String> shardIds = kinesis.listShards(STREAM_NAME).shards().stream()
                .map(Shard::shardId).toList();
            final ClickstreamSummary summary = produceAndConsume(kinesis, shardIds, reopened, duration);
            logSummary(summary, kinesis.directory());
            return summary;
        }
    }

    private static boolean createOrReopen(final KinesisBroker kinesis) {
        final Path where = kinesis.directory().toAbsolutePath();
        try {
            kinesis.createStream(STREAM_NAME, SHARD_COUNT);
            LOG.info("Created stream '{}' with {} shards in {}; it and its records stay there for the next run",
                STREAM_NAME, SHARD_COUNT, where);
            return false;
        } catch (final ResourceInUseException ex) {
            final StreamDescriptionSummary stream = kinesis.describeStreamSummary(STREAM_NAME);
            LOG.info("Reopened {}: stream '{}' ({} shards, created {}, retention {} h) was kept with its records",
                where, STREAM_NAME, stream.openShardCount(), stream.streamCreationTimestamp(),
                stream.retentionPeriodHours());
            logOldestRecord(kinesis);
            return true;
        }
    }

    private static void logOldestRecord(final KinesisBroker kinesis) {
        final String shardId = kinesis.listShards(STREAM_NAME).shards().get(0).shardId();
        final String iterator = kinesis.getShardIterator(STREAM_NAME, shardId, ShardIteratorType.TRIM_HORIZON);
        final GetRecordsResult oldest = kinesis.getRecords(new GetRecordsRequest(iterator, 1, null));
        for (final Record record : oldest.records()) {
            LOG.info("Oldest record kept on {}: put at {}: {}", shardId, record.approximateArrivalTimestamp(),
                new String(record.data(), StandardCharsets.UTF_8));
        }
        LOG.info("Readers start at LATEST, so this run counts only its own records");
    }

    private static ClickstreamSummary produceAndConsume(final KinesisBroker kinesis, final List<String> shardIds,
        final boolean reopened, final Duration duration) {
        final ClickstreamLedger ledger = new ClickstreamLedger(shardIds);
        // LATEST is taken before any producer starts, so the readers see exactly this run's records.
        final List<String> iterators = shardIds.stream()
            .map(shardId -> kinesis.getShardIterator(STREAM_NAME, shardId, ShardIteratorType.LATEST)).toList();
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + duration.toNanos();
        final long giveUpAtNs = deadlineNs + DRAIN_TIMEOUT.toNanos();
        final AtomicBoolean producersDone = new AtomicBoolean();
        final ProgressReporter reporter = new ProgressReporter(ledger, startNs);
        final ExecutorService readerPool = Executors.newFixedThreadPool(shardIds.size(), named("reader"));
        final ExecutorService producerPool = Executors.newFixedThreadPool(PRODUCER_COUNT, named("producer"));
        final ScheduledExecutorService reporterPool = Executors.newSingleThreadScheduledExecutor(named("progress"));
        try {
            final List<Future<Long>> readers = new ArrayList<>();
            for (int i = 0; i < shardIds.size(); i++) {
                readers.add(readerPool.submit(new ShardReader(
                    kinesis, shardIds.get(i), iterators.get(i), producersDone::get, giveUpAtNs, ledger)));
            }
            final List<Future<Long>> producers = new ArrayList<>();
            for (int n = 1; n <= PRODUCER_COUNT; n++) {
                producers.add(producerPool.submit(new PageViewProducer(kinesis, STREAM_NAME, n, deadlineNs, ledger)));
            }
            reporterPool.scheduleAtFixedRate(reporter, 1, 1, TimeUnit.SECONDS);
            LOG.info("{} producers put page views for {} s; {} readers poll their shard every 200 ms",
                PRODUCER_COUNT, duration.toMillis() / 1000.0, shardIds.size());
            awaitAll(producers);
            producersDone.set(true);
            LOG.info("Producers stopped; readers drain what is left");
            awaitAll(readers);
        } finally {
            reporterPool.shutdownNow();
            producerPool.shutdownNow();
            readerPool.shutdownNow();
            awaitTermination(reporterPool, producerPool, readerPool);
        }
        reporter.run();
        return ledger.summarize(STREAM_NAME, reopened, Duration.ofNanos(System.nanoTime() - startNs));
    }

    private static void awaitAll(final List<Future<Long>> workers) {
        try {
            for (final Future<Long> worker : workers) {
                worker.get();
            }
        } catch (final ExecutionException ex) {
            throw new IllegalStateException("a clickstream worker failed", ex.getCause());
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the clickstream workers", ex);
        }
    }

    private static void awaitTermination(final ExecutorService... pools) {
        try {
            for (final ExecutorService pool : pools) {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("A clickstream worker did not stop within 10 s");
                }
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(final String role) {
        final AtomicInteger count = new AtomicInteger();
        return task -> {
            final Thread thread = new Thread(task, "clickstream-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void logSummary(final ClickstreamSummary summary, final Path directory) {
        LOG.info("Stream '{}' after {} s (data kept in {}):", summary.streamName(),
            String.format(Locale.ROOT, "%.1f", summary.elapsed().toMillis() / 1000.0), directory.toAbsolutePath());
        LOG.info(String.format(Locale.ROOT, "  %-22s %9s %9s %10s %8s %7s",
            "shard", "produced", "consumed", "duplicates", "missing", "strays"));
        for (final ClickstreamSummary.ShardSummary shard : summary.shards()) {
            LOG.info(String.format(Locale.ROOT, "  %-22s %9d %9d %10d %8d %7d", shard.shardId(),
                shard.produced(), shard.consumed(), shard.duplicates(), shard.missing(), shard.strays()));
        }
        LOG.info(String.format(Locale.ROOT, "  %-22s %9d %9d", "total", summary.produced(), summary.consumed()));
        LOG.info("{} record puts were throttled (ProvisionedThroughputExceededException) and put again; "
            + "{} GetRecords calls were throttled", summary.retriedPuts(), summary.throttledReads());
        if (summary.exactlyOnce()) {
            LOG.info("Every one of the {} records produced was consumed exactly once", summary.produced());
        } else {
            LOG.error("Records were lost, duplicated or misrouted: see the table above");
        }
    }

    /**
     * Reads a duration written as {@code 10s}, {@code 500ms}, {@code 2m}, {@code 10} (seconds) or ISO-8601
     * ({@code PT10S}).
     *
     * @param text the duration.
     * @return the duration, positive.
     * @throws IllegalArgumentException if the text is not such a duration.
     */
    static Duration parseDuration(final String text) {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        final Duration duration;
        try {
            if (value.startsWith("pt")) {
                duration = Duration.parse(value);
            } else if (value.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            } else if (value.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            } else {
                duration = Duration.ofSeconds(Long.parseLong(value));
            }
        } catch (final NumberFormatException | DateTimeParseException ex) {
            throw new IllegalArgumentException("duration must look like 10s, 500ms, 2m or PT10S: duration=" + text, ex);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: duration=" + text);
        }
        return duration;
    }
}
