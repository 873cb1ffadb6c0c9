package io.embeddedkinesis.server.auth;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request says about its own signature, from its {@code Authorization} header or from its query
 * string (a presigned request), once every part is known to be there.
 *
 * @param algorithm      e.g. {@code AWS4-HMAC-SHA256}.
 * @param credential     {@code keyid/date/region/service/aws4_request}.
 * @param signedHeaders  the header names the client signed, in its order.
 * @param signature      the hex signature sent.
 * @param timestamp      the signing time as sent: {@code X-Amz-Date}, else {@code Date}.
 * @param excludedQuery  the query parameter left out of the canonical query string, or null.
 */
record SignatureParameters(String algorithm, String credential, List<String> signedHeaders, String signature,
    String timestamp, String excludedQuery) {
    static final String QUERY_ALGORITHM = "X-Amz-Algorithm";
    private static final String QUERY_SIGNATURE = "X-Amz-Signature";
    private static final List<String> QUERY_PARTS = List.of(QUERY_ALGORITHM, "X-Amz-Credential", QUERY_SIGNATURE,
        "X-Amz-SignedHeaders", "X-Amz-Date");

    SignatureParameters {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /**
     * Reads an {@code Authorization} header. Like the service, it splits on commas and spaces, takes the
     * first word as the algorithm and {@code key=value} words as parameters (the last of a repeated key
     * wins), and reports every missing part at once before looking at any value.
     *
     * @throws AuthenticationException IncompleteSignatureException naming the missing parts.
     */
    static SignatureParameters fromHeader(final String authorization, final HttpHeaders headers) {
        final String[] words = authorization.split("[, ]");
        final Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            final int equals = words[i].indexOf('=');
            if (equals > 0) {
                parameters.put(words[i].substring(0, equals), words[i].substring(equals + 1));
            }
        }
        final StringBuilder missing = new StringBuilder();
        for (final String part : List.of("Credential", "Signature", "SignedHeaders")) {
            if (parameters.getOrDefault(part, "").isEmpty()) {
                missing.append("Authorization header requires '").append(part).append("' parameter. ");
            }
        }
        final String amzDate = headers.get("X-Amz-Date", "");
        final String timestamp = amzDate.isEmpty() ? headers.get("Date", "") : amzDate;
        if (timestamp.isEmpty()) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw SignatureErrors.incompleteHeader(missing.toString(), authorization);
        }
        return new SignatureParameters(words[0], parameters.get("Credential"),
            Arrays.asList(parameters.get("SignedHeaders").split(";")), parameters.get("Signature"), timestamp, null);
    }

    /**
     * Reads the query-string form ({@code X-Amz-Algorithm=...&X-Amz-Credential=...}); the first value of a
     * repeated parameter wins.
     *
     * @throws AuthenticationException IncompleteSignatureException naming the missing parameters.
     */
    static SignatureParameters fromQuery(final RequestTarget target) {
        final StringBuilder missing = new StringBuilder();
        for (final String part : QUERY_PARTS) {
            final String value = target.firstQueryValue(part);
            if (value == null || value.isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(part).append("'. ");
            }
        }
        if (missing.length() > 0) {
            throw SignatureErrors.incompleteQueryString(missing.toString());
        }
        return new SignatureParameters(target.firstQueryValue(QUERY_ALGORITHM),
            target.firstQueryValue("X-Amz-Credential"),
            Arrays.asList(target.firstQueryValue("X-Amz-SignedHeaders").split(";")),
            target.firstQueryValue(QUERY_SIGNATURE), target.firstQueryValue("X-Amz-Date"), QUERY_SIGNATURE);
    }

    /** Whether the client signed the host, as SigV4 requires. */
    boolean signsHost() {
        return signedHeaders.stream().anyMatch(name -> "host".equalsIgnoreCase(name) || ":authority".equals(name));
    }
}
