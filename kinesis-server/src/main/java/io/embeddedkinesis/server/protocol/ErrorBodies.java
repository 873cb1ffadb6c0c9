package io.embeddedkinesis.server.protocol;

/**
 * The bodies the service answers errors with, in the request's encoding: {@code __type} with a lower-case
 * {@code message} for service errors, a capitalized {@code Message} for serialization errors, no message
 * where the service gives none.
 */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    /**
     * An error body.
     *
     * @param format     the encoding.
     * @param type       the error's name, e.g. {@code ResourceNotFoundException}.
     * @param messageKey {@code "message"} or {@code "Message"}; ignored when the message is null.
     * @param message    the message, or null for a body with the type alone.
     * @return the encoded body.
     */
    public static byte[] of(final WireFormat format, final String type, final String messageKey, final String message) {
        return new ResponseWriter(format).string("__type", type).string(messageKey, message).toBytes();
    }
}
