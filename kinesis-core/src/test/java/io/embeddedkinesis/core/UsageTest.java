package io.embeddedkinesis.core;

import io.embeddedkinesis.core.metrics.StreamUsage;
import io.embeddedkinesis.core.metrics.UsagePrices;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTest extends BrokerTestSupport {
    private static final long HOUR_MS = 3_600_000L;
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String MIDDLE = BigInteger.ONE.shiftLeft(127).toString();

    @Test
    void shouldCountShardHoursOnTheBrokersClock() {
        open().createStream("s", 2);

        clock.advance(3 * HOUR_MS);
        final StreamUsage usage = broker.usage("s");

        assertThat(usage.streamName()).isEqualTo("s");
        assertThat(usage.since()).isEqualTo(Instant.ofEpochMilli(START_MS));
        assertThat(usage.until()).isEqualTo(Instant.ofEpochMilli(START_MS + 3 * HOUR_MS));
        assertThat(usage.shardMillis()).isEqualTo(6 * HOUR_MS);
        assertThat(usage.shardHours()).isEqualTo(6.0);
    }

    @Test
    void shouldCountOnlyOpenShardsThroughResharding() {
        open().createStream("s", 1);
        clock.advance(HOUR_MS);
        broker.splitShard("s", SHARD_0, MIDDLE);
        clock.advance(2 * HOUR_MS);
        broker.updateShardCount("s", 4);
        clock.advance(HOUR_MS);

        assertThat(broker.usage("s").shardHours()).isEqualTo(1 + 2 * 2 + 4);
    }

    @Test
    void shouldKeepCountingTheHoursOfShardsThatExpired() {
        open(b -> b.minimumRetentionPeriodHours(1)).createStream("s", 1);
        broker.decreaseStreamRetentionPeriod("s", 1);
        clock.advance(HOUR_MS);
        broker.splitShard("s", SHARD_0, MIDDLE);
        clock.advance(2 * HOUR_MS);

        broker.enforceRetention();

        assertThat(broker.listShards("s").shards()).hasSize(2);
        assertThat(broker.usage("s").shardHours()).isEqualTo(1 + 2 * 2);
    }

    @Test
    void shouldCountPutPayloadUnitsOfWrittenRecordsAndBytesRead() {
        open().createStream(CreateStreamRequest.of("s", 1).withShardLimits(ShardLimits.NONE));
        broker.putRecord("s", "k", new byte[10]);
        broker.putRecord("s", "k", new byte[25 * 1024]);
        broker.putRecords("s", List.of(new PutRecordsRequestEntry(new byte[1024 * 1024 - 1], "k", null),
            new PutRecordsRequestEntry(new byte[100], "key", null)));

        broker.getRecords(broker.getShardIterator("s", SHARD_0, ShardIteratorType.TRIM_HORIZON));
        final StreamUsage usage = broker.usage("s");

        assertThat(usage.putPayloadUnits()).isEqualTo(1 + 2 + 41 + 1);
        assertThat(usage.bytesRead()).isEqualTo(11 + (25 * 1024 + 1) + 1024 * 1024 + 103);
    }

    @Test
    void shouldEstimateTheCostAtTheConfiguredPrices() {
        open(b -> b.usagePrices(UsagePrices.of("0.015", "0.014", "0.04"))).createStream("s", 2);
        for (int i = 0; i < 1_000; i++) {
            broker.putRecord("s", "k" + i, new byte[10]);
        }
        clock.advance(10 * HOUR_MS);

        final StreamUsage usage = broker.usage("s");

        assertThat(usage.putPayloadUnits()).isEqualTo(1_000);
        assertThat(usage.estimatedCost()).isEqualByComparingTo("0.300014");
        assertThat(usage.cost(UsagePrices.NONE)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldCostNothingWithoutPrices() {
        open().createStream("s", 1);
        clock.advance(HOUR_MS);

        assertThat(broker.usage("s").estimatedCost()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldCountFromWhenTheBrokerReopenedTheStream() {
        open().createStream("s", 1);
        broker.putRecord("s", "k", new byte[10]);
        clock.advance(HOUR_MS);

        reopen();
        clock.advance(HOUR_MS);
        final StreamUsage usage = broker.usage("s");

        assertThat(usage.since()).isEqualTo(Instant.ofEpochMilli(START_MS + HOUR_MS));
        assertThat(usage.shardHours()).isEqualTo(1.0);
        assertThat(usage.putPayloadUnits()).isZero();
    }
}
