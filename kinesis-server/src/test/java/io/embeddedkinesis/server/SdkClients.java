package io.embeddedkinesis.server;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;

/**
 * AWS SDK clients configured as a user would point them at a local endpoint. The SDK never closes an HTTP
 * client it was given, so callers close both.
 */
final class SdkClients {
    private static final StaticCredentialsProvider CREDENTIALS =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    private SdkClients() {
    }

    /**
     * The Netty client the SDK uses for Kinesis, on HTTP/2. Over http it speaks HTTP/2 with prior knowledge;
     * over https it sends no ALPN (the SDK's default {@code ProtocolNegotiation.ASSUME_PROTOCOL}) and does the
     * same inside TLS.
     */
    static SdkAsyncHttpClient nettyHttp2(final boolean trustAllCertificates) {
        return NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
            .buildWithDefaults(trust(trustAllCertificates));
    }

    static SdkHttpClient apache5(final boolean trustAllCertificates) {
        return Apache5HttpClient.builder().buildWithDefaults(trust(trustAllCertificates));
    }

    private static AttributeMap trust(final boolean trustAllCertificates) {
        return AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, trustAllCertificates)
            .build();
    }

    static KinesisAsyncClient async(final URI endpoint, final SdkAsyncHttpClient http, final MetricPublisher metrics) {
        return KinesisAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClient(http)
            .overrideConfiguration(ClientOverrideConfiguration.builder().addMetricPublisher(metrics).build())
            .build();
    }

    static KinesisClient sync(final URI endpoint, final SdkHttpClient http) {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClient(http).build();
    }
}
