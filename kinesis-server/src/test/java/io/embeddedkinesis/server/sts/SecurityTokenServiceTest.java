package io.embeddedkinesis.server.sts;

import io.embeddedkinesis.server.auth.RequestAuthenticator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests are STS's, and STS's answers in STS's XML: the form's values decoded, and anything from the
 * request escaped in the answer.
 */
class SecurityTokenServiceTest {
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String STS_SCOPE = "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/sts/aws4_request,"
        + " SignedHeaders=host;x-amz-date, Signature=abc";

    private final SecurityTokenService sts = new SecurityTokenService("123456789012", "aws",
        RequestAuthenticator.ACCEPT_ALL);

    @Test
    void shouldTakeOnlyFormPostsSignedForSts() {
        assertThat(SecurityTokenService.isFor(request(HttpMethod.POST, FORM, STS_SCOPE, null, ""))).isTrue();
        assertThat(SecurityTokenService.isFor(request(HttpMethod.POST, FORM,
            STS_SCOPE.replace("/sts/", "/kinesis/"), null, ""))).isFalse();
        assertThat(SecurityTokenService.isFor(request(HttpMethod.POST, FORM, null, null, ""))).isFalse();
        assertThat(SecurityTokenService.isFor(request(HttpMethod.POST, "application/x-amz-json-1.1", STS_SCOPE,
            null, ""))).isFalse();
        assertThat(SecurityTokenService.isFor(request(HttpMethod.POST, FORM, STS_SCOPE,
            "Kinesis_20131202.ListStreams", ""))).isFalse();
        assertThat(SecurityTokenService.isFor(request(HttpMethod.GET, FORM, STS_SCOPE, null, ""))).isFalse();
    }

    @Test
    void shouldAnswerGetCallerIdentityWithTheAccountsRoot() {
        final String body = answer("Action=GetCallerIdentity&Version=2011-06-15", 200);

        assertThat(body).contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId>"
            + "<Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>");
    }

    @Test
    void shouldRefuseOtherActionsWithTheirNameEscaped() {
        final String body = answer("Action=Assume%3CRole%3E&Version=2011-06-15", 400);

        assertThat(body).contains("<Error><Type>Sender</Type><Code>InvalidAction</Code>"
            + "<Message>Could not find operation Assume&lt;Role&gt; for version 2011-06-15</Message></Error>");
    }

    @Test
    void shouldRefuseARequestWithoutAnAction() {
        assertThat(answer("Version=2011-06-15", 400)).contains("<Code>MissingAction</Code>");
    }

    private String answer(final String form, final int status) {
        final FullHttpResponse response = sts.answer(request(HttpMethod.POST, FORM, STS_SCOPE, null, form));
        try {
            assertThat(response.status().code()).isEqualTo(status);
            assertThat(response.headers().get("Content-Type")).isEqualTo("text/xml");
            final String body = response.content().toString(StandardCharsets.UTF_8);
            assertThat(body).contains("<RequestId>" + response.headers().get("x-amzn-RequestId") + "</RequestId>");
            return body;
        } finally {
            response.release();
        }
    }

    private static FullHttpRequest request(final HttpMethod method, final String contentType,
        final String authorization, final String target, final String body) {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/",
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set("Content-Type", contentType);
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }
        if (target != null) {
            request.headers().set("X-Amz-Target", target);
        }
        return request;
    }
}
