package io.embeddedkinesis.core.exception;

/**
 * A shard's read or write limit was exceeded; nothing was read or written. Retry later, with backoff.
 */
public final class ProvisionedThroughputExceededException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public ProvisionedThroughputExceededException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public ProvisionedThroughputExceededException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED;
    }
}
