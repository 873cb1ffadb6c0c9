package io.embeddedkinesis.server.protocol;

import java.util.List;

/**
 * One Kinesis operation as the endpoint serves it: its request shape, for type checks, and its handler.
 *
 * @param name    the operation's name, as in {@code X-Amz-Target: Kinesis_20131202.<name>}.
 * @param members the request's members, in the order the service checks them.
 * @param handler reads the request and writes the response.
 */
public record Operation(String name, List<Member> members, Handler handler) {
    /**
     * Serves one call of an operation.
     */
    @FunctionalInterface
    public interface Handler {
        /**
         * Reads a type-checked request and writes its response.
         *
         * @param request  the request's members.
         * @param response the response document to fill.
         */
        void handle(RequestReader request, ResponseWriter response);
    }
}
