package io.embeddedkinesis.server.auth;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.agrona.concurrent.EpochClock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 on every request, for one access key, and refuses a request the way
 * Kinesis does (see {@link SignatureErrors} for the texts and where they come from).
 *
 * <p>Both forms are verified: the {@code Authorization} header that the SDKs and the CLI send, and the
 * query string of a presigned request. Checks run in the service's order: header and query string together,
 * neither, missing parts, algorithm, signed host, date format, date within five minutes of the broker's
 * clock, credential scope ({@code date/region/service/aws4_request}, with the broker's region and the service
 * the request is for), access key, and last the signature itself, compared in constant time. A presigned
 * request's {@code X-Amz-Expires} is not consulted: like other non-S3 services (STS, aws/aws-sdk-go#2167) the
 * signing time must be within the usual window. The signing time is {@code X-Amz-Date}, else {@code Date}, in
 * ISO 8601 basic format ({@code 20150830T123600Z}); an HTTP-style {@code Date} is refused as malformed.
 * {@code X-Amz-Security-Token} is ignored: there are no session credentials to check it against.
 *
 * <p>Design note: the expected signature is computed here on {@code javax.crypto}, not with the AWS SDK's
 * {@code AwsV4HttpSigner}, because that signer cannot reproduce every valid signature a client sends. It
 * never signs {@code user-agent}, {@code expect}, {@code connection} or {@code x-amzn-trace-id}, which
 * other signers do sign (the AWS SDK for Java v1 lists {@code user-agent} in SignedHeaders); it always
 * adds and signs its own {@code X-Amz-Date}, so a request dated by the {@code Date} header cannot be
 * reproduced; and it would pull the SDK into the server's runtime classpath. The canonicalization is
 * checked against the published AWS SigV4 test-suite vectors and against requests signed by the SDK.
 *
 * <p>Immutable and thread-safe.
 */
public final class SigV4Authenticator implements RequestAuthenticator {
    /** How far a request's signing time may be from the server's clock, either way. */
    public static final long MAX_CLOCK_SKEW_MINUTES = 5;
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
        .withResolverStyle(ResolverStyle.STRICT);

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final EpochClock clock;

    /**
     * @param accessKeyId     the one access key id accepted.
     * @param secretAccessKey its secret.
     * @param region          the region credential scopes must name, e.g. {@code us-east-1}.
     * @param clock           the clock the signing time is checked against (the broker's, so tests can
     *                        move it).
     */
    public SigV4Authenticator(final String accessKeyId, final String secretAccessKey, final String region,
        final EpochClock clock) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void authenticate(final FullHttpRequest request, final String service) {
        final RequestTarget target = RequestTarget.parse(request.uri());
        final SignatureParameters parameters = readParameters(request, target);
        if (!parameters.signsHost()) {
            throw SignatureErrors.hostNotSigned();
        }
        checkTime(parameters.timestamp());
        final String scope = checkCredential(parameters.credential(), parameters.timestamp(), service);
        final String expected = SignatureCalculator.signature(secretAccessKey, parameters.timestamp(), scope,
            CanonicalRequest.of(request.method().name(), target, request.headers(), parameters.signedHeaders(),
                parameters.excludedQuery(), SignatureCalculator.payloadHash(request.content())));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
            parameters.signature().getBytes(StandardCharsets.ISO_8859_1))) {
            throw SignatureErrors.signatureMismatch();
        }
    }

    private static SignatureParameters readParameters(final FullHttpRequest request, final RequestTarget target) {
        final String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION, "").trim();
        final boolean presigned = target.hasQueryParameter(SignatureParameters.QUERY_ALGORITHM);
        if (!authorization.isEmpty() && presigned) {
            throw SignatureErrors.headerAndQueryString();
        }
        if (authorization.isEmpty() && !presigned) {
            throw SignatureErrors.missingAuthenticationToken();
        }
        if (presigned) {
            final SignatureParameters parameters = SignatureParameters.fromQuery(target);
            if (!SignatureCalculator.ALGORITHM.equals(parameters.algorithm())) {
                throw SignatureErrors.missingAuthenticationToken();
            }
            return parameters;
        }
        final SignatureParameters parameters = SignatureParameters.fromHeader(authorization, request.headers());
        if (!SignatureCalculator.ALGORITHM.equals(parameters.algorithm())) {
            throw SignatureErrors.unsupportedAlgorithm(parameters.algorithm());
        }
        return parameters;
    }

    private void checkTime(final String timestamp) {
        final Instant signed;
        try {
            signed = LocalDateTime.parse(timestamp, BASIC).toInstant(ZoneOffset.UTC);
        } catch (final DateTimeParseException ex) {
            throw SignatureErrors.dateFormat(timestamp);
        }
        final Instant now = Instant.ofEpochMilli(clock.time()).truncatedTo(ChronoUnit.SECONDS);
        if (signed.isBefore(now.minus(MAX_CLOCK_SKEW_MINUTES, ChronoUnit.MINUTES))) {
            throw SignatureErrors.expired(signed, now, MAX_CLOCK_SKEW_MINUTES);
        }
        if (signed.isAfter(now.plus(MAX_CLOCK_SKEW_MINUTES, ChronoUnit.MINUTES))) {
            throw SignatureErrors.notYetCurrent(signed, now, MAX_CLOCK_SKEW_MINUTES);
        }
    }

    /**
     * Checks {@code keyid/date/region/service/aws4_request} and returns the scope after the key id. Scope
     * faults are all reported together, in the service's order; the key is looked up only after them.
     */
    private String checkCredential(final String credential, final String timestamp, final String service) {
        final String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw SignatureErrors.credentialParts(credential);
        }
        final StringBuilder faults = new StringBuilder();
        if (!region.equals(parts[2])) {
            faults.append(SignatureErrors.regionFault(parts[2]));
        }
        if (!service.equals(parts[3])) {
            faults.append(SignatureErrors.serviceFault(service));
        }
        if (!SignatureCalculator.TERMINATOR.equals(parts[4])) {
            faults.append(SignatureErrors.terminatorFault(SignatureCalculator.TERMINATOR, parts[4]));
        }
        final String day = timestamp.substring(0, 8);
        if (!day.equals(parts[1])) {
            faults.append(SignatureErrors.dateFault(parts[1], day, timestamp));
        }
        if (faults.length() > 0) {
            throw SignatureErrors.credentialScope(faults.toString());
        }
        if (!accessKeyId.equals(parts[0])) {
            throw SignatureErrors.unrecognizedClient();
        }
        return credential.substring(parts[0].length() + 1);
    }
}
