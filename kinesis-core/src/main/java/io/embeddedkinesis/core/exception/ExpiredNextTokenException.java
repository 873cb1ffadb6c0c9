package io.embeddedkinesis.core.exception;

/**
 * A pagination token is older than its lifetime (5 minutes); start the listing again.
 */
public final class ExpiredNextTokenException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public ExpiredNextTokenException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public ExpiredNextTokenException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.EXPIRED_NEXT_TOKEN;
    }
}
