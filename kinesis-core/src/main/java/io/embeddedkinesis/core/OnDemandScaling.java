package io.embeddedkinesis.core;

/**
 * How the broker scales its on-demand streams: how many shards one starts with and may have, and when a
 * shard is hot enough to split or cold enough to merge.
 *
 * <p>An on-demand Kinesis stream manages its own shards: it adds capacity when writes approach what its
 * shards take and gives it back after the load falls. The broker does the same with real splits and
 * merges, so consumers see the shard lineage a real on-demand stream shows them. Load is what producers
 * offer a shard, refused records included, as a fraction of the shard's write limits (bytes or records a
 * second, whichever is nearer): a shard whose load averaged over a scale-up window reaches
 * {@code scaleUpUtilization} is split at the middle of its hash key range; two adjacent shards whose loads
 * both stayed under {@code scaleDownUtilization} for a scale-down window are merged. Windows run on the
 * broker's clock. A stream whose write limits are {@link ShardLimits#UNLIMITED} has no load to measure and
 * does not scale. Immutable.
 *
 * @param initialShardCount    the shards an on-demand stream is created with; Kinesis starts with 4.
 * @param minShardCount        merging stops at this many open shards.
 * @param maxShardCount        splitting stops at this many open shards (the broker's shard limit applies
 *                             too).
 * @param scaleUpUtilization   the load, as a fraction of a shard's limits, that makes a shard hot; above 0.
 * @param scaleUpWindowMs      how long the load is averaged before a shard is found hot.
 * @param scaleDownUtilization the load under which a shard is cold; at least 0 and at most half the
 *                             scale-up utilization, so that a merged shard is not hot at once.
 * @param scaleDownWindowMs    how long a shard must stay cold before it is merged.
 */
public record OnDemandScaling(int initialShardCount, int minShardCount, int maxShardCount,
    double scaleUpUtilization, long scaleUpWindowMs, double scaleDownUtilization, long scaleDownWindowMs) {

    /**
     * The defaults: 4 shards to start with and at least, at most 200 (the 200 MiB a second that Kinesis
     * allows an on-demand stream by default outside its largest regions), split at 80 % of a shard's
     * limits over a minute, merged under 20 % over 15 minutes.
     */
    public static final OnDemandScaling DEFAULTS = new OnDemandScaling(4, 4, 200, 0.8, 60_000L, 0.2, 900_000L);

    /**
     * Validates the bounds.
     *
     * @param initialShardCount    see the class description.
     * @param minShardCount        see the class description.
     * @param maxShardCount        see the class description.
     * @param scaleUpUtilization   see the class description.
     * @param scaleUpWindowMs      see the class description.
     * @param scaleDownUtilization see the class description.
     * @param scaleDownWindowMs    see the class description.
     */
    public OnDemandScaling {
        if (minShardCount < 1 || initialShardCount < minShardCount || maxShardCount < initialShardCount) {
            throw new IllegalArgumentException("shard counts must satisfy 1 <= min <= initial <= max: min="
                + minShardCount + ", initial=" + initialShardCount + ", max=" + maxShardCount);
        }
        if (!(scaleUpUtilization > 0) || !(scaleDownUtilization >= 0)
            || scaleDownUtilization > scaleUpUtilization / 2) {
            throw new IllegalArgumentException("utilizations must satisfy 0 <= down <= up / 2 and up > 0: up="
                + scaleUpUtilization + ", down=" + scaleDownUtilization);
        }
        if (scaleUpWindowMs < 1 || scaleDownWindowMs < 1) {
            throw new IllegalArgumentException("windows must be at least 1 ms: up=" + scaleUpWindowMs + ", down="
                + scaleDownWindowMs);
        }
    }

    /**
     * These settings with other shard counts.
     *
     * @param initial the shards a stream starts with.
     * @param min     the fewest open shards.
     * @param max     the most open shards.
     * @return new settings.
     */
    public OnDemandScaling withShardCounts(final int initial, final int min, final int max) {
        return new OnDemandScaling(initial, min, max, scaleUpUtilization, scaleUpWindowMs, scaleDownUtilization,
            scaleDownWindowMs);
    }

    /**
     * These settings with another scale-up rule.
     *
     * @param utilization the load that makes a shard hot.
     * @param windowMs    over how long it is averaged.
     * @return new settings.
     */
    public OnDemandScaling withScaleUp(final double utilization, final long windowMs) {
        return new OnDemandScaling(initialShardCount, minShardCount, maxShardCount, utilization, windowMs,
            scaleDownUtilization, scaleDownWindowMs);
    }

    /**
     * These settings with another scale-down rule.
     *
     * @param utilization the load under which a shard is cold.
     * @param windowMs    how long it must stay cold.
     * @return new settings.
     */
    public OnDemandScaling withScaleDown(final double utilization, final long windowMs) {
        return new OnDemandScaling(initialShardCount, minShardCount, maxShardCount, scaleUpUtilization,
            scaleUpWindowMs, utilization, windowMs);
    }
}
