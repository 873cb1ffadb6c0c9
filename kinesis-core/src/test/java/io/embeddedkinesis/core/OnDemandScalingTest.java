package io.embeddedkinesis.core;

import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An on-demand stream's own scaling, driven second by second on the injected clock: producers offer a
 * steady load, throttled records are dropped (so the offered load stays what the test says), and the
 * broker's scaler runs after every second.
 */
class OnDemandScalingTest extends BrokerTestSupport {
    private static final long SECOND = 1_000;
    private static final OnDemandScaling FAST = OnDemandScaling.DEFAULTS
        .withShardCounts(1, 1, 16)
        .withScaleUp(0.8, 5 * SECOND)
        .withScaleDown(0.2, 30 * SECOND);

    private final Random random = new Random(42);
    private long accepted;

    @Test
    void shouldGrowUnderSteadyOverloadUntilTheThrottlingStops() {
        open(b -> b.onDemandScaling(FAST)).createStream(CreateStreamRequest.onDemand("s"));

        final List<Integer> throttledPerSecond = new ArrayList<>();
        for (int second = 0; second < 30; second++) {
            throttledPerSecond.add(offer("s", 2_500));
        }

        assertThat(throttledPerSecond.subList(0, 5)).allSatisfy(throttled -> assertThat(throttled).isPositive());
        assertThat(throttledPerSecond.subList(15, 30)).containsOnly(0);
        final List<Shard> shards = broker.listShards("s").shards();
        assertThat(shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null))
            .hasSize(4);
        assertThat(shards).hasSize(7);
        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(readAll("s")).extracting(Record::sequenceNumber).doesNotHaveDuplicates().hasSize((int) accepted);
    }

    @Test
    void shouldMergeColdShardsDownToTheMinimumAfterTheLoadFalls() {
        open(b -> b.onDemandScaling(FAST.withShardCounts(4, 2, 16))).createStream(CreateStreamRequest.onDemand("s"));

        for (int second = 0; second < 29; second++) {
            offer("s", 100);
        }
        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(4);
        offer("s", 100);
        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(2);
        for (int second = 0; second < 120; second++) {
            offer("s", 0);
        }

        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(2);
        assertThat(broker.listShards("s").shards().get(4).adjacentParentShardId()).isEqualTo("shardId-000000000001");
    }

    @Test
    void shouldKeepAShardBusyInItsLastScaleUpWindowFromMerging() {
        open(b -> b.onDemandScaling(FAST.withShardCounts(2, 1, 16))).createStream(CreateStreamRequest.onDemand("s"));

        for (int second = 0; second < 60; second++) {
            offer("s", second < 30 ? 0 : 1_000);
        }

        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(2);
    }

    @Test
    void shouldStopSplittingAtTheMaximumShardCount() {
        open(b -> b.onDemandScaling(FAST.withShardCounts(1, 1, 2))).createStream(CreateStreamRequest.onDemand("s"));

        int throttled = 0;
        for (int second = 0; second < 30; second++) {
            throttled = offer("s", 4_000);
        }

        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(2);
        assertThat(throttled).isPositive();
    }

    @Test
    void shouldStopSplittingAtTheBrokersShardLimit() {
        open(b -> b.onDemandScaling(FAST).shardLimit(3)).createStream(CreateStreamRequest.onDemand("s"));

        for (int second = 0; second < 30; second++) {
            offer("s", 4_000);
        }

        assertThat(broker.describeLimits().openShardCount()).isEqualTo(3);
    }

    @Test
    void shouldNeverScaleAProvisionedStreamOrOneWithoutWriteLimits() {
        open(b -> b.onDemandScaling(FAST)).createStream("provisioned", 1);
        broker.createStream(CreateStreamRequest.onDemand("unlimited").withShardLimits(ShardLimits.NONE));

        for (int second = 0; second < 30; second++) {
            offer("provisioned", 2_000);
            offer("unlimited", 2_000);
        }

        assertThat(broker.describeStreamSummary("provisioned").openShardCount()).isEqualTo(1);
        assertThat(broker.describeStreamSummary("unlimited").openShardCount()).isEqualTo(1);
    }

    @Test
    void shouldStartScalingOnceSwitchedToOnDemand() {
        open(b -> b.onDemandScaling(FAST)).createStream("s", 1);
        offer("s", 2_000);
        broker.updateStreamMode(broker.describeStreamSummary("s").streamARN(), StreamMode.ON_DEMAND);

        for (int second = 0; second < 15; second++) {
            offer("s", 2_000);
        }

        assertThat(broker.describeStreamSummary("s").openShardCount()).isGreaterThan(1);
    }

    /**
     * Offers a second's worth of records with random keys, then moves the clock a second and lets the
     * broker scale.
     *
     * @return how many records were throttled.
     */
    private int offer(final String stream, final int records) {
        int throttled = 0;
        for (int sent = 0; sent < records; sent += 500) {
            final List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = sent; i < Math.min(records, sent + 500); i++) {
                batch.add(PutRecordsRequestEntry.of(Long.toHexString(random.nextLong()), new byte[100]));
            }
            final int failed = broker.putRecords(stream, batch).failedRecordCount();
            throttled += failed;
            accepted += batch.size() - failed;
        }
        clock.advance(SECOND);
        broker.scaleOnDemandStreams();
        return throttled;
    }
}
