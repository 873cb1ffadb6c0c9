package io.embeddedkinesis.server.auth;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4AuthenticatorTest {
    private static final String KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String REGION = "us-east-1";
    private static final String KINESIS = "kinesis";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:4567");
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
        + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
        + " details.";

    private final CachedEpochClock clock = new CachedEpochClock();
    private final SigV4Authenticator authenticator = new SigV4Authenticator(KEY_ID, SECRET, REGION, clock);

    @BeforeEach
    void setClock() {
        clock.update(NOW.toEpochMilli());
    }

    @Test
    void shouldAcceptARequestSignedByTheSdk() {
        assertThatCode(() -> authenticator.authenticate(signed(KEY_ID, SECRET, NOW, AuthLocation.HEADER), KINESIS))
            .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptAPresignedRequest() {
        final FullHttpRequest request = signed(KEY_ID, SECRET, NOW, AuthLocation.QUERY_STRING);
        assertThat(request.uri()).contains("X-Amz-Signature=");
        assertThat(request.headers().contains("Authorization")).isFalse();

        assertThatCode(() -> authenticator.authenticate(request, KINESIS)).doesNotThrowAnyException();
    }

    @Test
    void shouldIgnoreHeadersTheClientDidNotSign() {
        final FullHttpRequest request = signed(KEY_ID, SECRET, NOW, AuthLocation.HEADER);
        request.headers().set("User-Agent", "changed by a proxy").set("X-Forwarded-For", "10.0.0.1");

        assertThatCode(() -> authenticator.authenticate(request, KINESIS)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseATamperedBody() {
        final FullHttpRequest request = signed(KEY_ID, SECRET, NOW, AuthLocation.HEADER);
        request.content().setByte(0, '[');

        assertRefused(request, "InvalidSignatureException", MISMATCH);
    }

    @Test
    void shouldRefuseATamperedSignedHeader() {
        final FullHttpRequest request = signed(KEY_ID, SECRET, NOW, AuthLocation.HEADER);
        request.headers().set("X-Amz-Target", "Kinesis_20131202.DeleteStream");

        assertRefused(request, "InvalidSignatureException", MISMATCH);
    }

    @Test
    void shouldRefuseATamperedPresignedQuery() {
        final FullHttpRequest request = signed(KEY_ID, SECRET, NOW, AuthLocation.QUERY_STRING);
        request.setUri(request.uri() + "&extra=1");

        assertRefused(request, "InvalidSignatureException", MISMATCH);
    }

    @Test
    void shouldRefuseAWrongSecret() {
        assertRefused(signed(KEY_ID, "not the secret", NOW, AuthLocation.HEADER), "InvalidSignatureException",
            MISMATCH);
    }

    @Test
    void shouldRefuseAnUnknownAccessKey() {
        assertRefused(signed("AKIDOTHER", SECRET, NOW, AuthLocation.HEADER), "UnrecognizedClientException",
            "The security token included in the request is invalid.");
    }

    @Test
    void shouldRefuseARequestWithoutSignature() {
        assertRefused(raw("/", null, "20261125T120000Z"), "MissingAuthenticationTokenException",
            "Missing Authentication Token");
        assertRefused(raw("/", "", "20261125T120000Z"), "MissingAuthenticationTokenException",
            "Missing Authentication Token");
    }

    @Test
    void shouldRefuseBothAHeaderAndAQueryStringSignature() {
        assertRefused(raw("/?X-Amz-Algorithm", "X", null), "InvalidSignatureException",
            "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    static Stream<Arguments> incompleteHeaders() {
        final String credential = "Authorization header requires 'Credential' parameter. ";
        final String signature = "Authorization header requires 'Signature' parameter. ";
        final String signedHeaders = "Authorization header requires 'SignedHeaders' parameter. ";
        final String date = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
        return Stream.of(
            Arguments.of("X", null, credential + signature + signedHeaders + date + "Authorization=X"),
            Arguments.of("AWS4- Signature=b Credential=a", "a",
                signedHeaders + "Authorization=AWS4- Signature=b Credential=a"),
            Arguments.of("AWS4- Signature=b,Credential=a", "a",
                signedHeaders + "Authorization=AWS4- Signature=b,Credential=a"),
            Arguments.of("AWS4- Signature=b, Credential=, SignedHeaders=c", "a",
                credential + "Authorization=AWS4- Signature=b, Credential=, SignedHeaders=c"));
    }

    @ParameterizedTest
    @MethodSource("incompleteHeaders")
    void shouldNameEveryMissingPartOfTheHeader(final String authorization, final String date, final String message) {
        final FullHttpRequest request = raw("/", authorization, null);
        if (date != null) {
            request.headers().set("Date", date);
        }

        assertRefused(request, "IncompleteSignatureException", message);
    }

    @Test
    void shouldNameEveryMissingQueryStringParameter() {
        assertRefused(raw("/?X-Amz-Algorithm", null, null), "IncompleteSignatureException",
            mustInclude("Algorithm") + mustInclude("Credential") + mustInclude("Signature")
                + mustInclude("SignedHeaders") + mustInclude("Date") + "Re-examine the query-string parameters.");
        assertRefused(raw("/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d", null, null),
            "IncompleteSignatureException", mustInclude("SignedHeaders") + "Re-examine the query-string parameters.");
    }

    private static String mustInclude(final String parameter) {
        return "AWS query-string parameters must include 'X-Amz-" + parameter + "'. ";
    }

    @ParameterizedTest
    @CsvSource({
        "/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d",
        "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-SignedHeaders=d&X-Amz-Date=e",
    })
    void shouldTreatAQueryStringWithoutTheSigV4AlgorithmAsUnsigned(final String uri) {
        assertRefused(raw(uri, null, null), "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Test
    void shouldRefuseAnotherAlgorithm() {
        assertRefused(raw("/", "AWS4-HMAC-SHA1 Credential=a, SignedHeaders=host, Signature=b", "20261125T120000Z"),
            "IncompleteSignatureException", "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1'.");
    }

    @Test
    void shouldRequireTheHostToBeSigned() {
        assertRefused(raw("/", header("AKIDEXAMPLE/20261125/us-east-1/kinesis/aws4_request", "x-amz-date"),
            "20261125T120000Z"), "InvalidSignatureException",
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void shouldRequireAnIsoBasicDate() {
        assertRefused(raw("/", header("AKIDEXAMPLE/20261125/us-east-1/kinesis/aws4_request", "host;x-amz-date"),
            "2026-11-25T12:00:00Z"), "IncompleteSignatureException",
            "Date must be in ISO-8601 'basic format'. Got '2026-11-25T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        -300 | accepted        | -                | -
        -301 | expired         | 20261125T115459Z | 20261125T115500Z
         300 | accepted        | -                | -
         301 | not yet current | 20261125T120501Z | 20261125T120500Z
        """)
    void shouldAcceptSigningTimesWithinFiveMinutesOfTheClock(final long offsetSeconds, final String outcome,
        final String signed, final String limit) {
        final FullHttpRequest request = signed(KEY_ID, SECRET, NOW.plusSeconds(offsetSeconds), AuthLocation.HEADER);
        switch (outcome) {
            case "accepted" -> assertThatCode(() -> authenticator.authenticate(request, KINESIS))
                .doesNotThrowAnyException();
            case "expired" -> assertRefused(request, "InvalidSignatureException", "Signature expired: " + signed
                + " is now earlier than " + limit + " (20261125T120000Z - 5 min.)");
            default -> assertRefused(request, "InvalidSignatureException", "Signature not yet current: " + signed
                + " is still later than " + limit + " (20261125T120000Z + 5 min.)");
        }
    }

    @Test
    void shouldExpireASignatureWhenTheClockMoves() {
        final FullHttpRequest request = signed(KEY_ID, SECRET, NOW, AuthLocation.HEADER);
        clock.advance(TimeUnit.MINUTES.toMillis(6));

        assertRefused(request, "InvalidSignatureException",
            "Signature expired: 20261125T120000Z is now earlier than 20261125T120100Z (20261125T120600Z - 5 min.)");
    }

    @Test
    void shouldRequireFiveCredentialElements() {
        final String credential = "AKIDEXAMPLE/20261125/us-east-1/kinesis";
        assertRefused(raw("/", header(credential, "host;x-amz-date"), "20261125T120000Z"),
            "IncompleteSignatureException", "Credential must have exactly 5 slash-delimited elements,"
                + " e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20261125/us-east-1/kinesis'");
    }

    @Test
    void shouldReportEveryCredentialScopeFaultBeforeLookingUpTheKey() {
        assertRefused(raw("/", header("AKIDOTHER/20261124/eu-west-1/dynamodb/aws5_request", "host;x-amz-date"),
            "20261125T120000Z"), "InvalidSignatureException",
            "Credential should be scoped to a valid region, not 'eu-west-1'. "
                + "Credential should be scoped to correct service: 'kinesis'. "
                + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "
                + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'20261124' != '20261125', from '20261125T120000Z'. ");
    }

    @Test
    void shouldRefuseACredentialForAnotherRegion() {
        final SdkHttpRequest request = SdkSigning.sign(SdkSigning.listStreams(ENDPOINT, BODY), BODY, KEY_ID, SECRET,
            "eu-west-1", NOW, AuthLocation.HEADER);

        assertRefused(SdkSigning.toNetty(request, BODY), "InvalidSignatureException",
            "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    }

    private FullHttpRequest signed(final String keyId, final String secret, final Instant at,
        final AuthLocation location) {
        final SdkHttpRequest request = SdkSigning.sign(SdkSigning.listStreams(ENDPOINT, BODY), BODY, keyId, secret,
            REGION, at, location);
        return SdkSigning.toNetty(request, BODY.clone());
    }

    private static String header(final String credential, final String signedHeaders) {
        return "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=" + signedHeaders
            + ", Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    }

    private static FullHttpRequest raw(final String uri, final String authorization, final String amzDate) {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
            Unpooled.wrappedBuffer(BODY.clone()));
        request.headers().set("Host", "127.0.0.1:4567").set("Content-Type", "application/x-amz-json-1.1");
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }
        if (amzDate != null) {
            request.headers().set("X-Amz-Date", amzDate);
        }
        return request;
    }

    private void assertRefused(final FullHttpRequest request, final String errorType, final String message) {
        assertThatThrownBy(() -> authenticator.authenticate(request, KINESIS))
            .isInstanceOfSatisfying(AuthenticationException.class, ex -> {
                assertThat(ex.errorType()).isEqualTo(errorType);
                assertThat(ex.getMessage()).isEqualTo(message);
                assertThat(ex.status()).isEqualTo(400);
            });
    }
}
