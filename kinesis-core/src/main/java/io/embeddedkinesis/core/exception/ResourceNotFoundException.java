package io.embeddedkinesis.core.exception;

/**
 * The requested resource (a stream, a shard) could not be found, or is not in a state that allows the operation.
 */
public final class ResourceNotFoundException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public ResourceNotFoundException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public ResourceNotFoundException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.RESOURCE_NOT_FOUND;
    }
}
