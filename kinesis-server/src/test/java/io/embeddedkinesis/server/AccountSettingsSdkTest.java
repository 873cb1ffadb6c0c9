package io.embeddedkinesis.server;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;
import software.amazon.awssdk.services.kinesis.model.ValidationException;
import software.amazon.awssdk.services.kinesis.model.WarmThroughputObject;

import java.time.Instant;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The account's billing commitment and warm throughput through the AWS SDK for Java v2 sync client:
 * DescribeAccountSettings, UpdateAccountSettings with its 24-hour minimum, UpdateStreamWarmThroughput, and
 * WarmThroughputMiBps in CreateStream and UpdateStreamMode as DescribeStreamSummary shows them; runs once per
 * wire encoding.
 */
abstract class AccountSettingsSdkTest extends SdkTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final long HOUR_MS = 3_600_000L;

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Override
    BrokerConfig.Builder configure(final BrokerConfig.Builder builder) {
        return builder.reshardDelayMs(5_000);
    }

    @Test
    void shouldKeepACommitmentForADayAndEndItThenWhenDisabledSooner() {
        assertThat(kinesis.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment()).isNull();

        final MinimumThroughputBillingCommitmentOutput enabled = update(
            MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        clock.advance(HOUR_MS);
        final MinimumThroughputBillingCommitmentOutput pending = update(
            MinimumThroughputBillingCommitmentInputStatus.DISABLED);
        clock.advance(23 * HOUR_MS);

        assertThat(enabled.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        assertThat(enabled.startedAt()).isEqualTo(Instant.ofEpochMilli(START_MS));
        assertThat(enabled.earliestAllowedEndAt()).isEqualTo(Instant.ofEpochMilli(START_MS + 24 * HOUR_MS));
        assertThat(enabled.endedAt()).isNull();
        assertThat(pending.status())
            .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        final MinimumThroughputBillingCommitmentOutput ended = kinesis.describeAccountSettings(b -> { })
            .minimumThroughputBillingCommitment();
        assertThat(ended.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
        assertThat(ended.endedAt()).isEqualTo(Instant.ofEpochMilli(START_MS + 24 * HOUR_MS));
    }

    @Test
    void shouldRefuseAnUnknownOrMissingStatus() {
        assertThatThrownBy(() -> kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c
            .status("SOMETIMES"))))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value 'SOMETIMES' at"
                + " 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy"
                + " enum value set: [ENABLED, DISABLED]"));
        assertThatThrownBy(() -> kinesis.updateAccountSettings(b -> { }))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value null at"
                + " 'minimumThroughputBillingCommitment' failed to satisfy constraint: Member must not be null"));
    }

    @Test
    void shouldWarmAnOnDemandStreamOnceTheCommitmentIsEnabled() {
        kinesis.createStream(b -> b.streamName("s").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        assertThatThrownBy(() -> kinesis.updateStreamWarmThroughput(b -> b.streamARN(ARN).warmThroughputMiBps(100)))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Request is invalid. MinimumThroughputBillingCommitment"
                + " is not enabled for account 000000000000."));
        update(MinimumThroughputBillingCommitmentInputStatus.ENABLED);

        final UpdateStreamWarmThroughputResponse response = kinesis.updateStreamWarmThroughput(b -> b.streamName("s")
            .warmThroughputMiBps(100));
        final var updating = kinesis.describeStreamSummary(b -> b.streamARN(ARN)).streamDescriptionSummary();
        clock.advance(5_000);

        assertThat(response.streamARN()).isEqualTo(ARN);
        assertThat(response.streamName()).isEqualTo("s");
        assertThat(response.warmThroughput()).isEqualTo(warm(100, 0));
        assertThat(updating.streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .warmThroughput()).isEqualTo(warm(100, 100));
        assertThatThrownBy(() -> kinesis.updateStreamWarmThroughput(b -> b.streamName("s")
            .warmThroughputMiBps(10_241)))
            .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void shouldHonourWarmThroughputInCreateStreamAndUpdateStreamMode() {
        update(MinimumThroughputBillingCommitmentInputStatus.ENABLED);

        kinesis.createStream(b -> b.streamName("s").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))
            .warmThroughputMiBps(64));
        kinesis.createStream(b -> b.streamName("p").shardCount(1));
        kinesis.updateStreamMode(b -> b.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/p")
            .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)).warmThroughputMiBps(32));
        clock.advance(5_000);

        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .warmThroughput()).isEqualTo(warm(64, 64));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("p")).streamDescriptionSummary()
            .warmThroughput()).isEqualTo(warm(32, 32));
        assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("q").shardCount(1).warmThroughputMiBps(8)))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e))
                .isEqualTo("WarmThroughputMiBps is not expected when StreamMode=PROVISIONED"));
    }

    @Test
    void shouldRefuseWarmThroughputForAProvisionedStream() {
        update(MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        assertThatThrownBy(() -> kinesis.updateStreamWarmThroughput(b -> b.streamName("s").warmThroughputMiBps(1)))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e))
                .isEqualTo("Request is invalid. Stream s under account 000000000000 is in Provisioned mode."));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .warmThroughput()).isNull();
    }

    private MinimumThroughputBillingCommitmentOutput update(
        final MinimumThroughputBillingCommitmentInputStatus status) {
        return kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status(status)))
            .minimumThroughputBillingCommitment();
    }

    private static WarmThroughputObject warm(final int target, final int current) {
        return WarmThroughputObject.builder().targetMiBps(target).currentMiBps(current).build();
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends AccountSettingsSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends AccountSettingsSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
