package io.embeddedkinesis.core.exception;

/**
 * A parameter breaks a constraint of the API model (length, range, pattern); worded as AWS words model validation
 * errors.
 */
public final class ValidationException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public ValidationException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public ValidationException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.VALIDATION;
    }
}
