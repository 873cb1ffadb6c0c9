package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.DeleteResourcePolicyRequest;
import io.embeddedkinesis.core.model.GetResourcePolicyRequest;
import io.embeddedkinesis.core.model.PutResourcePolicyRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on stream and consumer ARNs, and how bad
 * requests and unknown resources are answered.
 */
class ResourcePolicyTest extends FanOutTestSupport {
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kinesis:GetRecords\","
        + "\"Resource\":\"" + streamArn("s") + "\"}]}";
    static final String OTHER_POLICY = "{ \"Version\": \"2012-10-17\", \"Statement\": [] }";
    static final String NOT_A_JSON_OBJECT = "Policy is not a valid JSON object.";
    private static final String ARN = streamArn("s");
    private static final String ARN_PATTERN = "arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+";

    @Test
    void shouldPutGetReplaceAndDeleteAStreamsPolicy() {
        open().createStream("s", 1);

        broker.putResourcePolicy(ARN, POLICY);
        final String put = broker.getResourcePolicy(ARN).policy();
        broker.putResourcePolicy(ARN, OTHER_POLICY);
        final String replaced = broker.getResourcePolicy(ARN).policy();
        broker.deleteResourcePolicy(ARN);

        assertThat(put).isEqualTo(POLICY);
        assertThat(replaced).isEqualTo(OTHER_POLICY);
        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo("{}");
    }

    @Test
    void shouldAnswerAnEmptyPolicyAndDeleteQuietlyWhereThereIsNone() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");

        broker.deleteResourcePolicy(ARN);
        broker.deleteResourcePolicy(new DeleteResourcePolicyRequest(consumerArn));

        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo("{}");
        assertThat(broker.getResourcePolicy(new GetResourcePolicyRequest(consumerArn)).policy()).isEqualTo("{}");
    }

    @Test
    void shouldKeepAConsumersPolicyApartFromItsStreams() {
        open().createStream("s", 1);
        final String reader = register("s", "reader");
        final String other = register("s", "other");

        broker.putResourcePolicy(new PutResourcePolicyRequest(reader, POLICY));
        broker.putResourcePolicy(ARN, OTHER_POLICY);

        assertThat(broker.getResourcePolicy(reader).policy()).isEqualTo(POLICY);
        assertThat(broker.getResourcePolicy(other).policy()).isEqualTo("{}");
        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo(OTHER_POLICY);
        broker.deleteResourcePolicy(reader);
        assertThat(broker.getResourcePolicy(reader).policy()).isEqualTo("{}");
        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo(OTHER_POLICY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not json", "[]", "\"{}\"", "42", "null", "{", "{\"a\":1} {}", "{'a':1}"})
    void shouldRefuseAPolicyThatIsNotAJsonObjectAndKeepTheOldOne(final String policy) {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");
        broker.putResourcePolicy(ARN, POLICY);

        assertThatThrownBy(() -> broker.putResourcePolicy(ARN, policy))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(NOT_A_JSON_OBJECT);
        assertThatThrownBy(() -> broker.putResourcePolicy(consumerArn, policy))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(NOT_A_JSON_OBJECT);
        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo(POLICY);
        assertThat(broker.getResourcePolicy(consumerArn).policy()).isEqualTo("{}");
    }

    @Test
    void shouldCheckTheMembersAsTheModelDoes() {
        open();

        assertThatThrownBy(() -> broker.putResourcePolicy(new PutResourcePolicyRequest(null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'resourceARN' failed to satisfy constraint:"
                + " Member must not be null; Value null at 'policy' failed to satisfy constraint: Member must not be"
                + " null");
        assertThatThrownBy(() -> broker.getResourcePolicy(new GetResourcePolicyRequest(null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint:"
                + " Member must not be null");
        final String longArn = ARN + "x".repeat(2049 - ARN.length());
        assertThatThrownBy(() -> broker.deleteResourcePolicy(longArn))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '" + longArn + "' at 'resourceARN' failed to satisfy"
                + " constraint: Member must have length less than or equal to 2048");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "arn:aws:sqs:us-east-1:000000000000:queue", "arn:aws:kinesis:us-east-1:0:stream/s",
        "arn:aws:kinesis:us-east-1:000000000000:stream/"})
    void shouldRefuseWhatIsNotAKinesisResourceArnAsTagResourceDoes(final String arn) {
        open().createStream("s", 1);
        final String expected = "1 validation error detected: Value '" + arn + "' at 'resourceARN' failed to"
            + " satisfy constraint: Member must satisfy regular expression pattern: " + ARN_PATTERN;

        assertThatThrownBy(() -> broker.putResourcePolicy(arn, POLICY))
            .isInstanceOf(ValidationException.class).hasMessage(expected);
        assertThatThrownBy(() -> broker.getResourcePolicy(arn))
            .isInstanceOf(ValidationException.class).hasMessage(expected);
        assertThatThrownBy(() -> broker.deleteResourcePolicy(arn))
            .isInstanceOf(ValidationException.class).hasMessage(expected);
    }

    @Test
    void shouldSayTheStreamOrConsumerIsMissing() {
        open().createStream("s", 1);
        final String otherStream = streamArn("other");
        final String consumer = ARN + "/consumer/reader:1525898737";

        assertThatThrownBy(() -> broker.putResourcePolicy(otherStream, POLICY))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream other under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.getResourcePolicy(otherStream))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream other under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.deleteResourcePolicy(consumer))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer reader with creation timestamp 1525898737 under stream s and account 000000000000"
                + " not found.");
        assertThatThrownBy(() -> broker.putResourcePolicy(otherStream + "/consumer/reader:1525898737", POLICY))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream other under account 000000000000 not found.");
    }

    @Test
    void shouldSayTheResourceIsMissingBeforeLookingAtThePolicy() {
        open();

        assertThatThrownBy(() -> broker.putResourcePolicy(ARN, "not json"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream s under account 000000000000 not found.");
    }

    @Test
    void shouldRefuseAnArnOfAnotherKindOfResource() {
        open();
        final String arn = "arn:aws:kinesis:us-east-1:000000000000:deliverystream/s";

        assertThatThrownBy(() -> broker.getResourcePolicy(arn))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("ResourceARN " + arn + " does not name a Kinesis stream or consumer.");
    }

    @Test
    void shouldTakeAPolicyWhileCreatingAndOnlyShowItWhileDeletingAsTagResourceDoes() {
        open(b -> b.streamCreationDelayMs(1_000).streamDeletionDelayMs(1_000)).createStream("s", 1);
        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.CREATING);

        broker.putResourcePolicy(ARN, POLICY);
        clock.advance(1_000);
        broker.deleteStream("s");

        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.DELETING);
        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo(POLICY);
        assertThatThrownBy(() -> broker.putResourcePolicy(ARN, OTHER_POLICY))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream s under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.deleteResourcePolicy(ARN))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream s under account 000000000000 not found.");
        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo(POLICY);
    }
}
