package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.ShardLimits;

import java.util.List;

/**
 * What a stream persists about itself in {@code stream.json}: everything needed to reopen it exactly as
 * it was. Sequence counters are not here: they live in the shard logs themselves.
 *
 * @param formatVersion        the layout of this file; {@link #FORMAT_VERSION} today.
 * @param streamName           the stream's name.
 * @param streamTag            36 random bits, unique per stream incarnation, carried by sequence numbers.
 * @param createdAtMs          when CreateStream was called.
 * @param readyAtMs            when the stream became (or becomes) ACTIVE.
 * @param retentionPeriodHours how long records are kept.
 * @param retentionFloorMs     records that arrived before this time stay expired, whatever the period:
 *                             raising the retention period never brings expired records back.
 * @param shardLimits          this stream's own per-shard limits, or null for the broker's.
 * @param deleteAtMs           when a requested deletion completes, or {@link Long#MAX_VALUE} if none.
 * @param shards               the shards.
 */
record StreamMetadata(
    int formatVersion, String streamName, long streamTag, long createdAtMs, long readyAtMs,
    int retentionPeriodHours, long retentionFloorMs, ShardLimits shardLimits, long deleteAtMs,
        List<ShardMetadata> shards) {

    /** The layout written today. */
    static final int FORMAT_VERSION = 1;

    StreamMetadata withRetention(final int hours, final long floorMs) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, hours, floorMs,
            shardLimits, deleteAtMs, shards);
    }

    StreamMetadata withDeleteAtMs(final long atMs) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, atMs, shards);
    }

    /**
     * One shard of the stream.
     *
     * @param shardIndex       the number in its shard id.
     * @param startingHashKey  the lowest hash key it owns, decimal.
     * @param endingHashKey    the highest hash key it owns, decimal.
     * @param startingPosition its log's end position when it was created.
     */
    record ShardMetadata(int shardIndex, String startingHashKey, String endingHashKey, long startingPosition) {
    }
}
