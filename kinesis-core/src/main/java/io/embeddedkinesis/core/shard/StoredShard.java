package io.embeddedkinesis.core.shard;

import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.metrics.ShardMeters;
import io.embeddedkinesis.core.log.ShardLog;
import io.embeddedkinesis.core.routing.HashKeyRange;
import io.embeddedkinesis.core.throttle.ShardReadLimiter;
import io.embeddedkinesis.core.throttle.ShardWriteLimiter;

/**
 * One shard of a stream as the broker holds it: its identity, lineage and hash key range, its log, the
 * token buckets that enforce its throughput limits, its shard-level meters, and whether a split or merge
 * has closed it.
 *
 * <p>A shard is open until it is {@link #seal(long) sealed} (CLOSED, in Kinesis's words): its log is
 * sealed at that moment, so the
 * last position appended is exactly its ending sequence number, and a put that routed to it a moment
 * earlier is refused and routed again. Thread-safe: the log, the limiters and the meters are, the closure
 * is published once through a volatile field, and everything else is fixed at construction.
 */
public final class StoredShard implements AutoCloseable {
    private final ShardId id;
    private final String shardId;
    private final long streamTag;
    private final HashKeyRange hashKeyRange;
    private final ShardLineage lineage;
    private final long startingPosition;
    private final ShardLog log;
    private final ShardWriteLimiter writeLimiter;
    private final ShardReadLimiter readLimiter;
    private final ShardMeters meters;
    private volatile Closure closure;
    /** Null until a push subscription first reads the shard, so a put pays one volatile read when none does. */
    private volatile AppendSignal appendSignal;

    /**
     * @param id               the shard's id.
     * @param streamTag        the tag of the stream, which sequence numbers carry.
     * @param hashKeyRange     the hash keys the shard owns.
     * @param lineage          the shard's parents and creation time.
     * @param startingPosition the log position when the shard was created; its first sequence number.
     * @param log              the shard's log, which this shard closes.
     * @param limits           the throughput limits.
     * @param nowMs            the current time, when the limiters start full.
     * @param meters           the shard's meters, which this shard closes.
     */
    public StoredShard(final ShardId id, final long streamTag, final HashKeyRange hashKeyRange,
        final ShardLineage lineage, final long startingPosition, final ShardLog log, final ShardLimits limits,
        final long nowMs, final ShardMeters meters) {
        this.id = id;
        this.shardId = id.toString();
        this.streamTag = streamTag;
        this.hashKeyRange = hashKeyRange;
        this.lineage = lineage;
        this.startingPosition = startingPosition;
        this.log = log;
        this.writeLimiter = new ShardWriteLimiter(limits, nowMs);
        this.readLimiter = ShardReadLimiter.forGetRecords(limits, nowMs);
        this.meters = meters;
    }

    /**
     * The shard's id.
     *
     * @return the id.
     */
    public ShardId id() {
        return id;
    }

    /**
     * The shard's id in Kinesis form, formatted once.
     *
     * @return e.g. {@code shardId-000000000000}.
     */
    public String shardId() {
        return shardId;
    }

    /**
     * The hash keys this shard owns.
     *
     * @return the range.
     */
    public HashKeyRange hashKeyRange() {
        return hashKeyRange;
    }

    /**
     * Where the shard came from.
     *
     * @return its parents and creation time.
     */
    public ShardLineage lineage() {
        return lineage;
    }

    /**
     * Whether the shard still takes records.
     *
     * @return true until a split or merge closed it.
     */
    public boolean isOpen() {
        return closure == null;
    }

    /**
     * How the shard was closed.
     *
     * @return its ending position and closing time, or null while it is open.
     */
    public Closure closure() {
        return closure;
    }

    /**
     * Closes the shard for writes, for good, as a split or merge does: seals its log, so that its last
     * record is final. Idempotent.
     *
     * @param nowMs the closing time.
     * @return the closure.
     */
    public synchronized Closure seal(final long nowMs) {
        if (closure == null) {
            final long last = log.seal();
            closure = new Closure(last >= 0 ? last : startingPosition, nowMs);
            signalAppended();
        }
        return closure;
    }

    /**
     * Restores the closure of a shard that was closed before the broker restarted.
     *
     * @param restored the closure read back from the stream's metadata.
     */
    public synchronized void restoreClosure(final Closure restored) {
        log.seal();
        closure = restored;
    }

    /**
     * The log position when the shard was created.
     *
     * @return the position of the shard's starting sequence number.
     */
    public long startingPosition() {
        return startingPosition;
    }

    /**
     * The shard's log.
     *
     * @return the log.
     */
    public ShardLog log() {
        return log;
    }

    /**
     * The write limits.
     *
     * @return the limiter for puts.
     */
    public ShardWriteLimiter writeLimiter() {
        return writeLimiter;
    }

    /**
     * The read limits.
     *
     * @return the limiter for {@code GetRecords}.
     */
    public ShardReadLimiter readLimiter() {
        return readLimiter;
    }

    /**
     * The shard-level meters.
     *
     * @return the meters, a no-op without metrics.
     */
    public ShardMeters meters() {
        return meters;
    }

    /**
     * Sets what wakes the shard's push subscriptions on a change; the broker has one for all shards.
     *
     * @param signal the signal.
     */
    public void appendSignal(final AppendSignal signal) {
        this.appendSignal = signal;
    }

    /**
     * Wakes the shard's push subscriptions, if any: called after every append, and when the shard is closed
     * by a split or merge or released. Without a subscription it costs one volatile read.
     */
    public void signalAppended() {
        final AppendSignal signal = appendSignal;
        if (signal != null) {
            signal.signal();
        }
    }

    /**
     * The shard's starting sequence number, as {@code SequenceNumberRange} gives it: the number just below the
     * position of its first possible record, so that, as in Kinesis, every record of the shard has a greater
     * number and {@code AFTER_SEQUENCE_NUMBER} of it reads from the first record. (A log whose first position is
     * 0, which only a clock within the first roll cycle after 1970 gives, has nothing below it: there it is
     * the first record's own number.)
     *
     * @return the starting sequence number.
     */
    public SequenceNumber startingSequenceNumber() {
        return sequenceNumber(startingPosition > 0 ? startingPosition - 1 : startingPosition);
    }

    /**
     * The sequence number of a position in this shard.
     *
     * @param position a log position.
     * @return its sequence number, formatted lazily.
     */
    public SequenceNumber sequenceNumber(final long position) {
        return new SequenceNumber(streamTag, id.index(), position);
    }

    /**
     * Releases the shard's log and removes its meters; the shard can no longer be read or written.
     */
    @Override
    public void close() {
        try {
            meters.close();
        } finally {
            log.close();
            signalAppended();
        }
    }

    /**
     * How a shard was closed.
     *
     * @param endingPosition the position of its ending sequence number: its last record, or its starting
     *                       position if it never held one.
     * @param closedAtMs     when it was closed.
     */
    public record Closure(long endingPosition, long closedAtMs) {
    }

    @Override
    public String toString() {
        return shardId;
    }
}
