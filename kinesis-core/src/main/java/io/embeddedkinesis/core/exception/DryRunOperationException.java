package io.embeddedkinesis.core.exception;

/**
 * The answer to a request made with {@code DryRun} set that passed every check: it would have succeeded, and
 * nothing was written or read. Kinesis answers this way, with an error (HTTP 400), so that a dry run can
 * never be mistaken for the real thing.
 */
public final class DryRunOperationException extends KinesisException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the message.
     */
    public DryRunOperationException(final String message) {
        super(message);
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.DRY_RUN_OPERATION;
    }
}
