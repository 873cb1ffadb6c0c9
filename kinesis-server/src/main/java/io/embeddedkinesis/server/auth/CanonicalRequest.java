package io.embeddedkinesis.server.auth;

import io.embeddedkinesis.server.auth.RequestTarget.QueryParameter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SigV4 canonical request: the text whose hash a client signs.
 *
 * <pre>
 * HTTPMethod '\n'
 * CanonicalURI '\n'            the path, dot segments removed, each segment URI-encoded twice
 * CanonicalQueryString '\n'    name=value pairs URI-encoded and sorted, without X-Amz-Signature
 * CanonicalHeaders '\n'        one "name:value,value\n" line per signed header, values trimmed
 * SignedHeaders '\n'           the signed header names joined with ';'
 * HashedPayload                lower-case hex SHA-256 of the body
 * </pre>
 *
 * <p>The path is encoded twice because every AWS service but S3 signs it that way (the SDKs call it
 * "double URL encode"); Kinesis only ever uses {@code /}. The payload is always hashed from the body:
 * unsigned or streaming payloads are S3 features. Stateless.
 */
final class CanonicalRequest {
    private static final String AUTHORITY = ":authority";
    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");

    private CanonicalRequest() {
    }

    /**
     * Builds the canonical request.
     *
     * @param method        the HTTP method.
     * @param target        the request's path and query.
     * @param headers       the request's headers.
     * @param signedHeaders the header names the client says it signed, in its order.
     * @param excludedQuery a query parameter the client could not sign (the signature itself), or null.
     * @param payloadHash   the body's SHA-256 in lower-case hex.
     */
    static String of(final String method, final RequestTarget target, final HttpHeaders headers,
        final List<String> signedHeaders, final String excludedQuery, final String payloadHash) {
        final StringBuilder text = new StringBuilder(512);
        text.append(method).append('\n');
        text.append(canonicalPath(target.rawPath())).append('\n');
        text.append(canonicalQuery(target.query(), excludedQuery)).append('\n');
        for (final String name : signedHeaders) {
            final List<String> values = headerValues(headers, name);
            if (!values.isEmpty()) {
                text.append(name).append(':').append(String.join(",", values)).append('\n');
            }
        }
        text.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return text.toString();
    }

    static String canonicalPath(final String rawPath) {
        final List<String> segments = new ArrayList<>();
        final String[] parts = rawPath.split("/", -1);
        boolean trailingSlash = false;
        for (int i = 1; i < parts.length; i++) {
            final String segment = parts[i];
            trailingSlash = false;
            if (".".equals(segment)) {
                trailingSlash = true;
            } else if ("..".equals(segment)) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                trailingSlash = true;
            } else {
                segments.add(RequestTarget.encode(RequestTarget.encode(RequestTarget.decode(segment), false), false));
            }
        }
        final String path = "/" + String.join("/", segments);
        return trailingSlash && !segments.isEmpty() ? path + "/" : path;
    }

    static String canonicalQuery(final List<QueryParameter> query, final String excluded) {
        final List<String[]> pairs = new ArrayList<>(query.size());
        for (final QueryParameter parameter : query) {
            if (!parameter.name().equals(excluded)) {
                pairs.add(new String[] {RequestTarget.encode(parameter.name(), false),
                    RequestTarget.encode(parameter.value(), false)});
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        final StringBuilder text = new StringBuilder();
        for (final String[] pair : pairs) {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(pair[0]).append('=').append(pair[1]);
        }
        return text.toString();
    }

    /**
     * A header's values, each trimmed with inner runs of spaces collapsed. HTTP/2's {@code :authority} is
     * the {@code Host} header once Netty has converted the request.
     */
    private static List<String> headerValues(final HttpHeaders headers, final String name) {
        final List<String> raw = AUTHORITY.equals(name) ? headers.getAll(HttpHeaderNames.HOST) : headers.getAll(name);
        final List<String> values = new ArrayList<>(raw.size());
        for (final String value : raw) {
            values.add(BLANKS.matcher(value.trim()).replaceAll(" "));
        }
        return values;
    }
}
