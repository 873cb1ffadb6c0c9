package io.embeddedkinesis.benchmarks.server;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;

/**
 * Builds the client every endpoint benchmark uses: the AWS SDK for Java v2's sync {@link KinesisClient} on the
 * Apache 5 HTTP client, as an application would configure it, pointed at a local endpoint.
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

    private KinesisClients() {
    }

    static KinesisClient open(final URI endpoint, final boolean cbor) {
        final String property = SdkSystemSetting.CBOR_ENABLED.property();
        final String previous = System.getProperty(property);
        System.setProperty(property, Boolean.toString(cbor));
        try {
            return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(Apache5HttpClient.builder())
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
