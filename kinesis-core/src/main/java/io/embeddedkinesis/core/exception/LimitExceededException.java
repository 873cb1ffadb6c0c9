package io.embeddedkinesis.core.exception;

/**
 * A control-plane limit was exceeded: too many shards or too many requests of this kind.
 */
public final class LimitExceededException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public LimitExceededException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public LimitExceededException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.LIMIT_EXCEEDED;
    }
}
