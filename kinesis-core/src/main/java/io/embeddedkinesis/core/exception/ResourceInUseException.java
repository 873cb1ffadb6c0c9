package io.embeddedkinesis.core.exception;

/**
 * The resource is not available for this operation: it already exists, or is not ACTIVE.
 */
public final class ResourceInUseException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    public ResourceInUseException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    public ResourceInUseException(final String message, final Throwable cause) {
        super(message, cause);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.RESOURCE_IN_USE;
    }
}
