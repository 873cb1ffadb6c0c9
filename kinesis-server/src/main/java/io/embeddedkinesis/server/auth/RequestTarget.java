package io.embeddedkinesis.server.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The path and query of a request's target, split and percent-decoded once, and SigV4's way of encoding
 * them again ({@code UriEncode} in the AWS specification).
 *
 * <p>Decoding first and re-encoding with the one strict encoder makes the canonical form independent of
 * how a client chose to escape characters on the wire (e.g. {@code ~} or {@code %7E}). Immutable.
 *
 * @param rawPath the path as sent, still percent-encoded; never empty.
 * @param query   the query parameters in the order sent, decoded.
 */
record RequestTarget(String rawPath, List<QueryParameter> query) {
    /**
     * One decoded query parameter.
     *
     * @param name  the decoded name.
     * @param value the decoded value; empty when the parameter had no {@code =}.
     */
    record QueryParameter(String name, String value) {
    }

    RequestTarget {
        query = List.copyOf(query);
    }

    /**
     * Splits a request URI, in origin form ({@code /path?query}) or absolute form
     * ({@code http://host/path?query}, as sent to proxies).
     */
    static RequestTarget parse(final String uri) {
        final int queryStart = uri.indexOf('?');
        String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        final int scheme = path.indexOf("://");
        if (scheme >= 0) {
            final int pathStart = path.indexOf('/', scheme + 3);
            path = pathStart < 0 ? "" : path.substring(pathStart);
        }
        final List<QueryParameter> query = new ArrayList<>();
        if (queryStart >= 0) {
            for (final String pair : uri.substring(queryStart + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                final int equals = pair.indexOf('=');
                query.add(equals < 0 ? new QueryParameter(decode(pair), "")
                    : new QueryParameter(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1))));
            }
        }
        return new RequestTarget(path.isEmpty() ? "/" : path, query);
    }

    /** The first value of a query parameter, or null if it is absent. */
    String firstQueryValue(final String name) {
        for (final QueryParameter parameter : query) {
            if (parameter.name().equals(name)) {
                return parameter.value();
            }
        }
        return null;
    }

    /** Whether a query parameter is present, with or without a value. */
    boolean hasQueryParameter(final String name) {
        return firstQueryValue(name) != null;
    }

    /**
     * Percent-decodes into UTF-8. A {@code %} not followed by two hex digits stays as it is, so nothing a
     * client sends makes canonicalization fail; such a request simply does not match its signature.
     * {@code +} is not a space here: SigV4 clients escape spaces as {@code %20}.
     */
    static String decode(final String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            final char c = text.charAt(i);
            final int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            final int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && low >= 0) {
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                final byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i++;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * SigV4's {@code UriEncode}: every UTF-8 byte except the unreserved {@code A-Z a-z 0-9 - _ . ~} becomes
     * {@code %XY} with upper-case hex.
     *
     * @param keepSlash whether {@code /} stays as it is (in paths) or is encoded (in query names and values).
     */
    static String encode(final String text, final boolean keepSlash) {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (final byte b : text.getBytes(StandardCharsets.UTF_8)) {
            final int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' && keepSlash) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
