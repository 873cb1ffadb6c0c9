package io.embeddedkinesis.core.exception;

/**
 * The shard iterator is older than the iterator lifetime (5 minutes); get a new one.
 */
public final class ExpiredIteratorException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public ExpiredIteratorException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public ExpiredIteratorException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.EXPIRED_ITERATOR;
    }
}
