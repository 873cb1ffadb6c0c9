package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.UpdateStreamModeRequest;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputRequest;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputResult;
import io.embeddedkinesis.core.model.WarmThroughputObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus.DISABLED;
import static io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus.ENABLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Warm throughput of on-demand streams: UpdateStreamWarmThroughput, CreateStream's and UpdateStreamMode's
 * WarmThroughputMiBps, what DescribeStreamSummary shows while the stream is UPDATING and after, persistence,
 * and the refusals (no commitment, provisioned streams, the quota).
 */
class WarmThroughputTest extends BrokerTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final String NO_COMMITMENT = "Request is invalid. MinimumThroughputBillingCommitment is not"
        + " enabled for account 000000000000.";
    private static final long DAY_MS = 24 * 3_600_000L;

    @Test
    void shouldShowTheTargetAsCurrentOnceTheStreamIsActiveAgain() {
        open(b -> b.reshardDelayMs(5_000)).updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));

        final UpdateStreamWarmThroughputResult result = broker.updateStreamWarmThroughput("s", 100);
        final var updating = broker.describeStreamSummary("s");
        clock.advance(5_000);
        final var active = broker.describeStreamSummary("s");

        assertThat(result).isEqualTo(new UpdateStreamWarmThroughputResult(ARN, "s", new WarmThroughputObject(100, 0)));
        assertThat(updating.streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThat(updating.warmThroughput()).isEqualTo(new WarmThroughputObject(100, 0));
        assertThat(active.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(active.warmThroughput()).isEqualTo(new WarmThroughputObject(100, 100));
    }

    @Test
    void shouldKeepThePreviousTargetCurrentWhileALowerOneIsApplied() {
        open(b -> b.reshardDelayMs(5_000)).updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));
        broker.updateStreamWarmThroughput("s", 200);
        clock.advance(5_000);

        final var lowered = broker.updateStreamWarmThroughput(ARN, 50).warmThroughput();
        clock.advance(5_000);

        assertThat(lowered).isEqualTo(new WarmThroughputObject(50, 200));
        assertThat(broker.describeStreamSummary("s").warmThroughput()).isEqualTo(new WarmThroughputObject(50, 50));
    }

    @Test
    void shouldShowNoWarmThroughputForAStreamThatHasNone() {
        open().updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));
        broker.createStream("p", 1);

        assertThat(broker.describeStreamSummary("s").warmThroughput()).isNull();
        assertThat(broker.describeStreamSummary("p").warmThroughput()).isNull();
    }

    @Test
    void shouldRefuseWarmThroughputWithoutACommitmentInForce() {
        open().createStream(CreateStreamRequest.onDemand("s"));

        assertThatThrownBy(() -> broker.updateStreamWarmThroughput("s", 100))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage(NO_COMMITMENT);
        broker.updateAccountSettings(ENABLED);
        broker.updateAccountSettings(DISABLED);
        broker.updateStreamWarmThroughput("s", 100);
        clock.advance(DAY_MS);
        assertThatThrownBy(() -> broker.updateStreamWarmThroughput("s", 200))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage(NO_COMMITMENT);
        assertThat(broker.describeStreamSummary("s").warmThroughput().targetMiBps()).isEqualTo(100);
    }

    @Test
    void shouldRefuseAProvisionedStream() {
        open().updateAccountSettings(ENABLED);
        broker.createStream("s", 1);

        assertThatThrownBy(() -> broker.updateStreamWarmThroughput("s", 100))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Request is invalid. Stream s under account 000000000000 is in Provisioned mode.");
    }

    @ParameterizedTest
    @CsvSource({"0, true", "10240, true", "10241, false"})
    void shouldAllowAtMostTenGibibytesASecond(final int miBps, final boolean allowed) {
        open().updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));

        if (allowed) {
            assertThat(broker.updateStreamWarmThroughput("s", miBps).warmThroughput().targetMiBps()).isEqualTo(miBps);
        } else {
            assertThatThrownBy(() -> broker.updateStreamWarmThroughput("s", miBps))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("This request would exceed the limit on the warm throughput of an On-Demand stream for"
                    + " the account 000000000000 in us-east-1. Requested warm throughput: 10241 MiBps. Limit: 10240"
                    + " MiBps.");
        }
    }

    @Test
    void shouldTakeTheQuotaFromTheConfiguration() {
        open(b -> b.maxWarmThroughputMiBps(20_480)).updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));

        assertThat(broker.updateStreamWarmThroughput("s", 20_480).warmThroughput().targetMiBps()).isEqualTo(20_480);
    }

    @Test
    void shouldRefuseAChangeWhileTheStreamIsUpdatingAndAcceptTheSameTargetWithoutOne() {
        open(b -> b.reshardDelayMs(5_000)).updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));
        broker.updateStreamWarmThroughput("s", 100);

        assertThatThrownBy(() -> broker.updateStreamWarmThroughput("s", 200))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");
        clock.advance(5_000);
        assertThat(broker.updateStreamWarmThroughput("s", 100).warmThroughput())
            .isEqualTo(new WarmThroughputObject(100, 100));
        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void shouldValidateTheRequestBeforeLookingAtTheStream() {
        open().updateAccountSettings(ENABLED);

        assertThatThrownBy(() -> broker.updateStreamWarmThroughput(new UpdateStreamWarmThroughputRequest(
            StreamRequest.of("s"), null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'warmThroughputMiBps' failed to satisfy"
                + " constraint: Member must not be null");
        assertThatThrownBy(() -> broker.updateStreamWarmThroughput("s", -1))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 0");
        assertThatThrownBy(() -> broker.updateStreamWarmThroughput(new UpdateStreamWarmThroughputRequest(
            new StreamRequest(null, null), 1)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Either StreamName or StreamARN must be provided.");
        assertThatThrownBy(() -> broker.updateStreamWarmThroughput("s", 1))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream s under account 000000000000 not found.");
    }

    @Test
    void shouldCreateAnOnDemandStreamWithWarmThroughput() {
        open(b -> b.streamCreationDelayMs(1_000)).updateAccountSettings(ENABLED);

        broker.createStream(CreateStreamRequest.onDemand("s").withWarmThroughputMiBps(300));
        final var creating = broker.describeStreamSummary("s").warmThroughput();
        clock.advance(1_000);

        assertThat(creating).isEqualTo(new WarmThroughputObject(300, 0));
        assertThat(broker.describeStreamSummary("s").warmThroughput()).isEqualTo(new WarmThroughputObject(300, 300));
    }

    @Test
    void shouldRefuseWarmThroughputAtCreationForAProvisionedStreamOrWithoutTheCommitment() {
        open();

        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.of("p", 1).withWarmThroughputMiBps(10)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("WarmThroughputMiBps is not expected when StreamMode=PROVISIONED");
        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.onDemand("s").withWarmThroughputMiBps(10)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage(NO_COMMITMENT);
        assertThat(broker.listStreams().streamNames()).isEmpty();
    }

    @Test
    void shouldSwitchToOnDemandWithWarmThroughputAndDropItWhenSwitchingBack() {
        open(b -> b.reshardDelayMs(5_000)).updateAccountSettings(ENABLED);
        broker.createStream("s", 2);

        broker.updateStreamMode(new UpdateStreamModeRequest(ARN, StreamMode.ON_DEMAND, 500));
        final var switched = broker.describeStreamSummary("s").warmThroughput();
        clock.advance(5_000);
        assertThatThrownBy(() -> broker.updateStreamMode(new UpdateStreamModeRequest(ARN, StreamMode.PROVISIONED,
            500)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("WarmThroughputMiBps is not expected when StreamMode=PROVISIONED");
        broker.updateStreamMode(ARN, StreamMode.PROVISIONED);

        assertThat(switched).isEqualTo(new WarmThroughputObject(500, 0));
        assertThat(broker.describeStreamSummary("s").warmThroughput()).isNull();
    }

    @Test
    void shouldSetWarmThroughputThroughUpdateStreamModeWithoutUsingASwitch() {
        open().updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));

        broker.updateStreamMode(new UpdateStreamModeRequest(ARN, StreamMode.ON_DEMAND, 64));
        final var warm = broker.describeStreamSummary("s").warmThroughput();
        broker.updateStreamMode(ARN, StreamMode.PROVISIONED);
        broker.updateStreamMode(ARN, StreamMode.ON_DEMAND);

        assertThat(warm).isEqualTo(new WarmThroughputObject(64, 64));
        assertThat(broker.describeStreamSummary("s").streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    }

    @Test
    void shouldRefuseWarmThroughputOnASwitchWithoutTheCommitment() {
        open().createStream("s", 2);

        assertThatThrownBy(() -> broker.updateStreamMode(new UpdateStreamModeRequest(ARN, StreamMode.ON_DEMAND, 5)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage(NO_COMMITMENT);
        assertThat(broker.describeStreamSummary("s").streamModeDetails().streamMode())
            .isEqualTo(StreamMode.PROVISIONED);
    }

    @Test
    void shouldKeepTheWarmThroughputThroughARestart() {
        open().updateAccountSettings(ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("s"));
        broker.updateStreamWarmThroughput("s", 128);

        reopen();

        assertThat(broker.describeStreamSummary("s").warmThroughput()).isEqualTo(new WarmThroughputObject(128, 128));
    }
}
