package io.embeddedkinesis.server.auth;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Decides whether a request's credentials are acceptable, before its body is looked at.
 */
@FunctionalInterface
public interface RequestAuthenticator {
    /** Accepts every request, signed or not, as local emulators do when no credentials are configured. */
    RequestAuthenticator ACCEPT_ALL = (request, service) -> { };

    /**
     * Checks a request.
     *
     * @param request the whole request, body included (SigV4 signs the body's hash).
     * @param service the service the request is for, which its credential scope must name: {@code kinesis},
     *                or {@code sts} for the calls to AWS STS the endpoint also answers.
     * @throws AuthenticationException if the request must be refused.
     */
    void authenticate(FullHttpRequest request, String service);
}
