package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.Record;

import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * One reader of the clickstream demo: polls one shard with {@code GetRecords} and counts every view it
 * reads, until the producers are done and a poll started after that finds nothing more.
 *
 * <p>Kinesis allows 5 {@code GetRecords} calls a second per shard, shared by everything that polls it, so
 * the reader starts a call at most every 200 ms; a call refused anyway (the budget is shared) is retried
 * at the next tick. One call returns up to 10,000 records, so 5 calls a second keep up with the 1,000
 * records a second a shard admits.
 *
 * <p>Runs on one thread.
 */
final class ShardReader implements Callable<Long> {
    /** One call per 200 ms is the 5 calls a second Kinesis allows per shard. */
    private static final long POLL_INTERVAL_MS = 200;

    private final KinesisBroker kinesis;
    private final String shardId;
    private final String firstIterator;
    private final BooleanSupplier producersDone;
    private final long giveUpAtNs;
    private final ClickstreamLedger ledger;

    /**
     * @param kinesis       the broker.
     * @param shardId       the shard to read.
     * @param firstIterator where to start.
     * @param producersDone true once every producer has finished, so nothing more will be put.
     * @param giveUpAtNs    when to stop even if records are still missing, by {@link System#nanoTime()}.
     * @param ledger        where read records are counted.
     */
    ShardReader(final KinesisBroker kinesis, final String shardId, final String firstIterator,
        final BooleanSupplier producersDone, final long giveUpAtNs, final ClickstreamLedger ledger) {
        this.kinesis = kinesis;
        this.shardId = shardId;
        this.firstIterator = firstIterator;
        this.producersDone = producersDone;
        this.giveUpAtNs = giveUpAtNs;
        this.ledger = ledger;
    }

    /**
     * Polls until the shard is drained.
     *
     * @return how many records this reader read.
     * @throws InterruptedException if interrupted between polls.
     */
    @Override
    public Long call() throws InterruptedException {
        String iterator = firstIterator;
        long recordCount = 0;
        while (iterator != null && System.nanoTime() - giveUpAtNs < 0) {
            final long callStartMs = System.currentTimeMillis();
            final boolean lastPoll = producersDone.getAsBoolean();
            try {
                final GetRecordsResult result = kinesis.getRecords(new GetRecordsRequest(iterator, null, null));
                for (final Record record : result.records()) {
                    ledger.onConsumed(PageView.fromJson(record.data()).eventId(), shardId);
                }
                recordCount += result.records().size();
                iterator = result.nextShardIterator();
                if (lastPoll && result.records().isEmpty()) {
                    return recordCount;
                }
            } catch (final ProvisionedThroughputExceededException ex) {
                ledger.onReadThrottled();
            }
            Thread.sleep(Math.max(0, callStartMs + POLL_INTERVAL_MS - System.currentTimeMillis()));
        }
        return recordCount;
    }
}
