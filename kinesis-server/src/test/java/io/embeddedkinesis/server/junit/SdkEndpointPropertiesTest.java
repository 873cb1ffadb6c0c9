package io.embeddedkinesis.server.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's system properties are pointed at the endpoint, a region and keys given only where none are
 * configured, and everything put back as it was.
 */
class SdkEndpointPropertiesTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:4567");

    @AfterEach
    void clear() {
        System.clearProperty("aws.region");
    }

    @Test
    void shouldPointTheSdkAtTheEndpointAndPutEverythingBack() {
        System.setProperty("aws.region", "eu-west-1");
        final boolean keysInEnvironment = System.getenv("AWS_ACCESS_KEY_ID") != null;

        final SdkEndpointProperties properties = SdkEndpointProperties.set(ENDPOINT, "us-east-1");
        try {
            assertThat(System.getProperty("aws.endpointUrlKinesis")).isEqualTo("http://127.0.0.1:4567");
            assertThat(System.getProperty("aws.endpointUrlSts")).isEqualTo("http://127.0.0.1:4567");
            assertThat(System.getProperty("aws.region")).as("configured already").isEqualTo("eu-west-1");
            assertThat(System.getProperty("aws.accessKeyId")).isEqualTo(keysInEnvironment ? null : "local");
        } finally {
            properties.close();
        }

        assertThat(System.getProperty("aws.endpointUrlKinesis")).isNull();
        assertThat(System.getProperty("aws.endpointUrlSts")).isNull();
        assertThat(System.getProperty("aws.region")).isEqualTo("eu-west-1");
        assertThat(System.getProperty("aws.accessKeyId")).isNull();
        assertThat(System.getProperty("aws.secretAccessKey")).isNull();
    }

    @Test
    void shouldGiveTheBrokersRegionWhereNoneIsConfigured() {
        final boolean regionInEnvironment = System.getenv("AWS_REGION") != null;

        final SdkEndpointProperties properties = SdkEndpointProperties.set(ENDPOINT, "ap-south-1");
        try {
            assertThat(System.getProperty("aws.region")).isEqualTo(regionInEnvironment ? null : "ap-south-1");
        } finally {
            properties.close();
        }

        assertThat(System.getProperty("aws.region")).isNull();
    }
}
