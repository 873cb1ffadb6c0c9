package io.embeddedkinesis.server.junit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points the AWS SDK for Java v2 clients built while it is in place at one endpoint, through the SDK's own
 * system properties, and puts those properties back as they were when it is closed: what
 * {@link KinesisEndpoint#configureSdk()} does for a test's code that builds its clients without an endpoint.
 *
 * <p>The endpoint goes into {@code aws.endpointUrlKinesis} and {@code aws.endpointUrlSts} (the SDK reads them as
 * it reads {@code AWS_ENDPOINT_URL_KINESIS} and {@code AWS_ENDPOINT_URL_STS}). A region and credentials, which
 * such a client also needs, are set only where neither a system property nor the environment gives them: the
 * broker's region into {@code aws.region}, and placeholder keys into {@code aws.accessKeyId} and
 * {@code aws.secretAccessKey}, which an endpoint without credentials configured accepts.
 *
 * <p>System properties belong to the whole JVM. Not thread-safe: set and close it from one thread.
 */
final class SdkEndpointProperties implements AutoCloseable {
    /** The SDK's service-specific endpoint settings, for Kinesis and for STS. */
    private static final String[] ENDPOINT_PROPERTIES = {"aws.endpointUrlKinesis", "aws.endpointUrlSts"};

    private static final String PLACEHOLDER_KEY = "local";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private SdkEndpointProperties() {
    }

    /**
     * Points the SDK at an endpoint.
     *
     * @param endpoint the endpoint's URL.
     * @param region   the region to use where none is configured: the broker's.
     * @return the properties set, to close when the endpoint stops.
     */
    static SdkEndpointProperties set(final URI endpoint, final String region) {
        final SdkEndpointProperties properties = new SdkEndpointProperties();
        for (final String property : ENDPOINT_PROPERTIES) {
            properties.put(property, endpoint.toString());
        }
        properties.putIfUnconfigured("aws.region", "AWS_REGION", region);
        properties.putIfUnconfigured("aws.accessKeyId", "AWS_ACCESS_KEY_ID", PLACEHOLDER_KEY);
        properties.putIfUnconfigured("aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY", PLACEHOLDER_KEY);
        return properties;
    }

    private void put(final String property, final String value) {
        previous.put(property, System.getProperty(property));
        System.setProperty(property, value);
    }

    private void putIfUnconfigured(final String property, final String environmentVariable, final String value) {
        if (System.getProperty(property) == null && System.getenv(environmentVariable) == null) {
            put(property, value);
        }
    }

    /** Puts every property back as it was: set to its former value, or cleared. */
    @Override
    public void close() {
        previous.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
        previous.clear();
    }
}
