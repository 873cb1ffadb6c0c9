package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.model.SequenceNumberRange;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.shard.ShardId;
import io.embeddedkinesis.core.shard.ShardLineage;
import io.embeddedkinesis.core.shard.StoredShard;

import java.util.ArrayList;
import java.util.List;

/**
 * Which shards a listing shows, by Kinesis's rules: closed shards stay until retention has passed over
 * every record they hold (then they are EXPIRED and no longer listed), and a {@link ShardFilter} narrows
 * the list to the shards open at a time, closed after a time, still open, or after a shard id.
 */
final class ShardSelection {
    private ShardSelection() {
    }

    /**
     * Whether a closed shard's records have all expired.
     *
     * @param shard         the shard.
     * @param trimHorizonMs the stream's trim horizon.
     * @return true once it was closed before the trim horizon: every record it holds arrived earlier.
     */
    static boolean isExpired(final StoredShard shard, final long trimHorizonMs) {
        final StoredShard.Closure closure = shard.closure();
        return closure != null && closure.closedAtMs() < trimHorizonMs;
    }

    /**
     * The shards a filter selects, in shard id order.
     *
     * @param stream the stream.
     * @param filter the filter, or null for every shard within retention.
     * @param nowMs  the current time.
     * @return the shards.
     */
    static List<StoredShard> select(final Stream stream, final ShardFilter filter, final long nowMs) {
        final long horizonMs = stream.trimHorizonMs(nowMs);
        final long earliestMs = Math.max(horizonMs, stream.createdAtMs());
        final List<StoredShard> selected = new ArrayList<>();
        for (final StoredShard shard : stream.shards()) {
            if (!isExpired(shard, horizonMs) && matches(shard, filter, earliestMs)) {
                selected.add(shard);
            }
        }
        return selected;
    }

    private static boolean matches(final StoredShard shard, final ShardFilter filter, final long earliestMs) {
        final ShardFilterType type = filter == null ? ShardFilterType.FROM_TRIM_HORIZON : filter.type();
        return switch (type) {
            case FROM_TRIM_HORIZON -> true;
            case AT_LATEST -> shard.isOpen();
            case AFTER_SHARD_ID -> {
                final ShardId after = ShardId.tryParse(filter.shardId());
                yield after != null && shard.id().compareTo(after) > 0;
            }
            case AT_TRIM_HORIZON -> openAt(shard, earliestMs);
            case AT_TIMESTAMP -> openAt(shard, Math.max(filter.timestamp().toEpochMilli(), earliestMs));
            case FROM_TIMESTAMP -> shard.isOpen()
                || shard.closure().closedAtMs() >= Math.max(filter.timestamp().toEpochMilli(), earliestMs);
        };
    }

    private static boolean openAt(final StoredShard shard, final long atMs) {
        return shard.lineage().createdAtMs() <= atMs && (shard.isOpen() || shard.closure().closedAtMs() > atMs);
    }

    /**
     * A shard as Kinesis describes it.
     *
     * @param shard the shard.
     * @return its description, with its parents and, once closed, its ending sequence number.
     */
    static Shard describe(final StoredShard shard) {
        final ShardLineage lineage = shard.lineage();
        final StoredShard.Closure closure = shard.closure();
        return new Shard(shard.shardId(),
            lineage.parentShardId() == null ? null : lineage.parentShardId().toString(),
            lineage.adjacentParentShardId() == null ? null : lineage.adjacentParentShardId().toString(),
            shard.hashKeyRange(),
            new SequenceNumberRange(shard.startingSequenceNumber().toString(),
                closure == null ? null : shard.sequenceNumber(closure.endingPosition()).toString()));
    }
}
