package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import org.agrona.collections.LongArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One consumer of {@link FanOutDemo}: a {@link Flow.Subscriber} per shard, all recording into one tally of
 * which quotes arrived and how long after their put.
 *
 * <p>A consumer without work per record handles each event on the broker's fan-out thread and asks for the
 * next at once. A slow consumer must not block that thread, which pushes to every subscriber: it hands each
 * event to a thread of its own and asks for the next event only when that thread has finished, so there is
 * never more than one event per shard waiting for it, however far behind it falls.
 */
final class FanOutTap {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutTap.class);

    private final String consumerName;
    private final long workNsPerRecord;
    private final ExecutorService worker;
    private final BitSet seen = new BitSet();
    private final LongArrayList latenciesNs = new LongArrayList();
    private int received;
    private volatile boolean closing;

    /**
     * @param consumerName     the registered consumer's name.
     * @param workPerRecord    how long handling a record takes; zero handles events on the fan-out thread.
     */
    FanOutTap(final String consumerName, final Duration workPerRecord) {
        this.consumerName = consumerName;
        this.workNsPerRecord = workPerRecord.toNanos();
        this.worker = workNsPerRecord == 0 ? null
            : Executors.newSingleThreadExecutor(r -> new Thread(r, "fanout-demo-" + consumerName));
    }

    /** The data of quote {@code number}: the number, the put time in nanoseconds, then the quote as text. */
    static byte[] quote(final int number, final long putNs, final String symbol) {
        final byte[] text = ("{\"symbol\":\"" + symbol + "\",\"price\":" + (100 + number % 50) + "}")
            .getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + Long.BYTES + text.length).putInt(number).putLong(putNs).put(text)
            .array();
    }

    /** A subscriber for this consumer's subscription to one shard. */
    Flow.Subscriber<SubscribeToShardEvent> subscriberFor(final String shardId) {
        return new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(final Flow.Subscription given) {
                subscription = given;
                subscription.request(1);
            }

            @Override
            public void onNext(final SubscribeToShardEvent event) {
                if (worker == null) {
                    handle(event);
                    subscription.request(1);
                } else {
                    worker.execute(() -> {          // off the fan-out thread; the next event is asked for after
                        handle(event);
                        subscription.request(1);
                    });
                }
            }

            @Override
            public void onError(final Throwable error) {
                LOG.error("{}'s subscription to {} failed", consumerName, shardId, error);
            }

            @Override
            public void onComplete() {
                if (!closing) {    // after 5 minutes; a longer-lived consumer would subscribe again after the
                    LOG.info("{}'s subscription to {} completed", consumerName, shardId);   // last continuation
                }
            }
        };
    }

    private void handle(final SubscribeToShardEvent event) {
        for (final Record record : event.records()) {
            if (workNsPerRecord > 0) {
                LockSupport.parkNanos(workNsPerRecord);   // e.g. writing the quote to an archive
            }
            final ByteBuffer data = ByteBuffer.wrap(record.data());
            record(data.getInt(0), System.nanoTime() - data.getLong(Integer.BYTES));
        }
    }

    private synchronized void record(final int number, final long latencyNs) {
        received++;
        seen.set(number);
        latenciesNs.addLong(latencyNs);
    }

    /** How many distinct quotes arrived so far. */
    synchronized int distinctReceived() {
        return seen.cardinality();
    }

    /**
     * Stops this consumer's own thread and sums up what it received.
     *
     * @param produced how many quotes were put, numbered from 0.
     * @return the summary.
     */
    FanOutSummary close(final int produced) {
        closing = true;
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            final long[] sorted = latenciesNs.toLongArray();
            Arrays.sort(sorted);
            final int distinct = seen.cardinality();
            return new FanOutSummary(consumerName, received, received - distinct, produced - seen.get(0, produced)
                .cardinality(), percentileMicros(sorted, 0.50), percentileMicros(sorted, 0.99),
                percentileMicros(sorted, 1.0));
        }
    }

    private static long percentileMicros(final long[] sorted, final double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        final int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return TimeUnit.NANOSECONDS.toMicros(sorted[Math.max(0, index)]);
    }
}
