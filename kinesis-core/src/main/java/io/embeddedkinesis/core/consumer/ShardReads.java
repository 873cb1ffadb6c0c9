package io.embeddedkinesis.core.consumer;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.log.ShardLog;
import io.embeddedkinesis.core.model.ChildShard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.shard.ShardId;
import io.embeddedkinesis.core.shard.ShardLineage;
import io.embeddedkinesis.core.shard.StoredShard;
import io.embeddedkinesis.core.stream.Stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a reader finds its starting point in a shard and reads records from it, with Kinesis's rules: shared
 * by the polling path ({@code GetShardIterator}, {@code GetRecords}) and the push path
 * ({@code SubscribeToShard}), so that both start at the same record for the same request, skip the same
 * expired records and hand over to the same child shards.
 *
 * <p>Stateless.
 */
public final class ShardReads {
    private ShardReads() {
    }

    /**
     * The log position where a reader starts.
     *
     * @param operation      the operation asking, named in messages (e.g. {@code GetShardIterator}).
     * @param type           where to start.
     * @param sequenceText   the sequence number for {@code AT_} and {@code AFTER_SEQUENCE_NUMBER}, already
     *                       matched against the model's pattern.
     * @param timestamp      the time for {@code AT_TIMESTAMP}.
     * @param stream         the stream.
     * @param shard          the shard, one of the stream's.
     * @param nowMs          the current time.
     * @param accountId      the account, named in messages.
     * @return the position: reads start at the first record at or after it.
     * @throws InvalidArgumentException if the sequence number is not one of this shard, or the time is missing
     *                                  or in the future.
     */
    public static long position(final String operation, final ShardIteratorType type, final String sequenceText,
        final Instant timestamp, final Stream stream, final StoredShard shard, final long nowMs,
        final String accountId) {
        return switch (type) {
            case TRIM_HORIZON -> 0L;
            case LATEST -> shard.log().endPosition();
            case AT_SEQUENCE_NUMBER -> sequencePosition(operation, sequenceText, stream, shard, accountId);
            case AFTER_SEQUENCE_NUMBER -> sequencePosition(operation, sequenceText, stream, shard, accountId) + 1;
            case AT_TIMESTAMP -> timestampPosition(timestamp, shard, nowMs);
        };
    }

    private static long sequencePosition(final String operation, final String text, final Stream stream,
        final StoredShard shard, final String accountId) {
        final SequenceNumber sequenceNumber = SequenceNumber.tryParse(text);
        final String where = " used in " + operation + " on shard " + shard.shardId() + " in stream "
            + stream.streamName() + " under account " + accountId + " is invalid";
        if (sequenceNumber == null) {
            throw new InvalidArgumentException("StartingSequenceNumber " + text + where + ".");
        }
        if (sequenceNumber.streamTag() != stream.streamTag()) {
            throw new InvalidArgumentException("StartingSequenceNumber " + text + where
                + " because it did not come from this stream.");
        }
        if (sequenceNumber.shardIndex() != shard.id().index()) {
            throw new InvalidArgumentException("Invalid StartingSequenceNumber. It encodes "
                + new ShardId(sequenceNumber.shardIndex()) + ", while it was used in a call to a shard with "
                + shard.shardId());
        }
        return sequenceNumber.position();
    }

    private static long timestampPosition(final Instant timestamp, final StoredShard shard, final long nowMs) {
        if (timestamp == null) {
            throw new InvalidArgumentException("Must specify timestampInMillis parameter for iterator of type"
                + " AT_TIMESTAMP. Current request has no timestamp parameter.");
        }
        final long timestampMs = timestamp.toEpochMilli();
        if (timestampMs > nowMs) {
            throw new InvalidArgumentException("The timestampInMillis parameter cannot be greater than the"
                + " currentTimestampInMillis. timestampInMillis: " + timestampMs + ", currentTimestampInMillis: "
                + nowMs);
        }
        return shard.log().positionAtOrAfter(timestampMs);
    }

    /**
     * Reads records from the first one at or after a position, skipping records past the trim horizon, up to
     * a record count and a byte budget (a first record larger than the budget is still returned whole).
     *
     * @param shard         the shard.
     * @param position      where to start.
     * @param limit         the most records.
     * @param maxBytes      the byte budget.
     * @param trimHorizonMs records that arrived before this time have expired and are skipped.
     * @return the records and where the next read starts.
     * @throws io.embeddedkinesis.core.log.LogClosedException if the shard was deleted meanwhile.
     */
    public static RecordBatch read(final StoredShard shard, final long position, final int limit,
        final long maxBytes, final long trimHorizonMs) {
        final ShardLog log = shard.log();
        RecordCollector collector = new RecordCollector(shard, position, limit, maxBytes, trimHorizonMs);
        log.read(position, limit, collector);
        if (collector.sawExpired()) {
            final long firstLive = Math.max(position, log.positionAtOrAfter(trimHorizonMs));
            collector = new RecordCollector(shard, firstLive, limit, maxBytes, trimHorizonMs);
            log.read(firstLive, limit, collector);
        }
        return new RecordBatch(collector.records(), collector.nextPosition(), collector.bytes(),
            collector.lastTimestampMs());
    }

    /**
     * The shards a closed shard's records continue in: those it is a parent of. Empty for a split or merge
     * caught between sealing the parent and publishing the children, which the next look finds.
     *
     * @param stream the stream.
     * @param parent the closed shard.
     * @return the children, in shard id order.
     */
    public static List<ChildShard> childShards(final Stream stream, final StoredShard parent) {
        final List<ChildShard> children = new ArrayList<>(2);
        for (final StoredShard shard : stream.shards()) {
            final ShardLineage lineage = shard.lineage();
            if (lineage.hasParent(parent.id())) {
                final List<String> parents = new ArrayList<>(2);
                parents.add(lineage.parentShardId().toString());
                if (lineage.adjacentParentShardId() != null) {
                    parents.add(lineage.adjacentParentShardId().toString());
                }
                children.add(new ChildShard(shard.shardId(), parents, shard.hashKeyRange()));
            }
        }
        return children;
    }
}
