package io.embeddedkinesis.server.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Cross-origin resource sharing as Kinesis answers it, so that the AWS SDK for JavaScript running in a browser
 * page can call the endpoint: any origin may call, and a browser's preflight is granted whatever headers and
 * method it asks for (the SDK's signing headers among them), for two days. A preflight carries no credentials,
 * so it is answered before any request is authenticated. Requests without an {@code Origin} header, which is
 * every request a program other than a browser sends, get none of these headers. Stateless.
 */
final class CrossOrigin {
    /** How long a browser may keep a preflight's answer, in seconds: two days, as Kinesis grants. */
    static final String MAX_AGE_SECONDS = "172800";
    /** The response headers a page's script may read besides the simple ones, as Kinesis names them. */
    static final String EXPOSED_HEADERS = "x-amz-request-id, x-amz-id-2";
    private static final String ANY_ORIGIN = "*";

    private CrossOrigin() {
    }

    /**
     * Whether a request is a browser's preflight: an {@code OPTIONS} request from a page of some origin.
     *
     * @param request the request.
     * @return true if it is to be answered by {@link #preflight}.
     */
    static boolean isPreflight(final HttpRequest request) {
        return HttpMethod.OPTIONS.equals(request.method()) && request.headers().contains(HttpHeaderNames.ORIGIN);
    }

    /**
     * Grants a preflight: an empty 200 that allows any origin and echoes the headers and method asked for.
     *
     * @param request a request for which {@link #isPreflight} holds.
     * @return the response, without a request id or date.
     */
    static FullHttpResponse preflight(final HttpRequest request) {
        final FullHttpResponse response =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        final HttpHeaders asked = request.headers();
        final HttpHeaders granted = response.headers();
        granted.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN);
        final String headers = asked.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (headers != null) {
            granted.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers);
        }
        final String method = asked.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (method != null) {
            granted.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, method);
        }
        granted.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        return response;
    }

    /**
     * Lets the page that sent a request read its response, if a page sent it.
     *
     * @param request  the request.
     * @param response its response, given the headers if the request has an {@code Origin}.
     */
    static void allow(final HttpRequest request, final HttpResponse response) {
        if (request.headers().contains(HttpHeaderNames.ORIGIN)) {
            response.headers()
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN)
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }
}
