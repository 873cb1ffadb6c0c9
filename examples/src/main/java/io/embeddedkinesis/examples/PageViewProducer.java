package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * One producer of the clickstream demo: makes page views of random users and puts them with
 * {@code PutRecords} until its deadline, then finishes the batch in hand.
 *
 * <p>With Kinesis's limits on, a shard admits 1,000 records a second; a batch that outruns a shard comes
 * back with some entries failed alone, with error code {@code ProvisionedThroughputExceededException}.
 * The producer puts just those entries again after an exponential backoff with jitter, as AWS advises,
 * and every view it made is eventually written. Retried entries may land after younger views of the same
 * user, as they can in Kinesis; code that needs per-key order puts one key's records one call at a time.
 *
 * <p>Runs on one thread.
 */
final class PageViewProducer implements Callable<Long> {
    /** Large enough to spread over every shard in one call, well under the 500-record limit. */
    private static final int BATCH_SIZE = 250;
    private static final int USER_COUNT = 1000;
    private static final String[] PAGES = {
        "/", "/search", "/products/17", "/products/42", "/products/99", "/cart", "/checkout", "/help",
    };
    private static final long FIRST_BACKOFF_MS = 25;
    private static final long MAX_BACKOFF_MS = 1_000;

    private final KinesisBroker kinesis;
    private final String streamName;
    private final int producerNumber;
    private final long deadlineNs;
    private final ClickstreamLedger ledger;
    private final SplittableRandom random = new SplittableRandom();
    private long eventCount;

    /**
     * @param kinesis        the broker.
     * @param streamName     the stream to put into.
     * @param producerNumber distinguishes this producer's event ids.
     * @param deadlineNs     when to stop making views, by {@link System#nanoTime()}.
     * @param ledger         where acknowledged and throttled puts are counted.
     */
    PageViewProducer(final KinesisBroker kinesis, final String streamName, final int producerNumber,
        final long deadlineNs, final ClickstreamLedger ledger) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.producerNumber = producerNumber;
        this.deadlineNs = deadlineNs;
        this.ledger = ledger;
    }

    /**
     * Puts batches until the deadline.
     *
     * @return how many views this producer made, all of them written.
     * @throws InterruptedException if interrupted while backing off.
     */
    @Override
    public Long call() throws InterruptedException {
        while (System.nanoTime() - deadlineNs < 0) {
            putUntilWritten(nextBatch());
        }
        return eventCount;
    }

    private List<PageView> nextBatch() {
        final List<PageView> batch = new ArrayList<>(BATCH_SIZE);
        for (int i = 0; i < BATCH_SIZE; i++) {
            final String userId = String.format("user-%04d", random.nextInt(USER_COUNT));
            batch.add(new PageView("p" + producerNumber + "-" + eventCount++, userId,
                PAGES[random.nextInt(PAGES.length)], System.currentTimeMillis()));
        }
        return batch;
    }

    private void putUntilWritten(final List<PageView> batch) throws InterruptedException {
        List<PageView> pending = batch;
        List<PutRecordsRequestEntry> entries = new ArrayList<>(batch.size());
        for (final PageView view : batch) {
            entries.add(PutRecordsRequestEntry.of(view.userId(), view.toJson()));
        }
        long backoffMs = FIRST_BACKOFF_MS;
        while (!pending.isEmpty()) {
            final List<PageView> failedViews = new ArrayList<>();
            final List<PutRecordsRequestEntry> failedEntries = new ArrayList<>();
            try {
                final PutRecordsResult result = kinesis.putRecords(streamName, entries);
                for (int i = 0; i < pending.size(); i++) {
                    final PutRecordsResultEntry outcome = result.records().get(i);
                    if (outcome.isSuccessful()) {
                        ledger.onProduced(pending.get(i).eventId(), outcome.shardId());
                    } else {
                        failedViews.add(pending.get(i));
                        failedEntries.add(entries.get(i));
                    }
                }
            } catch (final KinesisException ex) {
                if (!ex.isRetryable()) {
                    throw ex;
                }
                failedViews.addAll(pending);
                failedEntries.addAll(entries);
            }
            if (!failedViews.isEmpty()) {
                ledger.onPutsRetried(failedViews.size());
                Thread.sleep(backoffMs / 2 + random.nextLong(backoffMs / 2 + 1));
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
            pending = failedViews;
            entries = failedEntries;
        }
    }
}
