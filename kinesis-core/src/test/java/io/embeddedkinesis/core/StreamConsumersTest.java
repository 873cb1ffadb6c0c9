package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ConsumerDescription;
import io.embeddedkinesis.core.model.ConsumerStatus;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus;
import io.embeddedkinesis.core.model.RegisterStreamConsumerRequest;
import io.embeddedkinesis.core.model.StreamConsumerRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RegisterStreamConsumer, DescribeStreamConsumer and DeregisterStreamConsumer: names, ARNs, limits and the
 * lifecycle on the clock.
 */
class StreamConsumersTest extends FanOutTestSupport {
    private static final String ARN = streamArn("s");

    @Test
    void shouldRegisterAnActiveConsumerWithAnArnThatCarriesItsCreationSecond() {
        open().createStream("s", 1);

        final Consumer consumer = broker.registerStreamConsumer(ARN, "reader");

        assertThat(consumer.consumerName()).isEqualTo("reader");
        assertThat(consumer.consumerARN()).isEqualTo(ARN + "/consumer/reader:" + START_MS / 1000);
        assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(consumer.consumerCreationTimestamp()).isEqualTo(Instant.ofEpochMilli(START_MS));
        assertThat(broker.describeStreamConsumer(consumer.consumerARN())).isEqualTo(new ConsumerDescription("reader",
            consumer.consumerARN(), ConsumerStatus.ACTIVE, Instant.ofEpochMilli(START_MS), ARN));
        assertThat(broker.describeStreamConsumer(StreamConsumerRequest.of(ARN, "reader")).consumerARN())
            .isEqualTo(consumer.consumerARN());
    }

    @Test
    void shouldBeCreatingUntilTheDelayHasPassedOnTheClock() {
        open(b -> b.consumerCreationDelayMs(3_000)).createStream("s", 1);

        final Consumer consumer = broker.registerStreamConsumer(ARN, "reader");
        clock.advance(2_999);
        final ConsumerStatus justBefore = broker.describeStreamConsumer(consumer.consumerARN()).consumerStatus();
        clock.advance(1);

        assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(justBefore).isEqualTo(ConsumerStatus.CREATING);
        assertThat(broker.describeStreamConsumer(consumer.consumerARN()).consumerStatus())
            .isEqualTo(ConsumerStatus.ACTIVE);
    }

    @Test
    void shouldBeDeletingUntilTheDeletionDelayHasPassedAndThenGone() {
        open(b -> b.consumerDeletionDelayMs(2_000)).createStream("s", 1);
        final String consumerArn = register("s", "reader");

        broker.deregisterStreamConsumer(consumerArn);
        final ConsumerStatus deleting = broker.describeStreamConsumer(consumerArn).consumerStatus();
        clock.advance(2_000);

        assertThat(deleting).isEqualTo(ConsumerStatus.DELETING);
        assertThatThrownBy(() -> broker.describeStreamConsumer(consumerArn))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer reader with creation timestamp " + START_MS / 1000 + " under stream s and account "
                + ACCOUNT + " not found.");
        assertThat(broker.listStreamConsumers(ARN).consumers()).isEmpty();
    }

    @Test
    void shouldDeregisterByStreamArnAndNameAndLetTheNameBeRegisteredAgain() {
        open().createStream("s", 1);
        register("s", "reader");

        broker.deregisterStreamConsumer(StreamConsumerRequest.of(ARN, "reader"));
        clock.advance(1_000);
        final Consumer again = broker.registerStreamConsumer(ARN, "reader");

        assertThat(again.consumerARN()).isEqualTo(ARN + "/consumer/reader:" + (START_MS / 1000 + 1));
        assertThatThrownBy(() -> broker.describeStreamConsumer(ARN + "/consumer/reader:" + START_MS / 1000))
            .isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A-z_0.9", "x"})
    void shouldAcceptNamesOfTheModelsPattern(final String name) {
        open().createStream("s", 1);

        assertThat(broker.registerStreamConsumer(ARN, name).consumerName()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a b|Value 'a b' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression"
            + " pattern: [a-zA-Z0-9_.-]+",
        "a/b|Value 'a/b' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression"
            + " pattern: [a-zA-Z0-9_.-]+",
        "''|Value '' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern:"
            + " [a-zA-Z0-9_.-]+; Value '' at 'consumerName' failed to satisfy constraint: Member must have length"
            + " greater than or equal to 1"})
    void shouldRefuseNamesOutsideTheModelsPattern(final String name, final String errors) {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.registerStreamConsumer(ARN, name))
            .isInstanceOf(ValidationException.class)
            .hasMessageEndingWith("detected: " + errors);
    }

    @Test
    void shouldRefuseNamesLongerThan128Characters() {
        open().createStream("s", 1);
        final String longest = "n".repeat(128);

        assertThat(broker.registerStreamConsumer(ARN, longest).consumerName()).isEqualTo(longest);
        assertThatThrownBy(() -> broker.registerStreamConsumer(ARN, longest + "n"))
            .isInstanceOf(ValidationException.class)
            .hasMessageEndingWith("at 'consumerName' failed to satisfy constraint: Member must have length less than"
                + " or equal to 128");
    }

    @Test
    void shouldRefuseAMissingArnAndName() {
        open();

        assertThatThrownBy(() -> broker.registerStreamConsumer(RegisterStreamConsumerRequest.of(null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member"
                + " must not be null; Value null at 'consumerName' failed to satisfy constraint: Member must not be"
                + " null");
    }

    @Test
    void shouldRefuseASecondConsumerOfTheSameName() {
        open().createStream("s", 1);
        register("s", "reader");

        assertThatThrownBy(() -> broker.registerStreamConsumer(ARN, "reader"))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Consumer reader under stream s and account " + ACCOUNT + " already exists.");
    }

    @Test
    void shouldAllowTheSameNameInAnotherStream() {
        open().createStream("s", 1);
        broker.createStream("t", 1);
        register("s", "reader");

        assertThat(broker.registerStreamConsumer(streamArn("t"), "reader").consumerARN())
            .startsWith(streamArn("t") + "/consumer/reader:");
    }

    @Test
    void shouldAllowTwentyConsumersPerStream() {
        open().createStream("s", 1);
        for (int i = 0; i < 20; i++) {
            register("s", "c" + i);
        }

        assertThatThrownBy(() -> broker.registerStreamConsumer(ARN, "c20"))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("This request would exceed the limit of 20 consumers for stream s under account " + ACCOUNT
                + ".");
        assertThat(broker.listStreamConsumers(ARN).consumers()).hasSize(20);
        assertThat(broker.describeStreamSummary("s").consumerCount()).isEqualTo(20);
    }

    @Test
    void shouldAllowFiftyConsumersPerOnDemandStreamWithOnDemandAdvantage() {
        open().updateAccountSettings(MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        broker.createStream(CreateStreamRequest.onDemand("od"));
        broker.createStream("s", 1);
        for (int i = 0; i < 50; i++) {
            broker.registerStreamConsumer(streamArn("od"), "c" + i);
        }
        for (int i = 0; i < 20; i++) {
            broker.registerStreamConsumer(ARN, "c" + i);
        }

        assertThatThrownBy(() -> broker.registerStreamConsumer(streamArn("od"), "c50"))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("This request would exceed the limit of 50 consumers for stream od under account " + ACCOUNT
                + ".");
        assertThatThrownBy(() -> broker.registerStreamConsumer(ARN, "c20"))
            .as("a provisioned stream keeps the limit of 20")
            .isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("limit of 20 consumers");
        assertThat(broker.listStreamConsumers(streamArn("od")).consumers()).hasSize(50);
    }

    @Test
    void shouldAllowTwentyConsumersPerOnDemandStreamWithoutOnDemandAdvantage() {
        open().createStream(CreateStreamRequest.onDemand("od"));
        for (int i = 0; i < 20; i++) {
            broker.registerStreamConsumer(streamArn("od"), "c" + i);
        }

        assertThatThrownBy(() -> broker.registerStreamConsumer(streamArn("od"), "c20"))
            .isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("limit of 20 consumers");
    }

    @Test
    void shouldAllowFiveConsumersCreatingAtOnce() {
        open(b -> b.consumerCreationDelayMs(1_000)).createStream("s", 1);
        broker.createStream("t", 1);
        for (int i = 0; i < 5; i++) {
            register(i < 3 ? "s" : "t", "c" + i);
        }

        assertThatThrownBy(() -> broker.registerStreamConsumer(ARN, "c5"))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("This request would exceed the limit of 5 consumers in CREATING status for the account "
                + ACCOUNT + " in us-east-1.");
        clock.advance(1_000);
        assertThat(broker.registerStreamConsumer(ARN, "c5").consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
    }

    @Test
    void shouldRefuseAMissingOrNotActiveStream() {
        open(b -> b.streamCreationDelayMs(1_000)).createStream("s", 1);

        assertThatThrownBy(() -> broker.registerStreamConsumer(streamArn("missing"), "reader"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account " + ACCOUNT + " not found.");
        assertThatThrownBy(() -> broker.registerStreamConsumer(ARN, "reader"))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account " + ACCOUNT + " is not ACTIVE.");
    }

    @Test
    void shouldNameTheConsumerByArnOrByStreamArnAndName() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");

        assertThatThrownBy(() -> broker.describeStreamConsumer(new StreamConsumerRequest(ARN, null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        assertThatThrownBy(() -> broker.describeStreamConsumer(StreamConsumerRequest.of(ARN, "other")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer other under stream s and account " + ACCOUNT + " not found.");
        assertThatThrownBy(() -> broker.describeStreamConsumer(new StreamConsumerRequest(null, "other", consumerArn)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("ConsumerARN " + consumerArn + " does not refer to the consumer named by StreamARN and"
                + " ConsumerName.");
        assertThat(broker.describeStreamConsumer(new StreamConsumerRequest(ARN, "reader", consumerArn))
            .consumerName()).isEqualTo("reader");
    }

    @Test
    void shouldRefuseAConsumerArnOutsideTheModelsPattern() {
        open();

        assertThatThrownBy(() -> broker.describeStreamConsumer(ARN + "/consumer/reader"))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '" + ARN + "/consumer/reader' at 'consumerARN' failed to"
                + " satisfy constraint: Member must satisfy regular expression pattern: ^(arn):aws.*:kinesis:.*:"
                + "\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
    }

    @Test
    void shouldSayWhichConsumerIsMissing() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");

        assertThatThrownBy(() -> broker.describeStreamConsumer(ARN + "/consumer/reader:1"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer reader with creation timestamp 1 under stream s and account " + ACCOUNT
                + " not found.");
        assertThatThrownBy(() -> broker.deregisterStreamConsumer(streamArn("gone") + "/consumer/reader:1"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream gone under account " + ACCOUNT + " not found.");
        assertThat(broker.describeStreamConsumer(consumerArn).consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
    }

    @Test
    void shouldRefuseToDeleteAStreamWithConsumersUnlessEnforced() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");

        assertThatThrownBy(() -> broker.deleteStream("s"))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("DeleteStream can\u2019t delete " + ACCOUNT + ":s because there are consumers associated with"
                + " this data stream. To delete s anyway, set the EnforceConsumerDeletion parameter to true to force"
                + " the deletion of all the consumers that are associated with it.");
        broker.deleteStream(new DeleteStreamRequest(StreamRequest.of("s"), true));
        broker.createStream("s", 1);

        assertThatThrownBy(() -> broker.describeStreamConsumer(consumerArn))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThat(broker.listStreamConsumers(ARN).consumers()).isEmpty();
        assertThat(broker.describeStreamSummary("s").consumerCount()).isZero();
    }

    @Test
    void shouldDeleteAStreamWithoutConsumersWhetherOrNotEnforced() {
        open().createStream("s", 1);
        broker.createStream(CreateStreamRequest.of("t", 1));

        broker.deleteStream("s");
        broker.deleteStream(new DeleteStreamRequest(StreamRequest.of("t"), true));

        assertThat(broker.listStreams().streamNames()).isEmpty();
    }
}
