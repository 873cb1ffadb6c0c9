package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.OnDemandScaling;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.shard.StoredShard;
import io.embeddedkinesis.core.throttle.WriteLoad;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scaling of on-demand streams: splits the shards that producers keep near their write limits and
 * merges adjacent shards that stay idle, within the bounds of {@link OnDemandScaling}.
 *
 * <p>Each open shard of an on-demand stream has two windows on the broker's clock, the first ones starting
 * when the shard was created (or the broker opened, if later). When its scale-up window
 * ends, the load offered over it (see {@link WriteLoad}; refused records count, since they are demand the
 * shard could not take) decides whether the shard is hot; when its scale-down window ends, whether it is
 * cold. Hot shards are split at the middle of their hash key range, the hottest first, one split each per
 * window; while none is, adjacent cold pairs are merged. A shard found busy in a scale-up window is no
 * longer cold. Splits stop at the maximum shard count or the broker's shard limit, merges at the minimum.
 *
 * <p>Windows live in memory: after a restart they start again. The stream stays ACTIVE throughout, as an
 * on-demand Kinesis stream does, and its consumers see the parent and child shards of real splits and
 * merges. Thread-safe: {@link #scale()} is synchronized, and each change takes the registry's lock.
 */
public final class OnDemandScaler {
    private final StreamRegistry registry;
    private final Resharder resharder;
    private final BrokerConfig config;
    private final Map<StoredShard, Windows> windows = new HashMap<>();
    private final long startedAtMs;

    /**
     * @param registry  the streams.
     * @param resharder what splits and merges shards.
     */
    public OnDemandScaler(final StreamRegistry registry, final Resharder resharder) {
        this.registry = registry;
        this.resharder = resharder;
        this.config = registry.config();
        this.startedAtMs = config.clock().time();
    }

    /**
     * Looks at the windows that ended and splits or merges accordingly.
     *
     * @return how many splits and merges were made.
     */
    public synchronized int scale() {
        final long nowMs = config.clock().time();
        final Set<StoredShard> watched = new HashSet<>();
        int changes = 0;
        for (final Stream stream : registry.list()) {
            if (stream.streamMode() == StreamMode.ON_DEMAND && stream.status(nowMs) == StreamStatus.ACTIVE
                && !stream.shardLimits().writesUnlimited()) {
                changes += scale(stream, nowMs, watched);
            }
        }
        windows.keySet().retainAll(watched);
        return changes;
    }

    private int scale(final Stream stream, final long nowMs, final Set<StoredShard> watched) {
        final OnDemandScaling scaling = config.onDemandScaling();
        final List<StoredShard> open = stream.openShards();
        final Map<StoredShard, Double> hot = new HashMap<>();
        for (final StoredShard shard : open) {
            watched.add(shard);
            // A shard's limiter counts from when the shard opened: at its creation, or when this broker opened.
            final Windows shardWindows = windows.computeIfAbsent(shard,
                s -> new Windows(WriteLoad.NONE, Math.max(s.lineage().createdAtMs(), startedAtMs)));
            final double busy = shardWindows.endScaleUpWindow(shard, stream.shardLimits(), scaling, nowMs);
            if (busy >= scaling.scaleUpUtilization()) {
                hot.put(shard, busy);
            }
            shardWindows.endScaleDownWindow(shard, stream.shardLimits(), scaling, nowMs);
        }
        int openCount = open.size();
        int changes = 0;
        final List<StoredShard> hottestFirst = new ArrayList<>(hot.keySet());
        hottestFirst.sort(Comparator.comparing(hot::get).reversed());
        for (final StoredShard shard : hottestFirst) {
            if (openCount >= scaling.maxShardCount() || registry.openShardCount() >= config.shardLimit()) {
                break;
            }
            if (splittable(shard)) {
                resharder.scaleOut(stream, shard, nowMs);
                openCount++;
                changes++;
            }
        }
        if (changes > 0) {
            return changes;
        }
        for (int i = 0; i + 1 < open.size() && openCount > scaling.minShardCount(); i++) {
            final StoredShard lower = open.get(i);
            final StoredShard upper = open.get(i + 1);
            if (windows.get(lower).cold && windows.get(upper).cold) {
                resharder.scaleIn(stream, lower, upper, nowMs);
                openCount--;
                changes++;
                i++;
            }
        }
        return changes;
    }

    /** Whether the shard's range holds a key strictly between its first key plus one and its last. */
    private static boolean splittable(final StoredShard shard) {
        final BigInteger start = shard.hashKeyRange().startingHashKey().toBigInteger();
        final BigInteger end = shard.hashKeyRange().endingHashKey().toBigInteger();
        return end.subtract(start).compareTo(BigInteger.valueOf(3)) >= 0;
    }

    /**
     * The load offered over some time as a fraction of a shard's write limits, by whichever of bytes and
     * records is nearer its limit.
     *
     * @param load      the load.
     * @param elapsedMs over how long.
     * @param limits    the shard's limits.
     * @return 0 for no load, 1 for exactly the limit.
     */
    static double utilization(final WriteLoad load, final long elapsedMs, final ShardLimits limits) {
        final double seconds = Math.max(1, elapsedMs) / 1000.0;
        double utilization = 0;
        if (limits.writeBytesPerSecond() != ShardLimits.UNLIMITED) {
            utilization = load.offeredBytes() / (limits.writeBytesPerSecond() * seconds);
        }
        if (limits.writeRecordsPerSecond() != ShardLimits.UNLIMITED) {
            utilization = Math.max(utilization, load.offeredRecords() / (limits.writeRecordsPerSecond() * seconds));
        }
        return utilization;
    }

    /** A shard's two windows: where each started, and whether the last scale-down window found it cold. */
    private static final class Windows {
        private WriteLoad upStart;
        private long upStartMs;
        private WriteLoad downStart;
        private long downStartMs;
        private boolean cold;

        Windows(final WriteLoad load, final long nowMs) {
            this.upStart = load;
            this.upStartMs = nowMs;
            this.downStart = load;
            this.downStartMs = nowMs;
        }

        /** The load of a scale-up window that has ended, and a new window started; or -1 if it has not. */
        double endScaleUpWindow(final StoredShard shard, final ShardLimits limits, final OnDemandScaling scaling,
            final long nowMs) {
            if (nowMs - upStartMs < scaling.scaleUpWindowMs()) {
                return -1;
            }
            final WriteLoad load = shard.writeLimiter().load();
            final double utilization = utilization(load.since(upStart), nowMs - upStartMs, limits);
            upStart = load;
            upStartMs = nowMs;
            if (utilization >= scaling.scaleDownUtilization()) {
                cold = false;
            }
            return utilization;
        }

        /** Decides whether the shard is cold when a scale-down window has ended, and starts a new one. */
        void endScaleDownWindow(final StoredShard shard, final ShardLimits limits, final OnDemandScaling scaling,
            final long nowMs) {
            if (nowMs - downStartMs < scaling.scaleDownWindowMs()) {
                return;
            }
            final WriteLoad load = shard.writeLimiter().load();
            cold = utilization(load.since(downStart), nowMs - downStartMs, limits) < scaling.scaleDownUtilization();
            downStart = load;
            downStartMs = nowMs;
        }
    }
}
