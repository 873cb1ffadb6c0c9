package io.embeddedkinesis.server.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Every refusal the SigV4 check gives, worded as Kinesis words it. Kinesis speaks the JSON protocol, so
 * each is HTTP 400 with {@code __type} and {@code message}; where the Query-protocol services (STS, IAM,
 * SES) say {@code SignatureDoesNotMatch}, Kinesis says {@code InvalidSignatureException}.
 *
 * <p>Sources: the texts and statuses for a missing token, an incomplete header or query string and a header
 * plus query string come from kinesalite's {@code test/connection.js}, which runs against real Kinesis; the
 * expiry texts, the unknown key and the mismatch from Kinesis answers quoted in client bug reports
 * (e.g. awslabs/amazon-kinesis-producer#41 and #222, aws/aws-sdk-go#2194, apache/camel-k#1608,
 * awslabs/amazon-kinesis-scaling-utils#46); the credential-scope, algorithm, date-format and signed-host
 * texts from dacut/scratchstack-aws-signature, which reproduces the AWS front end's messages and order,
 * cross-checked against answers from other services quoted in bug reports
 * (prometheus-community/yet-another-cloudwatch-exporter#169, cognitect-labs/aws-api#27,
 * cllunsford/aws-signing-proxy#25).
 */
final class SignatureErrors {
    private static final int BAD_REQUEST = 400;
    private static final String INCOMPLETE = "IncompleteSignatureException";
    private static final String INVALID = "InvalidSignatureException";
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    private SignatureErrors() {
    }

    static AuthenticationException missingAuthenticationToken() {
        return new AuthenticationException("MissingAuthenticationTokenException", "Missing Authentication Token",
            BAD_REQUEST);
    }

    static AuthenticationException headerAndQueryString() {
        return invalid("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    /** The header's missing parts, each ending in ". ", are followed by the header as sent. */
    static AuthenticationException incompleteHeader(final String missingParts, final String authorization) {
        return incomplete(missingParts + "Authorization=" + authorization);
    }

    static AuthenticationException incompleteQueryString(final String missingParts) {
        return incomplete(missingParts + "Re-examine the query-string parameters.");
    }

    static AuthenticationException unsupportedAlgorithm(final String algorithm) {
        return incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'.");
    }

    static AuthenticationException hostNotSigned() {
        return invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    static AuthenticationException dateFormat(final String date) {
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + date
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static AuthenticationException expired(final Instant signed, final Instant now, final long skewMinutes) {
        return invalid("Signature expired: " + BASIC.format(signed) + " is now earlier than "
            + BASIC.format(now.minusSeconds(skewMinutes * 60)) + " (" + BASIC.format(now) + " - " + skewMinutes
            + " min.)");
    }

    static AuthenticationException notYetCurrent(final Instant signed, final Instant now, final long skewMinutes) {
        return invalid("Signature not yet current: " + BASIC.format(signed) + " is still later than "
            + BASIC.format(now.plusSeconds(skewMinutes * 60)) + " (" + BASIC.format(now) + " + " + skewMinutes
            + " min.)");
    }

    static AuthenticationException credentialParts(final String credential) {
        return incomplete("Credential must have exactly 5 slash-delimited elements,"
            + " e.g. keyid/date/region/service/term, got '" + credential + "'");
    }

    /** The scope's faults, from the methods below, concatenated in their order. */
    static AuthenticationException credentialScope(final String faults) {
        return invalid(faults);
    }

    // Each scope fault is a sentence followed by a space, as AWS concatenates them.

    static String regionFault(final String region) {
        return "Credential should be scoped to a valid region, not '" + region + "'. ";
    }

    static String serviceFault(final String service) {
        return "Credential should be scoped to correct service: '" + service + "'. ";
    }

    static String terminatorFault(final String expected, final String terminator) {
        return "Credential should be scoped with a valid terminator: '" + expected + "', not '" + terminator + "'. ";
    }

    static String dateFault(final String scopeDate, final String day, final String timestamp) {
        return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
            + scopeDate + "' != '" + day + "', from '" + timestamp + "'. ";
    }

    static AuthenticationException unrecognizedClient() {
        return new AuthenticationException("UnrecognizedClientException",
            "The security token included in the request is invalid.", BAD_REQUEST);
    }

    static AuthenticationException signatureMismatch() {
        return invalid("The request signature we calculated does not match the signature you provided. Check your"
            + " AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    private static AuthenticationException incomplete(final String message) {
        return new AuthenticationException(INCOMPLETE, message, BAD_REQUEST);
    }

    private static AuthenticationException invalid(final String message) {
        return new AuthenticationException(INVALID, message, BAD_REQUEST);
    }
}
