package io.embeddedkinesis.benchmarks.server;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

import java.net.URI;

/**
 * Builds the client every endpoint benchmark uses: the AWS SDK for Java v2's sync {@link KinesisClient} on the
 * Apache 5 HTTP client, as an application would configure it, pointed at a local endpoint; and the same client
 * on an HTTP client that answers in memory, for {@link PutRecordFloorBenchmark}.
 *
 * <p>Retries are off, so that a failing call fails the benchmark instead of being hidden inside a slower score.
 * The encoding is the SDK's {@code aws.cborEnabled} system setting, which the SDK reads when a client is
 * built; it is set around each build, so clients of both encodings can live in one JVM. Not thread-safe:
 * build clients from one thread.
 */
final class KinesisClients {
    /** Requests are signed, as they always are; no endpoint here checks the signature. */
    private static final StaticCredentialsProvider CREDENTIALS =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("benchmark", "secret"));

    /** Where an in-memory client's requests are addressed: nothing listens there, and nothing is sent. */
    private static final URI IN_MEMORY_ENDPOINT = URI.create("http://127.0.0.1:1");

    private KinesisClients() {
    }

    static KinesisClient open(final URI endpoint, final boolean cbor) {
        return build(cbor, KinesisClient.builder()
            .endpointOverride(endpoint)
            .httpClientBuilder(Apache5HttpClient.builder()));
    }

    /**
     * A client whose calls never leave the JVM: {@code http} answers them.
     *
     * @param http the HTTP client, which the returned client closes.
     * @param cbor the encoding.
     * @return the client, configured as {@link #open} configures one but for its HTTP client.
     */
    static KinesisClient inMemory(final SdkHttpClient http, final boolean cbor) {
        return build(cbor, KinesisClient.builder()
            .endpointOverride(IN_MEMORY_ENDPOINT)
            .httpClient(http));
    }

    private static KinesisClient build(final boolean cbor, final KinesisClientBuilder builder) {
        final String property = SdkSystemSetting.CBOR_ENABLED.property();
        final String previous = System.getProperty(property);
        System.setProperty(property, Boolean.toString(cbor));
        try {
            return builder
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }
}
