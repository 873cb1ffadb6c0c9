package io.embeddedkinesis.server.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.junit.EmbeddedKinesis;
import io.embeddedkinesis.core.junit.KinesisStream;
import io.embeddedkinesis.core.junit.StreamReader;
import io.embeddedkinesis.core.junit.TestBroker;
import io.embeddedkinesis.core.junit.TestClock;
import io.embeddedkinesis.server.KinesisServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KinesisEndpoint} as a user's SDK test meets it: an endpoint for the test's broker, injected, that
 * the AWS SDK talks to, stopped with the broker.
 */
@EmbeddedKinesis(streams = @KinesisStream(name = "orders", shards = 2))
@KinesisEndpoint
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class KinesisEndpointTest {
    private static KinesisServer earlier;

    KinesisServer endpoint;

    @Test
    @Order(1)
    void shouldServeTheTestsBrokerToTheSdk(final KinesisServer parameter, final KinesisBroker broker,
        final StreamReader reader) {
        earlier = endpoint;
        assertThat(parameter).isSameAs(endpoint);
        assertThat(System.getProperty("aws.endpointUrlKinesis")).as("set only when asked").isNull();
        try (KinesisClient sdk = client(endpoint)) {
            sdk.putRecord(b -> b.streamName("orders").partitionKey("order-1").data(SdkBytes.fromUtf8String("paid")));

            assertThat(reader.awaitRecords("orders", 1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(sdk.listShards(b -> b.streamName("orders")).shards()).hasSize(2);
        }
        assertThat(broker.listStreams().streamNames()).containsExactly("orders");
    }

    @Test
    @Order(2)
    void shouldStopTheEndpointWithItsBroker() {
        assertThat(endpoint).isNotSameAs(earlier);
        assertThatThrownBy(() -> new Socket("127.0.0.1", earlier.port()).close()).isInstanceOf(IOException.class);
    }

    @Test
    @Order(3)
    @EmbeddedKinesis(clockStart = "2025-11-24T16:00:00Z")
    void shouldDateResponsesByTheTestsClock(final TestClock clock) {
        try (KinesisClient sdk = client(endpoint)) {
            sdk.createStream(b -> b.streamName("dated").shardCount(1));
            clock.advance(Duration.ofHours(1));

            assertThat(sdk.describeStreamSummary(b -> b.streamName("dated")).streamDescriptionSummary()
                .streamCreationTimestamp()).isEqualTo("2025-11-24T16:00:00Z");
        }
    }

    /** One endpoint for a class whose tests share a broker, also for {@code @BeforeAll} and nested tests. */
    @Nested
    @EmbeddedKinesis(lifecycle = EmbeddedKinesis.Lifecycle.PER_CLASS)
    @org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
    class PerClass {
        private KinesisServer fromBeforeAll;

        @BeforeAll
        void createStream(final KinesisServer server, final TestBroker broker) {
            fromBeforeAll = server;
            try (KinesisClient sdk = client(server)) {
                sdk.createStream(b -> b.streamName("shared").shardCount(1));
            }
            assertThat(broker.broker().listStreams().streamNames()).contains("shared");
        }

        @Test
        void shouldShareTheEndpointOfTheClass(final KinesisServer server) {
            assertThat(server).isSameAs(fromBeforeAll).isSameAs(endpoint);
            try (KinesisClient sdk = client(server)) {
                assertThat(sdk.listStreams().streamNames()).containsExactly("orders", "shared");
            }
        }
    }

    /** Code that builds its SDK clients with no endpoint, region or credentials, as production code does. */
    @Nested
    @KinesisEndpoint(configureSdk = true)
    class ConfiguringTheSdk {
        @Test
        void shouldPointClientsBuiltWithoutAnEndpointAtIt(final KinesisServer server, final StreamReader reader) {
            assertThat(System.getProperty("aws.endpointUrlKinesis")).isEqualTo(server.endpoint().toString());
            try (KinesisClient sdk = KinesisClient.builder().httpClientBuilder(Apache5HttpClient.builder()).build();
                StsClient sts = StsClient.builder().httpClientBuilder(Apache5HttpClient.builder()).build()) {
                sdk.putRecord(b -> b.streamName("orders").partitionKey("order-2")
                    .data(SdkBytes.fromUtf8String("shipped")));

                assertThat(reader.awaitRecords("orders", 1, Duration.ofSeconds(30))).hasSize(1);
                assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
            }
        }
    }

    private static KinesisClient client(final KinesisServer server) {
        return KinesisClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(Apache5HttpClient.create())
            .build();
    }
}
