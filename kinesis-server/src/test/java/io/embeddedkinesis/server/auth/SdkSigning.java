package io.embeddedkinesis.server.auth;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Requests signed by the AWS SDK for Java v2's own SigV4 signer, the way the Kinesis client signs them,
 * for tests to send or to hand to an authenticator.
 */
public final class SdkSigning {
    /** The service name Kinesis requests are signed for. */
    public static final String SERVICE = "kinesis";

    private SdkSigning() {
    }

    /**
     * A ListStreams request as the Kinesis client builds it, before signing.
     *
     * @param endpoint the server's endpoint.
     * @param body     the JSON body.
     * @return the unsigned request.
     */
    public static SdkHttpRequest listStreams(final URI endpoint, final byte[] body) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "Kinesis_20131202.ListStreams")
            .putHeader("Content-Length", Integer.toString(body.length))
            .putHeader("User-Agent", "aws-sdk-java/2 test")
            .build();
    }

    /**
     * Signs a request.
     *
     * @param request     the unsigned request.
     * @param body        its body.
     * @param accessKeyId the key id.
     * @param secret      the secret.
     * @param region      the region the credential is scoped to.
     * @param signingTime when the client believes it signs.
     * @param location    the Authorization header, or the query string of a presigned request.
     * @return the signed request.
     */
    public static SdkHttpRequest sign(final SdkHttpRequest request, final byte[] body, final String accessKeyId,
        final String secret, final String region, final Instant signingTime, final AuthLocation location) {
        return AwsV4HttpSigner.create().sign(r -> r
            .identity(AwsBasicCredentials.create(accessKeyId, secret))
            .request(request)
            .payload(ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(AwsV4HttpSigner.AUTH_LOCATION, location)
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC)))
            .request();
    }

    /**
     * The path and query to put on the request line.
     *
     * @param request a request.
     * @return e.g. {@code /?X-Amz-Algorithm=...}.
     */
    public static String requestTarget(final SdkHttpRequest request) {
        final URI uri = request.getUri();
        return (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /**
     * The request as Netty hands it to the handler once aggregated.
     *
     * @param request a signed request.
     * @param body    its body, sent as it is (tests tamper with it).
     * @return the Netty request.
     */
    public static FullHttpRequest toNetty(final SdkHttpRequest request, final byte[] body) {
        final FullHttpRequest netty = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(request.method().name()), requestTarget(request), Unpooled.wrappedBuffer(body));
        for (final Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            netty.headers().add(header.getKey(), header.getValue());
        }
        if (!netty.headers().contains("Host")) {
            netty.headers().set("Host", request.getUri().getRawAuthority());
        }
        return netty;
    }
}
