package io.embeddedkinesis.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The clickstream demo's books: which event each producer got acknowledged on which shard, and which
 * event each reader read from which shard. From both it tells whether every acknowledged record was read
 * exactly once, from the shard its put reported.
 *
 * <p>Thread-safe: producers, readers and the progress reporter use it at once. Checks that compare the
 * two sides wait for {@link #summarize}, because a reader may read a record before its producer has even
 * seen the acknowledgement.
 */
final class ClickstreamLedger {
    private final Map<String, ShardCounters> shards = new LinkedHashMap<>();
    /** Event id to the shard its put was acknowledged on. */
    private final Map<String, String> produced = new ConcurrentHashMap<>();
    /** Event id to the shard it was first read from. */
    private final Map<String, String> consumed = new ConcurrentHashMap<>();
    private final LongAdder retriedPuts = new LongAdder();
    private final LongAdder throttledReads = new LongAdder();

    /**
     * @param shardIds the stream's shards, in the order reports list them.
     */
    ClickstreamLedger(final List<String> shardIds) {
        for (final String shardId : shardIds) {
            shards.put(shardId, new ShardCounters());
        }
    }

    /** A put of this event was acknowledged on this shard. */
    void onProduced(final String eventId, final String shardId) {
        produced.put(eventId, shardId);
        counters(shardId).produced.increment();
    }

    /** Records of a PutRecords call failed alone (throttled) and will be put again. */
    void onPutsRetried(final int recordCount) {
        retriedPuts.add(recordCount);
    }

    /** A GetRecords call was refused by the shard's read limit. */
    void onReadThrottled() {
        throttledReads.increment();
    }

    /** A reader read this event from this shard. */
    void onConsumed(final String eventId, final String shardId) {
        final ShardCounters counters = counters(shardId);
        counters.consumed.increment();
        if (consumed.putIfAbsent(eventId, shardId) != null) {
            counters.duplicates.increment();
        }
    }

    /**
     * The running totals, for progress reports.
     *
     * @return the totals and each shard's.
     */
    Progress progress() {
        final List<ShardProgress> perShard = new ArrayList<>(shards.size());
        shards.forEach((shardId, counters) -> perShard.add(new ShardProgress(
            shardId, counters.produced.sum(), counters.consumed.sum())));
        return new Progress(retriedPuts.sum(), throttledReads.sum(), perShard);
    }

    /**
     * Compares both sides, once producers and readers have stopped.
     *
     * @param streamName the stream.
     * @param reopened   whether the stream was kept from an earlier run.
     * @param elapsed    how long the run took.
     * @return the outcome per shard.
     */
    ClickstreamSummary summarize(final String streamName, final boolean reopened, final Duration elapsed) {
        final Map<String, Long> missing = produced.entrySet().stream()
            .filter(event -> !consumed.containsKey(event.getKey()))
            .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()));
        final Map<String, Long> strays = consumed.entrySet().stream()
            .filter(event -> !event.getValue().equals(produced.get(event.getKey())))
            .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()));
        final List<ClickstreamSummary.ShardSummary> perShard = new ArrayList<>(shards.size());
        shards.forEach((shardId, counters) -> perShard.add(new ClickstreamSummary.ShardSummary(shardId,
            counters.produced.sum(), counters.consumed.sum(), counters.duplicates.sum(),
            missing.getOrDefault(shardId, 0L), strays.getOrDefault(shardId, 0L))));
        return new ClickstreamSummary(streamName, reopened, elapsed, retriedPuts.sum(), throttledReads.sum(), perShard);
    }

    private ShardCounters counters(final String shardId) {
        final ShardCounters counters = shards.get(shardId);
        if (counters == null) {
            throw new IllegalStateException("record from a shard the demo does not read: shardId=" + shardId);
        }
        return counters;
    }

    /**
     * A snapshot of the running totals.
     *
     * @param retriedPuts    record puts refused so far, each put again.
     * @param throttledReads GetRecords calls refused so far.
     * @param shards         each shard's counts.
     */
    record Progress(long retriedPuts, long throttledReads, List<ShardProgress> shards) {
        long produced() {
            return shards.stream().mapToLong(ShardProgress::produced).sum();
        }

        long consumed() {
            return shards.stream().mapToLong(ShardProgress::consumed).sum();
        }
    }

    /**
     * One shard's running counts.
     *
     * @param shardId  the shard.
     * @param produced records acknowledged on it so far.
     * @param consumed records read from it so far.
     */
    record ShardProgress(String shardId, long produced, long consumed) {
    }

    /** One shard's counters; the map of shards is fixed at construction, so reads need no lock. */
    private static final class ShardCounters {
        private final LongAdder produced = new LongAdder();
        private final LongAdder consumed = new LongAdder();
        private final LongAdder duplicates = new LongAdder();
    }
}
