package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.util.ArrayList;
import java.util.List;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Capacity modes through the AWS SDK for Java v2 sync client: on-demand streams, UpdateStreamMode, and an
 * on-demand stream scaling under load; runs once per wire encoding.
 */
abstract class StreamModesSdkTest extends SdkTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldCreateAnOnDemandStreamAndRefuseReshardingIt() {
        kinesis.createStream(b -> b.streamName("s").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(kinesis.listShards(b -> b.streamName("s")).shards()).hasSize(4);
        assertThat(kinesis.describeLimits(b -> { }).onDemandStreamCount()).isEqualTo(1);
        assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName("s").targetShardCount(8)
            .scalingType("UNIFORM_SCALING")))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e))
                .isEqualTo("Request is invalid. Stream s under account 000000000000 is in On-Demand mode."));
    }

    @Test
    void shouldValidateTheStreamModeAndRefuseAShardCountWithOnDemand() {
        assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("s").shardCount(2)
            .streamModeDetails(m -> m.streamMode("SOMETIMES"))))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value 'SOMETIMES' at"
                + " 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set:"
                + " [PROVISIONED, ON_DEMAND]"));
        assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("s").shardCount(2)
            .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("ShardCount is not expected when StreamMode=ON_DEMAND"));
    }

    @Test
    void shouldSwitchModesTwiceADayByArn() {
        kinesis.createStream(b -> b.streamName("s").shardCount(2));

        kinesis.updateStreamMode(b -> b.streamARN(ARN).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        kinesis.updateStreamMode(b -> b.streamARN(ARN).streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED)));

        assertThat(kinesis.describeStream(b -> b.streamName("s")).streamDescription().streamModeDetails()
            .streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThatThrownBy(() -> kinesis.updateStreamMode(b -> b.streamARN(ARN)
            .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
            .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void shouldGrowAnOnDemandStreamUnderLoad() {
        kinesis.createStream(b -> b.streamName("s").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        final List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).data(SdkBytes.fromUtf8String("v"))
                .build());
        }

        for (int second = 0; second < 60; second++) {
            for (int call = 0; call < 8; call++) {
                kinesis.putRecords(b -> b.streamName("s").records(batch));
            }
            clock.advance(1_000);
            broker.scaleOnDemandStreams();
        }

        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .openShardCount()).isGreaterThan(4);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends StreamModesSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends StreamModesSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
