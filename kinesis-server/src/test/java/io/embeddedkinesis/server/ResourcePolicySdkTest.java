package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on stream and consumer ARNs, driven by the AWS
 * SDK for Java v2 sync client; runs once per wire encoding.
 */
abstract class ResourcePolicySdkTest extends SdkTestSupport {
    private static final String ACCOUNT = "000000000000";
    private static final String ARN = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/s";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"kinesis:DescribeStreamSummary\","
        + "\"kinesis:PutRecord\"],\"Resource\":\"" + ARN + "\"}]}";
    private static final String OTHER_POLICY = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}";

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldPutGetReplaceAndDeleteAStreamsPolicy() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        kinesis.putResourcePolicy(b -> b.resourceARN(ARN).policy(POLICY));
        final String put = kinesis.getResourcePolicy(b -> b.resourceARN(ARN)).policy();
        kinesis.putResourcePolicy(b -> b.resourceARN(ARN).policy(OTHER_POLICY));
        final String replaced = kinesis.getResourcePolicy(b -> b.resourceARN(ARN)).policy();
        kinesis.deleteResourcePolicy(b -> b.resourceARN(ARN));

        assertThat(put).isEqualTo(POLICY);
        assertThat(replaced).isEqualTo(OTHER_POLICY);
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(ARN)).policy()).isEqualTo("{}");
        kinesis.deleteResourcePolicy(b -> b.resourceARN(ARN));
    }

    @Test
    void shouldKeepAConsumersPolicyApartFromItsStreams() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(ARN).consumerName("reader"))
            .consumer().consumerARN();

        kinesis.putResourcePolicy(b -> b.resourceARN(consumerArn).policy(POLICY));

        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(consumerArn)).policy()).isEqualTo(POLICY);
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(ARN)).policy()).isEqualTo("{}");
        kinesis.deleteResourcePolicy(b -> b.resourceARN(consumerArn));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(consumerArn)).policy()).isEqualTo("{}");
    }

    @Test
    void shouldRaiseTheSdksExceptionsWithKinesissMessages() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String missingConsumer = ARN + "/consumer/reader:1525898737";

        assertThatThrownBy(() -> kinesis.getResourcePolicy(b -> b.resourceARN(
            "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/missing")))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Stream missing under account 000000000000 not found."));
        assertThatThrownBy(() -> kinesis.putResourcePolicy(b -> b.resourceARN(missingConsumer).policy(POLICY)))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Consumer reader with creation timestamp 1525898737"
                + " under stream s and account 000000000000 not found."));
        assertThatThrownBy(() -> kinesis.deleteResourcePolicy(b -> b.resourceARN(
            "arn:aws:sqs:us-east-1:000000000000:q")))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value"
                + " 'arn:aws:sqs:us-east-1:000000000000:q' at 'resourceARN' failed to satisfy constraint: Member must"
                + " satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+"));
        assertThatThrownBy(() -> kinesis.putResourcePolicy(b -> b.resourceARN(ARN)))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value null at 'policy'"
                + " failed to satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> kinesis.putResourcePolicy(b -> b.resourceARN(ARN).policy("Allow everyone")))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Policy is not a valid JSON object."));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(ARN)).policy()).isEqualTo("{}");
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends ResourcePolicySdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends ResourcePolicySdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
