package io.embeddedkinesis.core.exception;

/**
 * A parameter is well formed but not valid for this request, e.g. a sequence number from another shard.
 */
public final class InvalidArgumentException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public InvalidArgumentException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public InvalidArgumentException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.INVALID_ARGUMENT;
    }
}
