package io.embeddedkinesis.core.exception;

/**
 * Base of every error a Kinesis operation can raise, named and worded as Amazon Kinesis names and
 * words it, so code written against the real service handles it the same way.
 *
 * <p>Errors are unchecked: a caller handles the ones it can act on (a throttle, an expired iterator)
 * and lets the others propagate. {@link #errorCode()} is the name the Kinesis API uses on the wire
 * ({@code __type}), and {@link #isRetryable()} says whether repeating the same call later can succeed.
 */
public abstract class KinesisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message, worded as Kinesis words it.
     */
    protected KinesisException(final String message) {
        super(message);
    }

    /**
     * @param message the message, worded as Kinesis words it.
     * @param cause   what went wrong underneath.
     */
    protected KinesisException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /**
     * The Kinesis error code for this failure.
     *
     * @return the error code, which also names the exception class.
     */
    public abstract KinesisErrorCode errorCode();

    /**
     * Whether the same call may succeed if it is repeated later, unchanged.
     *
     * @return true for throttling and internal failures.
     */
    public boolean isRetryable() {
        return errorCode().isRetryable();
    }
}
