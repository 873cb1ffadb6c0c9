package io.embeddedkinesis.server.auth;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Decides whether a request's credentials are acceptable, before its body is looked at.
 */
@FunctionalInterface
public interface RequestAuthenticator {
    /** Accepts every request, signed or not, as local emulators do when no credentials are configured. */
    RequestAuthenticator ACCEPT_ALL = request -> { };

    /**
     * Checks a request.
     *
     * @param request the whole request, body included (SigV4 signs the body's hash).
     * @throws AuthenticationException if the request must be refused.
     */
    void authenticate(FullHttpRequest request);
}
