package io.embeddedkinesis.core.application;

/**
 * The worker no longer holds the lease a checkpoint was for: another worker took it, or the processor
 * already ended. As the KCL's {@code ShutdownException}; nothing was written.
 */
public final class ShutdownException extends KinesisClientLibException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed.
     */
    public ShutdownException(final String message) {
        super(message);
    }
}
