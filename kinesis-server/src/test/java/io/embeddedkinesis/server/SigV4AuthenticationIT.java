package io.embeddedkinesis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.auth.SdkSigning;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server with credentials configured, driven by the unchanged AWS SDK for Java v2 client and by raw HTTP
 * requests that the SDK's signer signed: the service's answer for every way a signature can be wrong.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SigV4AuthenticationIT {
    private static final String KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "secret";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
        + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
        + " details.";
    private static final byte[] BODY = "{\"Limit\":10}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAMPERED_BODY = "{\"Limit\":11}".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> SET_BY_HTTP_CLIENT = Set.of("host", "content-length");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KinesisBroker broker;
    private KinesisServer server;

    @BeforeEach
    void start() {
        clock.update(System.currentTimeMillis());
        broker = KinesisBroker.open(BrokerConfig.builder().directory(directory).clock(clock).build());
        server = KinesisServer.start(broker, ServerConfig.builder().credentials(KEY_ID, SECRET).build());
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
        // A refused stale signature makes the SDK adopt the server's clock (its Date header) for every client
        // of the JVM, as it does against AWS; the next test starts from a correct clock again.
        SdkGlobalTime.setGlobalTimeOffset(0);
    }

    @Test
    void shouldServeTheSdkSigningWithTheConfiguredCredentials() {
        try (KinesisClient kinesis = client(KEY_ID, SECRET)) {
            kinesis.createStream(b -> b.streamName("signed").shardCount(1));
            kinesis.putRecord(b -> b.streamName("signed").partitionKey("k").data(SdkBytes.fromUtf8String("v")));

            assertThat(kinesis.listStreams().streamNames()).containsExactly("signed");
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("signed")).streamDescriptionSummary()
                .streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        }
    }

    @Test
    void shouldRefuseAnUnknownAccessKeyId() {
        try (KinesisClient kinesis = client("AKIDUNKNOWN", SECRET)) {
            assertSdkRefused(kinesis, "UnrecognizedClientException",
                "The security token included in the request is invalid.");
        }
    }

    @Test
    void shouldRefuseAWrongSecret() {
        try (KinesisClient kinesis = client(KEY_ID, "not-the-secret")) {
            assertSdkRefused(kinesis, "InvalidSignatureException", MISMATCH);
        }
    }

    @Test
    void shouldRefuseASignatureMadeMoreThanFiveMinutesAgo() {
        clock.advance(TimeUnit.MINUTES.toMillis(6));
        final Instant now = Instant.ofEpochMilli(clock.time());

        try (KinesisClient kinesis = client(KEY_ID, SECRET)) {
            assertThatThrownBy(kinesis::listStreams).isInstanceOfSatisfying(AwsServiceException.class, ex -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(ex.awsErrorDetails().errorMessage()).matches("Signature expired: \\d{8}T\\d{6}Z is now"
                    + " earlier than " + BASIC.format(now.minusSeconds(300)) + " \\(" + BASIC.format(now)
                    + " - 5 min\\.\\)");
            });
        }
    }

    @Test
    void shouldRefuseATamperedBody() throws IOException, InterruptedException {
        final HttpResponse<byte[]> response = send(signed(AuthLocation.HEADER), TAMPERED_BODY,
            UnaryOperator.identity());

        assertRefused(response, "InvalidSignatureException", MISMATCH);
    }

    @Test
    void shouldRefuseATamperedSignedHeader() throws IOException, InterruptedException {
        final HttpResponse<byte[]> response = send(signed(AuthLocation.HEADER), BODY,
            b -> b.setHeader("X-Amz-Target", "Kinesis_20131202.ListShards"));

        assertRefused(response, "InvalidSignatureException", MISMATCH);
    }

    @Test
    void shouldRefuseARequestWithoutAuthorization() throws IOException, InterruptedException {
        final HttpResponse<byte[]> response = http.send(unsigned(), HttpResponse.BodyHandlers.ofByteArray());

        assertRefused(response, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Test
    void shouldServePresignedRequests() throws IOException, InterruptedException {
        final HttpResponse<byte[]> response = send(signed(AuthLocation.QUERY_STRING), BODY, UnaryOperator.identity());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("StreamNames").isArray()).isTrue();
    }

    @Test
    void shouldAcceptUnsignedRequestsWithoutConfiguredCredentials() throws IOException, InterruptedException {
        try (KinesisServer open = KinesisServer.start(broker, ServerConfig.builder().build())) {
            final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(open.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("StreamNames").isArray()).isTrue();
        }
    }

    private KinesisClient client(final String keyId, final String secret) {
        return KinesisClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .httpClient(Apache5HttpClient.create()).build();
    }

    private static void assertSdkRefused(final KinesisClient kinesis, final String errorCode, final String message) {
        assertThatThrownBy(kinesis::listStreams).isInstanceOfSatisfying(AwsServiceException.class, ex -> {
            assertThat(ex.statusCode()).isEqualTo(400);
            assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(errorCode);
            assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private SdkHttpRequest signed(final AuthLocation location) {
        return SdkSigning.sign(SdkSigning.listStreams(server.endpoint(), BODY), BODY, KEY_ID, SECRET, "us-east-1",
            Instant.ofEpochMilli(clock.time()), location);
    }

    /** Sends a signed request as it is, but with the given body and any change to its headers. */
    private HttpResponse<byte[]> send(final SdkHttpRequest signed, final byte[] body,
        final UnaryOperator<HttpRequest.Builder> change) throws IOException, InterruptedException {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(
            server.endpoint().resolve(SdkSigning.requestTarget(signed)));
        for (final Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!SET_BY_HTTP_CLIENT.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        final HttpRequest request = change.apply(builder).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest unsigned() {
        return HttpRequest.newBuilder(server.endpoint())
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
            .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();
    }

    private void assertRefused(final HttpResponse<byte[]> response, final String type, final String message)
        throws IOException {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
        final JsonNode error = json.readTree(response.body());
        assertThat(error.path("__type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).isEqualTo(message);
    }
}
