package io.embeddedkinesis.server;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.protocol.WireFormat;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A broker with a movable clock, an endpoint on an ephemeral port, and an AWS SDK for Java v2 client
 * speaking one wire format to it; the client records the content types it sent, so a test can prove
 * which encoding it exercised.
 */
abstract class SdkTestSupport {
    static final long START_MS = 1_764_000_000_000L + 987_654L;

    @TempDir
    Path directory;

    final CachedEpochClock clock = new CachedEpochClock();
    final Set<String> contentTypesSent = ConcurrentHashMap.newKeySet();
    KinesisBroker broker;
    KinesisServer server;
    KinesisClient kinesis;

    /** The encoding the client must use. */
    abstract WireFormat format();

    @BeforeEach
    void start() {
        clock.update(START_MS);
        broker = KinesisBroker.open(configure(BrokerConfig.builder().directory(directory).clock(clock)
            .housekeepingIntervalMs(0)).build());
        server = KinesisServer.start(broker, ServerConfig.builder().build());
        kinesis = client(format());
    }

    @AfterEach
    void stop() {
        kinesis.close();
        server.close();
        broker.close();
    }

    /** The broker's configuration, for a test class that needs other than the defaults. */
    BrokerConfig.Builder configure(final BrokerConfig.Builder builder) {
        return builder;
    }

    /**
     * A client of the endpoint that does not retry (so a throttle is seen at once) and sends the given
     * encoding: the SDK reads {@code aws.cborEnabled} when the client is built.
     */
    KinesisClient client(final WireFormat format) {
        return withEncoding(format, () -> KinesisClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(Apache5HttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(new ContentTypeRecorder(contentTypesSent)))
            .build());
    }

    /**
     * The asynchronous client, as {@link #client}, on the given HTTP client (which the caller closes).
     */
    KinesisAsyncClient asyncClient(final WireFormat format, final SdkAsyncHttpClient http) {
        return withEncoding(format, () -> KinesisAsyncClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(http)
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(new ContentTypeRecorder(contentTypesSent)))
            .build());
    }

    /** Builds a client with {@code aws.cborEnabled} set for the encoding, which the SDK reads at build time. */
    private static <T> T withEncoding(final WireFormat format, final Supplier<T> build) {
        final String previous = System.getProperty(SdkSystemSetting.CBOR_ENABLED.property());
        System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(format == WireFormat.CBOR));
        try {
            return build.get();
        } finally {
            if (previous == null) {
                System.clearProperty(SdkSystemSetting.CBOR_ENABLED.property());
            } else {
                System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), previous);
            }
        }
    }

    /** Records the Content-Type of every request the client sends. */
    private record ContentTypeRecorder(Set<String> sent) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(final Context.BeforeTransmission context,
            final ExecutionAttributes executionAttributes) {
            context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(sent::add);
        }
    }
}
