package io.embeddedkinesis.core.application;

/**
 * The application's lease table cannot serve a call: the shard has no lease, or the application was
 * closed. As the KCL's {@code InvalidStateException}.
 */
public final class InvalidStateException extends KinesisClientLibException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed.
     */
    public InvalidStateException(final String message) {
        super(message);
    }
}
