package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads whole streams for a test's assertions, and waits for records that other threads put.
 *
 * <ul>
 *   <li>{@link #readAll} and {@link #readShard} read what is there now, from {@code TRIM_HORIZON}, with
 *       {@code GetRecords} as any consumer would (so a throttled shard throws
 *       {@code ProvisionedThroughputExceededException}).</li>
 *   <li>{@link #awaitRecords} and {@link #awaitRecord} poll the stream until the records are there and
 *       return at once when they are, or fail the test with an {@link AssertionError} after a timeout.
 *       They wait in wall-clock time, since they wait for other threads; the broker's clock is left alone.
 *       A poll reads only what is new, and calls {@code GetRecords} only when the stream's
 *       {@code usage} shows records put since the last poll, so a wait spends a shard's 5 reads a second
 *       of the broker's clock on new records alone; a read the shard refuses is tried again at the next
 *       poll, which succeeds once the clock has moved.</li>
 * </ul>
 *
 * <p>Shards are read as a Kinesis consumer reads them: every shard within retention, parents (closed by a
 * split or merge) before their children, each in sequence-number order.
 *
 * <p>Thread-safe: it holds no state between calls.
 */
public final class StreamReader {
    private static final long FIRST_PAUSE_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long LONGEST_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Supplier<KinesisBroker> broker;

    StreamReader(final Supplier<KinesisBroker> broker) {
        this.broker = broker;
    }

    /**
     * A reader of a broker's streams, for tests that open brokers themselves.
     *
     * @param broker the broker.
     * @return the reader.
     */
    public static StreamReader of(final KinesisBroker broker) {
        Objects.requireNonNull(broker, "broker");
        return new StreamReader(() -> broker);
    }

    /**
     * Every record of a stream within retention: shards parents first, each from its oldest record.
     *
     * @param stream the stream's name or ARN.
     * @return the records.
     */
    public List<Record> readAll(final String stream) {
        final List<Record> records = new ArrayList<>();
        for (final Shard shard : ShardOrder.parentsFirst(broker.get(), stream)) {
            records.addAll(readShard(stream, shard.shardId()));
        }
        return records;
    }

    /**
     * Every record of one shard within retention, from {@code TRIM_HORIZON} to the end.
     *
     * @param stream  the stream's name or ARN.
     * @param shardId the shard, e.g. {@code shardId-000000000000}.
     * @return the records, in sequence-number order.
     */
    public List<Record> readShard(final String stream, final String shardId) {
        final KinesisBroker kinesis = broker.get();
        final List<Record> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(stream, shardId, ShardIteratorType.TRIM_HORIZON);
        while (iterator != null) {
            final GetRecordsResult result = kinesis.getRecords(new GetRecordsRequest(iterator, null, null));
            records.addAll(result.records());
            if (result.records().isEmpty()) {
                return records;
            }
            iterator = result.nextShardIterator();
        }
        return records;
    }

    /**
     * Waits until a stream holds at least a number of records, counted from its oldest.
     *
     * @param stream  the stream's name or ARN; it may not exist yet.
     * @param count   how many records to wait for.
     * @param timeout how long to wait at most, in wall-clock time.
     * @return every record read, at least {@code count}, in the order of {@link #readAll}.
     * @throws AssertionError if fewer records were there when the timeout passed.
     */
    public List<Record> awaitRecords(final String stream, final int count, final Duration timeout) {
        return await(stream, timeout, count + " records", read -> read.size() >= count ? List.copyOf(read) : null);
    }

    /**
     * Waits until a stream holds a record that matches, looking from its oldest record.
     *
     * @param stream   the stream's name or ARN; it may not exist yet.
     * @param matching what the record must be like.
     * @param timeout  how long to wait at most, in wall-clock time.
     * @return the first matching record, in the order of {@link #readAll}.
     * @throws AssertionError if no record matched when the timeout passed.
     */
    public Record awaitRecord(final String stream, final Predicate<? super Record> matching, final Duration timeout) {
        Objects.requireNonNull(matching, "matching");
        return await(stream, timeout, "a matching record",
            read -> read.stream().filter(matching).findFirst().orElse(null));
    }

    /**
     * Polls until {@code check} finds what it waits for in the records read so far. Polls again at once
     * after new records, and otherwise after a pause that grows to 5 ms, so a wait ends within moments of
     * the records arriving without spinning through a long one.
     */
    private <T> T await(final String stream, final Duration timeout, final String expected,
        final Function<List<Record>, T> check) {
        Objects.requireNonNull(stream, "stream");
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        final StreamCursor cursor = new StreamCursor(stream);
        final List<Record> read = new ArrayList<>();
        long pauseNs = FIRST_PAUSE_NS;
        while (true) {
            final List<Record> fresh = cursor.poll(broker.get());
            read.addAll(fresh);
            final T found = check.apply(read);
            if (found != null) {
                return found;
            }
            if (System.nanoTime() - deadlineNs >= 0) {
                throw new AssertionError("expected " + expected + " in stream " + stream + " within " + timeout
                    + "; records read: " + read.size() + cursor.obstacles());
            }
            if (fresh.isEmpty()) {
                LockSupport.parkNanos(pauseNs);
                pauseNs = Math.min(pauseNs * 2, LONGEST_PAUSE_NS);
            } else {
                pauseNs = FIRST_PAUSE_NS;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted while waiting for " + expected + " in stream " + stream);
            }
        }
    }
}
