package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamModeDetails;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.StreamSummary;
import io.embeddedkinesis.core.model.UpdateStreamModeRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The capacity modes: creating on-demand streams, UpdateStreamMode, and what an on-demand stream refuses. */
class OnDemandStreamTest extends BrokerTestSupport {
    private static final String ON_DEMAND_TEXT = "Request is invalid. Stream s under account 000000000000 is in"
        + " On-Demand mode.";

    @Test
    void shouldCreateAnOnDemandStreamWithFourShards() {
        open().createStream(CreateStreamRequest.onDemand("s"));

        assertThat(broker.describeStreamSummary("s").streamModeDetails()).isEqualTo(StreamModeDetails.ON_DEMAND);
        assertThat(broker.describeStream("s").streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(broker.listStreams().streamSummaries()).extracting(StreamSummary::streamModeDetails)
            .containsExactly(StreamModeDetails.ON_DEMAND);
        assertThat(broker.listShards("s").shards()).hasSize(4);
        assertThat(broker.describeLimits().onDemandStreamCount()).isEqualTo(1);
        assertThat(broker.putRecord("s", "k", bytes("v")).shardId()).startsWith("shardId-");
    }

    @Test
    void shouldCreateAnOnDemandStreamWhenNeitherModeNorShardCountIsGiven() {
        open(b -> b.onDemandScaling(OnDemandScaling.DEFAULTS.withShardCounts(2, 1, 10)))
            .createStream(new CreateStreamRequest("s", null, null));

        assertThat(broker.describeStreamSummary("s").streamModeDetails()).isEqualTo(StreamModeDetails.ON_DEMAND);
        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAShardCountForAnOnDemandStream() {
        open();

        assertThatThrownBy(() -> broker.createStream(
            new CreateStreamRequest("s", 2, StreamMode.ON_DEMAND, null, null, null, null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("ShardCount is not expected when StreamMode=ON_DEMAND");
        assertThat(broker.listStreams().streamSummaries()).isEmpty();
    }

    @Test
    void shouldRefuseOnDemandStreamsOverTheAccountsQuota() {
        open(b -> b.onDemandStreamCountLimit(1)).createStream(CreateStreamRequest.onDemand("a"));

        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.onDemand("b")))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("This request would exceed the limit on the number of On-Demand streams for the account"
                + " 000000000000 in us-east-1. Current On-Demand streams count: 1. Limit: 1.");
        broker.createStream("c", 1);
        assertThatThrownBy(() -> broker.updateStreamMode(arn("c"), StreamMode.ON_DEMAND))
            .isInstanceOf(LimitExceededException.class);
        assertThat(broker.describeStreamSummary("c").streamModeDetails()).isEqualTo(StreamModeDetails.PROVISIONED);
    }

    @Test
    void shouldRefuseReshardingAnOnDemandStream() {
        open().createStream(CreateStreamRequest.onDemand("s"));

        assertThatThrownBy(() -> broker.splitShard("s", "shardId-000000000000", "1000"))
            .isInstanceOf(ValidationException.class).hasMessage(ON_DEMAND_TEXT);
        assertThatThrownBy(() -> broker.mergeShards("s", "shardId-000000000000", "shardId-000000000001"))
            .isInstanceOf(ValidationException.class).hasMessage(ON_DEMAND_TEXT);
        assertThatThrownBy(() -> broker.updateShardCount("s", 8))
            .isInstanceOf(ValidationException.class).hasMessage(ON_DEMAND_TEXT);
        assertThat(broker.listShards("s").shards()).hasSize(4);
    }

    @Test
    void shouldSwitchModesKeepingTheShardsAndBeUpdatingMeanwhile() {
        open(b -> b.reshardDelayMs(5_000)).createStream("s", 3);

        broker.updateStreamMode(arn("s"), StreamMode.ON_DEMAND);

        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThat(broker.describeStreamSummary("s").streamModeDetails()).isEqualTo(StreamModeDetails.ON_DEMAND);
        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(3);
        assertThatThrownBy(() -> broker.updateStreamMode(arn("s"), StreamMode.PROVISIONED))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");
        clock.advance(5_000);
        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThatThrownBy(() -> broker.splitShard("s", "shardId-000000000000", "1000"))
            .isInstanceOf(ValidationException.class).hasMessage(ON_DEMAND_TEXT);

        broker.updateStreamMode(arn("s"), StreamMode.PROVISIONED);
        clock.advance(5_000);
        broker.splitShard("s", "shardId-000000000000", "1000");
        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(4);
    }

    @Test
    void shouldAllowTwoSwitchesInARollingDay() {
        open().createStream("s", 1);
        broker.updateStreamMode(arn("s"), StreamMode.ON_DEMAND);
        clock.advance(3_600_000L);
        broker.updateStreamMode(arn("s"), StreamMode.PROVISIONED);
        clock.advance(3_600_000L);

        broker.updateStreamMode(arn("s"), StreamMode.PROVISIONED);
        assertThatThrownBy(() -> broker.updateStreamMode(arn("s"), StreamMode.ON_DEMAND))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("UpdateStreamMode cannot be called more than 2 times in a rolling 24 hour period for stream s"
                + " under account 000000000000.");

        clock.advance(22 * 3_600_000L);
        broker.updateStreamMode(arn("s"), StreamMode.ON_DEMAND);
        assertThat(broker.describeStreamSummary("s").streamModeDetails()).isEqualTo(StreamModeDetails.ON_DEMAND);
    }

    @Test
    void shouldValidateUpdateStreamModeAsTheModelDoes() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.updateStreamMode(new UpdateStreamModeRequest(null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member"
                + " must not be null; Value null at 'streamModeDetails' failed to satisfy constraint: Member must not"
                + " be null");
        assertThatThrownBy(() -> broker.updateStreamMode("s", StreamMode.ON_DEMAND))
            .isInstanceOf(ValidationException.class)
            .hasMessageContaining("Value 's' at 'streamARN' failed to satisfy constraint");
    }

    @Test
    void shouldKeepTheModeAndItsSwitchesAcrossARestart() {
        open().createStream("s", 2);
        broker.updateStreamMode(arn("s"), StreamMode.ON_DEMAND);
        broker.updateStreamMode(arn("s"), StreamMode.PROVISIONED);

        reopen();

        assertThat(broker.describeStreamSummary("s").streamModeDetails()).isEqualTo(StreamModeDetails.PROVISIONED);
        assertThatThrownBy(() -> broker.updateStreamMode(arn("s"), StreamMode.ON_DEMAND))
            .isInstanceOf(LimitExceededException.class);
    }

    private String arn(final String stream) {
        return broker.describeStreamSummary(stream).streamARN();
    }
}
