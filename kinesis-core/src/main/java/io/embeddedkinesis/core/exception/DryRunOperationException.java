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

    /**
     * The answer to a dry run that passed every check. Inferred: Kinesis documents the error but no sample of
     * its message was found; this is the wording other AWS services use for their DryRun flag.
     *
     * @return the exception to throw.
     */
    public static DryRunOperationException passed() {
        return new DryRunOperationException("Request would have succeeded, but DryRun flag is set.");
    }

    @Override
    public KinesisErrorCode errorCode() {
        return KinesisErrorCode.DRY_RUN_OPERATION;
    }
}
