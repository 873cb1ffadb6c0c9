package io.embeddedkinesis.core.shard;

import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.log.ShardLog;
import io.embeddedkinesis.core.routing.HashKeyRange;
import io.embeddedkinesis.core.throttle.ShardReadLimiter;
import io.embeddedkinesis.core.throttle.ShardWriteLimiter;

/**
 * One shard of a stream as the broker holds it: its identity and hash key range, its log, and the
 * token buckets that enforce its throughput limits.
 *
 * <p>Thread-safe: the log and the limiters are, and everything else is fixed at construction.
 */
public final class StoredShard implements AutoCloseable {
    private final ShardId id;
    private final String shardId;
    private final long streamTag;
    private final HashKeyRange hashKeyRange;
    private final long startingPosition;
    private final ShardLog log;
    private final ShardWriteLimiter writeLimiter;
    private final ShardReadLimiter readLimiter;

    /**
     * @param id               the shard's id.
     * @param streamTag        the tag of the stream, which sequence numbers carry.
     * @param hashKeyRange     the hash keys the shard owns.
     * @param startingPosition the log position when the shard was created; its first sequence number.
     * @param log              the shard's log, which this shard closes.
     * @param limits           the throughput limits.
     * @param nowMs            the current time, when the limiters start full.
     */
    public StoredShard(final ShardId id, final long streamTag, final HashKeyRange hashKeyRange,
        final long startingPosition, final ShardLog log, final ShardLimits limits, final long nowMs) {
        this.id = id;
        this.shardId = id.toString();
        this.streamTag = streamTag;
        this.hashKeyRange = hashKeyRange;
        this.startingPosition = startingPosition;
        this.log = log;
        this.writeLimiter = new ShardWriteLimiter(limits, nowMs);
        this.readLimiter = new ShardReadLimiter(limits, nowMs);
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
     * The sequence number of a position in this shard.
     *
     * @param position a log position.
     * @return its sequence number, formatted lazily.
     */
    public SequenceNumber sequenceNumber(final long position) {
        return new SequenceNumber(streamTag, id.index(), position);
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public String toString() {
        return shardId;
    }
}
