package io.embeddedkinesis.core.exception;

/**
 * The broker failed underneath (e.g. an I/O error); the cause says why. Nothing half-written is visible.
 */
public final class InternalFailureException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public InternalFailureException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public InternalFailureException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.INTERNAL_FAILURE;
    }
}
