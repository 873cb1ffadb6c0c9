package io.embeddedkinesis.examples;

import java.time.Duration;
import java.util.List;

/**
 * What a run of {@link ClickstreamDemo} produced and consumed, per shard.
 *
 * @param streamName     the stream.
 * @param streamReopened true if the stream, and its records, were kept from an earlier run.
 * @param elapsed        how long the run took, draining included.
 * @param retriedPuts    record puts that failed alone inside {@code PutRecords}, with
 *                       {@code ProvisionedThroughputExceededException}, and were put again.
 * @param throttledReads {@code GetRecords} calls refused with {@code ProvisionedThroughputExceededException}.
 * @param shards         the outcome of each shard.
 */
public record ClickstreamSummary(String streamName, boolean streamReopened, Duration elapsed, long retriedPuts,
    long throttledReads, List<ShardSummary> shards) {

    /**
     * Copies the list.
     *
     * @param streamName     see the class description.
     * @param streamReopened see the class description.
     * @param elapsed        see the class description.
     * @param retriedPuts    see the class description.
     * @param throttledReads see the class description.
     * @param shards         see the class description.
     */
    public ClickstreamSummary {
        shards = List.copyOf(shards);
    }

    /**
     * How many records producers put and got acknowledged during the run.
     *
     * @return the sum over the shards.
     */
    public long produced() {
        return shards.stream().mapToLong(ShardSummary::produced).sum();
    }

    /**
     * How many records the readers read during the run, duplicates included.
     *
     * @return the sum over the shards.
     */
    public long consumed() {
        return shards.stream().mapToLong(ShardSummary::consumed).sum();
    }

    /**
     * Whether every acknowledged record was read exactly once, from the shard its put named, and nothing
     * else was read.
     *
     * @return true if every shard accounts for all its records.
     */
    public boolean exactlyOnce() {
        return shards.stream().allMatch(ShardSummary::exactlyOnce);
    }

    /**
     * One shard's outcome.
     *
     * @param shardId    the shard.
     * @param produced   records acknowledged on this shard.
     * @param consumed   records read from this shard, duplicates included.
     * @param duplicates records read from this shard more than once.
     * @param missing    records acknowledged on this shard and never read.
     * @param strays     records read from this shard that no put acknowledged on it.
     */
    public record ShardSummary(String shardId, long produced, long consumed, long duplicates, long missing,
        long strays) {

        /**
         * Whether this shard's records were each read exactly once.
         *
         * @return true if consumed equals produced with no duplicates, misses or strays.
         */
        public boolean exactlyOnce() {
            return consumed == produced && duplicates == 0 && missing == 0 && strays == 0;
        }
    }
}
