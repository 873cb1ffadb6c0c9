package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.application.ApplicationConfig;
import io.embeddedkinesis.core.application.ConsumerApplication;
import io.embeddedkinesis.core.application.InitialPosition;
import io.embeddedkinesis.core.application.InitializationInput;
import io.embeddedkinesis.core.application.KinesisClientRecord;
import io.embeddedkinesis.core.application.Lease;
import io.embeddedkinesis.core.application.LeaseLostInput;
import io.embeddedkinesis.core.application.PollingConfig;
import io.embeddedkinesis.core.application.ProcessRecordsInput;
import io.embeddedkinesis.core.application.ShardEndedInput;
import io.embeddedkinesis.core.application.ShardRecordProcessor;
import io.embeddedkinesis.core.application.ShutdownRequestedInput;
import io.embeddedkinesis.core.application.Worker;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A consumer application that survives a worker being stopped. Two workers of the application
 * {@value #APPLICATION_NAME} share the four shards of stream {@value #STREAM_NAME}, checkpointing after each
 * batch, while a producer puts numbered orders. Midway, {@code worker-1} is halted as if its process
 * died: it releases nothing. Once its leases expire ({@value #FAILOVER_MS} ms without renewal),
 * {@code worker-2} takes them and resumes each shard after its last checkpoint. At the end the program
 * reports how many orders each worker processed and how many were delivered twice (those processed by
 * {@code worker-1} after its last checkpoint), and exits with status 0 if every order was processed at
 * least once.
 *
 * <p>Run it with
 * {@code mvn -q -pl examples -am -DskipTests package exec:exec -Dexample=ConsumerFailoverDemo}, or
 * directly with the Chronicle JVM flags and {@code [directory] [duration]} arguments; without a directory
 * it uses a temporary one.
 */
public final class ConsumerFailoverDemo {
    /** The stream the orders go through. */
    public static final String STREAM_NAME = "orders";
    /** The consumer application, which names its lease table. */
    public static final String APPLICATION_NAME = "order-processor";
    /** How long a halted worker's leases take to expire: short, for a demo. */
    public static final long FAILOVER_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerFailoverDemo.class);
    private static final int SHARD_COUNT = 4;
    private static final int BATCH = 50;
    private static final long BATCH_INTERVAL_MS = 100;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private ConsumerFailoverDemo() {
    }

    /**
     * Runs the demo and exits with status 1 unless every order was processed.
     *
     * @param args optionally the directory, then how long the producer runs (e.g. {@code 6s}).
     */
    public static void main(final String[] args) {
        final Path directory = args.length > 0 ? Path.of(args[0]) : null;
        final Duration duration = ClickstreamDemo.parseDuration(args.length > 1 ? args[1] : "6s");
        final FailoverSummary summary = run(directory, duration);
        if (!summary.everyOrderProcessed()) {
            System.exit(1);
        }
    }

    /**
     * Produces orders for the given time while two workers consume them, halts the first worker halfway,
     * waits for every order to be processed (or gives up after 30 s), and reports.
     *
     * @param directory where the broker keeps its files, or null for a temporary directory.
     * @param duration  how long the producer runs.
     * @return what was produced and processed, by worker.
     */
    public static FailoverSummary run(final Path directory, final Duration duration) {
        try (KinesisBroker kinesis = directory == null ? KinesisBroker.open() : KinesisBroker.open(directory)) {
            kinesis.createStream(STREAM_NAME, SHARD_COUNT);
            final Ledger ledger = new Ledger();
            final ApplicationConfig config = ApplicationConfig.builder(APPLICATION_NAME, STREAM_NAME,
                    shardId -> new OrderProcessor(ledger))
                .initialPosition(InitialPosition.TRIM_HORIZON)
                .failoverTimeMillis(FAILOVER_MS)
                .retrievalFactory(new PollingConfig(1_000, 200))
                .build();
            try (ConsumerApplication application = ConsumerApplication.open(kinesis, config)) {
                final Worker first = application.startWorker("worker-1");
                final Worker second = application.startWorker("worker-2");
                final int produced = produce(kinesis, duration, () -> {
                    LOG.info("Halting worker-1, which held {}; worker-2 holds {}", first.heldShardIds(),
                        second.heldShardIds());
                    application.haltWorker(first);
                });
                awaitAllProcessed(ledger, produced);
                final FailoverSummary summary = ledger.summarize(produced, application.leases());
                LOG.info("Produced {} orders; processed {} of them: worker-1 {}, worker-2 {}; {} delivered twice"
                        + " (processed after worker-1's last checkpoint); leases now held by {}",
                    produced, summary.distinctProcessed(), summary.processedByFirst(), summary.processedBySecond(),
                    summary.redelivered(), summary.leaseOwners());
                return summary;
            }
        }
    }

    /** Puts numbered orders in batches; runs {@code halfway} once, half the time in. */
    private static int produce(final KinesisBroker kinesis, final Duration duration, final Runnable halfway) {
        final long startNs = System.nanoTime();
        final long halfwayNs = startNs + duration.toNanos() / 2;
        final long endNs = startNs + duration.toNanos();
        boolean halted = false;
        int next = 0;
        while (System.nanoTime() < endNs) {
            final List<PutRecordsRequestEntry> entries = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                final String order = "order-" + (next + i);
                entries.add(PutRecordsRequestEntry.of("customer-" + (next + i) % 97,
                    order.getBytes(StandardCharsets.UTF_8)));
            }
            final PutRecordsResult result = kinesis.putRecords(STREAM_NAME, entries);
            if (result.failedRecordCount() > 0) {
                throw new IllegalStateException("a batch of 50 orders a tenth of a second was throttled");
            }
            next += BATCH;
            if (!halted && System.nanoTime() >= halfwayNs) {
                halfway.run();
                halted = true;
            }
            LockSupport.parkNanos(BATCH_INTERVAL_MS * 1_000_000);
        }
        return next;
    }

    private static void awaitAllProcessed(final Ledger ledger, final int produced) {
        final long giveUpNs = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (ledger.deliveries.size() < produced && System.nanoTime() < giveUpNs) {
            LockSupport.parkNanos(50_000_000);
        }
    }

    /** Counts deliveries per order and per worker; shared by every processor, on every worker thread. */
    private static final class Ledger {
        private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        private final AtomicInteger byFirst = new AtomicInteger();
        private final AtomicInteger bySecond = new AtomicInteger();

        void onOrder(final String order) {
            deliveries.computeIfAbsent(order, o -> new AtomicInteger()).incrementAndGet();
            // Workers run on threads named after their role, "consumer-<application>-<worker id>".
            (Thread.currentThread().getName().endsWith("worker-1") ? byFirst : bySecond).incrementAndGet();
        }

        FailoverSummary summarize(final int produced, final List<Lease> leases) {
            int redelivered = 0;
            for (final AtomicInteger count : deliveries.values()) {
                redelivered += count.get() - 1;
            }
            final List<String> owners = leases.stream().map(Lease::leaseOwner).toList();
            return new FailoverSummary(produced, deliveries.size(), byFirst.get(), bySecond.get(), redelivered,
                owners);
        }
    }

    /** Processes orders (here: counts them) and checkpoints after each batch. */
    private static final class OrderProcessor implements ShardRecordProcessor {
        private final Ledger ledger;

        OrderProcessor(final Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public void initialize(final InitializationInput input) {
            LOG.info("{} starts {} after checkpoint {}", Thread.currentThread().getName(), input.shardId(),
                input.extendedSequenceNumber().sequenceNumber());
        }

        @Override
        public void processRecords(final ProcessRecordsInput input) {
            for (final KinesisClientRecord record : input.records()) {
                ledger.onOrder(new String(record.data(), StandardCharsets.UTF_8));
            }
            input.checkpointer().checkpoint();
        }

        @Override
        public void leaseLost(final LeaseLostInput input) {
            LOG.info("{} lost the lease of {}", Thread.currentThread().getName(), input.shardId());
        }

        @Override
        public void shardEnded(final ShardEndedInput input) {
            input.checkpointer().checkpoint();
        }

        @Override
        public void shutdownRequested(final ShutdownRequestedInput input) {
            input.checkpointer().checkpoint();
        }
    }
}
