package io.embeddedkinesis.server.protocol;

/**
 * A request body that does not parse, or a member of the wrong JSON type. The service answers it before
 * validating anything, with {@code __type: SerializationException} and a capitalized {@code Message}
 * (or no message at all for a body that is not a document).
 */
public final class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, or null for none.
     */
    public SerializationException(final String message) {
        super(message);
    }
}
