package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The enhanced fan-out consumer operations, and DeleteStream's EnforceConsumerDeletion, driven by the AWS SDK
 * for Java v2 sync client; runs once per wire encoding.
 */
abstract class ConsumersSdkTest extends SdkTestSupport {
    private static final String ACCOUNT = "000000000000";
    private static final String ARN = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/s";

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldRegisterDescribeListAndDeregisterConsumers() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        final Consumer consumer = kinesis.registerStreamConsumer(b -> b.streamARN(ARN).consumerName("reader")
            .tags(Map.of("team", "data"))).consumer();
        final ConsumerDescription byArn = kinesis.describeStreamConsumer(b -> b.consumerARN(consumer.consumerARN()))
            .consumerDescription();
        final ConsumerDescription byName = kinesis.describeStreamConsumer(b -> b.streamARN(ARN)
            .consumerName("reader")).consumerDescription();

        assertThat(consumer.consumerARN()).isEqualTo(ARN + "/consumer/reader:" + START_MS / 1000);
        assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(consumer.consumerCreationTimestamp()).isEqualTo(Instant.ofEpochMilli(START_MS));
        assertThat(byArn).isEqualTo(byName);
        assertThat(byArn.streamARN()).isEqualTo(ARN);
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(consumer.consumerARN())).tags())
            .containsExactly(Tag.builder().key("team").value("data").build());
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary().consumerCount())
            .isEqualTo(1);

        kinesis.deregisterStreamConsumer(b -> b.consumerARN(consumer.consumerARN()));
        assertThat(kinesis.listStreamConsumers(b -> b.streamARN(ARN)).consumers()).isEmpty();
        assertThatThrownBy(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(consumer.consumerARN())))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Consumer reader with creation timestamp "
                + START_MS / 1000 + " under stream s and account " + ACCOUNT + " not found."));
    }

    @Test
    void shouldPageConsumersWithNextTokens() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        for (int i = 0; i < 5; i++) {
            final String name = "c" + i;
            kinesis.registerStreamConsumer(b -> b.streamARN(ARN).consumerName(name));
        }

        final List<String> names = new ArrayList<>();
        ListStreamConsumersResponse page = kinesis.listStreamConsumers(b -> b.streamARN(ARN).maxResults(2)
            .streamCreationTimestamp(Instant.ofEpochMilli(START_MS)));
        page.consumers().forEach(consumer -> names.add(consumer.consumerName()));
        while (page.nextToken() != null) {
            final String token = page.nextToken();
            page = kinesis.listStreamConsumers(b -> b.streamARN(ARN).nextToken(token).maxResults(2));
            page.consumers().forEach(consumer -> names.add(consumer.consumerName()));
        }

        assertThat(names).containsExactly("c0", "c1", "c2", "c3", "c4");
    }

    @Test
    void shouldDeleteAStreamWithConsumersOnlyWhenEnforced() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        kinesis.registerStreamConsumer(b -> b.streamARN(ARN).consumerName("reader"));

        assertThatThrownBy(() -> kinesis.deleteStream(b -> b.streamName("s")))
            .isInstanceOf(ResourceInUseException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("DeleteStream can\u2019t delete " + ACCOUNT + ":s because"
                + " there are consumers associated with this data stream. To delete s anyway, set the"
                + " EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are"
                + " associated with it."));
        kinesis.deleteStream(b -> b.streamName("s").enforceConsumerDeletion(true));

        assertThat(kinesis.listStreams().streamNames()).isEmpty();
    }

    @Test
    void shouldRaiseTheSdksExceptionsWithKinesissMessages() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        kinesis.registerStreamConsumer(b -> b.streamARN(ARN).consumerName("reader"));

        assertThatThrownBy(() -> kinesis.registerStreamConsumer(b -> b.streamARN(ARN).consumerName("reader")))
            .isInstanceOf(ResourceInUseException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Consumer reader under stream s and account " + ACCOUNT
                + " already exists."));
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(b -> b.streamARN(ARN).consumerName("a b")))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value 'a b' at"
                + " 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " [a-zA-Z0-9_.-]+"));
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends ConsumersSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends ConsumersSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
