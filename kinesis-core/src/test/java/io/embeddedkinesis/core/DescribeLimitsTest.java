package io.embeddedkinesis.core;

import io.embeddedkinesis.core.junit.BrokerConfigurer;
import io.embeddedkinesis.core.junit.EmbeddedKinesis;
import io.embeddedkinesis.core.junit.KinesisStream;
import io.embeddedkinesis.core.model.DescribeLimitsResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EmbeddedKinesis
class DescribeLimitsTest {
    KinesisBroker broker;

    @Test
    void shouldReportTheDefaultQuotasOfAnEmptyBroker() {
        assertThat(broker.describeLimits()).isEqualTo(new DescribeLimitsResult(500, 0, 0, 50));
    }

    @Test
    @KinesisStream(name = "a", shards = 3)
    @KinesisStream(name = "b", shards = 2)
    void shouldCountOpenShardsOfAllStreamsOnly() {
        broker.splitShard("b", "shardId-000000000000", "1000");

        assertThat(broker.describeLimits().openShardCount()).isEqualTo(6);
        broker.mergeShards("a", "shardId-000000000000", "shardId-000000000001");
        assertThat(broker.describeLimits().openShardCount()).isEqualTo(5);
        broker.deleteStream("a");
        assertThat(broker.describeLimits().openShardCount()).isEqualTo(3);
    }

    @Test
    @EmbeddedKinesis(shardLimit = 10, configurer = SevenOnDemandStreams.class)
    @KinesisStream(name = "s", shards = 4)
    void shouldReportTheConfiguredQuotas() {
        assertThat(broker.describeLimits()).isEqualTo(new DescribeLimitsResult(10, 4, 0, 7));
    }

    @Test
    void shouldRefuseANegativeOnDemandStreamCountLimit() {
        assertThatThrownBy(() -> BrokerConfig.builder().onDemandStreamCountLimit(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("on-demand stream count limit must not be negative: limit=-1");
        assertThat(BrokerConfig.builder().onDemandStreamCountLimit(0).build().onDemandStreamCountLimit()).isZero();
    }

    /** A quota of on-demand streams other than Kinesis's 50, which no annotation attribute sets. */
    private static final class SevenOnDemandStreams implements BrokerConfigurer {
        @Override
        public void configure(final BrokerConfig.Builder config) {
            config.onDemandStreamCountLimit(7);
        }
    }
}
