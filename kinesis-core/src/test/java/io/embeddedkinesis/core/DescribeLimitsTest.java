package io.embeddedkinesis.core;

import io.embeddedkinesis.core.model.DescribeLimitsResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescribeLimitsTest extends BrokerTestSupport {

    @Test
    void shouldReportTheDefaultQuotasOfAnEmptyBroker() {
        open();

        assertThat(broker.describeLimits()).isEqualTo(new DescribeLimitsResult(500, 0, 0, 50));
    }

    @Test
    void shouldCountOpenShardsOfAllStreamsOnly() {
        open().createStream("a", 3);
        broker.createStream("b", 2);
        broker.splitShard("b", "shardId-000000000000", "1000");

        assertThat(broker.describeLimits().openShardCount()).isEqualTo(6);
        broker.mergeShards("a", "shardId-000000000000", "shardId-000000000001");
        assertThat(broker.describeLimits().openShardCount()).isEqualTo(5);
        broker.deleteStream("a");
        assertThat(broker.describeLimits().openShardCount()).isEqualTo(3);
    }

    @Test
    void shouldReportTheConfiguredQuotas() {
        open(b -> b.shardLimit(10).onDemandStreamCountLimit(7)).createStream("s", 4);

        assertThat(broker.describeLimits()).isEqualTo(new DescribeLimitsResult(10, 4, 0, 7));
    }

    @Test
    void shouldRefuseANegativeOnDemandStreamCountLimit() {
        assertThatThrownBy(() -> BrokerConfig.builder().onDemandStreamCountLimit(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("on-demand stream count limit must not be negative: limit=-1");
        assertThat(BrokerConfig.builder().onDemandStreamCountLimit(0).build().onDemandStreamCountLimit()).isZero();
    }
}
