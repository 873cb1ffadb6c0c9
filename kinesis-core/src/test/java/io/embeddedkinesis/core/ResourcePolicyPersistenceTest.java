package io.embeddedkinesis.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.embeddedkinesis.core.ResourcePolicyTest.OTHER_POLICY;
import static io.embeddedkinesis.core.ResourcePolicyTest.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resource policies across restarts, in files written before they existed, and going with their resource.
 */
class ResourcePolicyPersistenceTest extends FanOutTestSupport {
    private static final String ARN = streamArn("s");

    @Test
    void shouldKeepStreamAndConsumerPoliciesAcrossARestart() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");
        broker.putResourcePolicy(ARN, POLICY);
        broker.putResourcePolicy(consumerArn, OTHER_POLICY);

        reopen();

        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo(POLICY);
        assertThat(broker.getResourcePolicy(consumerArn).policy()).isEqualTo(OTHER_POLICY);
        broker.deleteResourcePolicy(ARN);
        broker.deleteResourcePolicy(consumerArn);
        reopen();
        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo("{}");
        assertThat(broker.getResourcePolicy(consumerArn).policy()).isEqualTo("{}");
    }

    @Test
    void shouldKeepOtherSettingsAndAPolicyWhenEitherChanges() {
        open().createStream("s", 1);
        broker.putResourcePolicy(ARN, POLICY);
        broker.increaseStreamRetentionPeriod("s", 48);
        broker.addTagsToStream("s", Map.of("team", "data"));

        reopen();

        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo(POLICY);
        assertThat(broker.describeStreamSummary("s").retentionPeriodHours()).isEqualTo(48);
        assertThat(broker.listTagsForStream("s").tags()).hasSize(1);
    }

    @Test
    void shouldReadFilesWrittenBeforePoliciesExistedAsWithoutAPolicy() throws IOException {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");
        broker.putResourcePolicy(ARN, POLICY);
        broker.putResourcePolicy(consumerArn, POLICY);
        broker.close();
        final ObjectMapper mapper = new ObjectMapper();
        final Path streamFile = onlyFile(directory.resolve("streams"), "stream.json");
        final ObjectNode stream = (ObjectNode) mapper.readTree(streamFile.toFile());
        assertThat(stream.remove("resourcePolicy")).isNotNull();
        mapper.writeValue(streamFile.toFile(), stream);
        final Path consumersFile = onlyFile(directory.resolve("consumers"), ".json");
        final ObjectNode consumers = (ObjectNode) mapper.readTree(consumersFile.toFile());
        final JsonNode consumer = consumers.get("consumers").get(0);
        assertThat(((ObjectNode) consumer).remove("resourcePolicy")).isNotNull();
        mapper.writeValue(consumersFile.toFile(), consumers);

        open();

        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo("{}");
        assertThat(broker.getResourcePolicy(consumerArn).policy()).isEqualTo("{}");
        assertThat(broker.listStreamConsumers(ARN).consumers()).hasSize(1);
    }

    @Test
    void shouldNotGiveANewStreamThePolicyOfADeletedOneOfTheSameName() {
        open().createStream("s", 1);
        broker.putResourcePolicy(ARN, POLICY);
        broker.deleteStream("s");

        broker.createStream("s", 1);

        assertThat(broker.getResourcePolicy(ARN).policy()).isEqualTo("{}");
        assertThat(reopen().getResourcePolicy(ARN).policy()).isEqualTo("{}");
    }

    @Test
    void shouldDropAConsumersPolicyWithTheConsumer() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");
        broker.putResourcePolicy(consumerArn, POLICY);

        broker.deregisterStreamConsumer(consumerArn);

        assertThatThrownBy(() -> broker.getResourcePolicy(consumerArn))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer reader with creation timestamp " + START_MS / 1000 + " under stream s and account "
                + ACCOUNT + " not found.");
        // Registered again within the same second, the new consumer has the very same ARN, and no policy.
        assertThat(register("s", "reader")).isEqualTo(consumerArn);
        assertThat(broker.getResourcePolicy(consumerArn).policy()).isEqualTo("{}");
    }

    @Test
    void shouldDropConsumerPoliciesWithTheirStream() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");
        broker.putResourcePolicy(consumerArn, POLICY);

        broker.deleteStream(new DeleteStreamRequest(StreamRequest.of("s"), true));
        broker.createStream("s", 1);
        assertThat(register("s", "reader")).isEqualTo(consumerArn);

        assertThat(broker.getResourcePolicy(consumerArn).policy()).isEqualTo("{}");
        assertThat(reopen().getResourcePolicy(consumerArn).policy()).isEqualTo("{}");
    }

    private static Path onlyFile(final Path root, final String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            final List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
