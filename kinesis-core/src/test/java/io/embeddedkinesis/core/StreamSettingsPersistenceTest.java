package io.embeddedkinesis.core;

import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.StreamDescriptionSummary;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamModeDetails;
import io.embeddedkinesis.core.model.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting a stream persists survives every other kind of change to the stream's metadata, and a
 * restart: each change rewrites the whole {@code stream.json}, so one that forgot a field would lose it.
 */
class StreamSettingsPersistenceTest extends BrokerTestSupport {

    @Test
    void shouldKeepEverySettingThroughEveryKindOfChangeAndARestart() {
        open().createStream(CreateStreamRequest.of("s", 2).withMaxRecordSizeInKiB(2048)
            .withTags(Map.of("team", "web")));
        final String arn = broker.describeStreamSummary("s").streamARN();

        broker.startStreamEncryption("s", "alias/aws/kinesis");
        broker.enableEnhancedMonitoring("s", MetricsName.INCOMING_BYTES);
        broker.increaseStreamRetentionPeriod("s", 48);
        broker.splitShard("s", "shardId-000000000000", "1000");
        broker.addTagsToStream("s", Map.of("env", "test"));
        broker.updateStreamMode(arn, StreamMode.ON_DEMAND);
        broker.updateMaxRecordSize(arn, 4096);
        reopen();

        final StreamDescriptionSummary summary = broker.describeStreamSummary("s");
        assertThat(summary.maxRecordSizeInKiB()).isEqualTo(4096);
        assertThat(summary.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(summary.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(summary.retentionPeriodHours()).isEqualTo(48);
        assertThat(summary.streamModeDetails()).isEqualTo(StreamModeDetails.ON_DEMAND);
        assertThat(summary.openShardCount()).isEqualTo(3);
        assertThat(summary.enhancedMonitoring().get(0).shardLevelMetrics())
            .containsExactly(MetricsName.INCOMING_BYTES);
        assertThat(broker.listTagsForStream("s").tags())
            .containsExactly(new Tag("env", "test"), new Tag("team", "web"));
        assertThat(broker.listShards("s").shards()).hasSize(4);
    }
}
