package io.embeddedkinesis.core.exception;

import java.util.function.Function;

/**
 * Every Kinesis error the core can raise: its wire name, its exception class, and whether a retry can
 * help. One table, so that the wire endpoint and per-entry results of {@code PutRecords} name errors
 * exactly as the exceptions do.
 */
public enum KinesisErrorCode {
    /** See {@link ResourceNotFoundException}. */
    RESOURCE_NOT_FOUND("ResourceNotFoundException", false, ResourceNotFoundException::new),
    /** See {@link ResourceInUseException}. */
    RESOURCE_IN_USE("ResourceInUseException", false, ResourceInUseException::new),
    /** See {@link InvalidArgumentException}. */
    INVALID_ARGUMENT("InvalidArgumentException", false, InvalidArgumentException::new),
    /** See {@link ValidationException}. */
    VALIDATION("ValidationException", false, ValidationException::new),
    /** See {@link LimitExceededException}. */
    LIMIT_EXCEEDED("LimitExceededException", true, LimitExceededException::new),
    /** See {@link ProvisionedThroughputExceededException}. */
    PROVISIONED_THROUGHPUT_EXCEEDED(
        "ProvisionedThroughputExceededException", true, ProvisionedThroughputExceededException::new),
    /** See {@link ExpiredIteratorException}. */
    EXPIRED_ITERATOR("ExpiredIteratorException", false, ExpiredIteratorException::new),
    /** See {@link ExpiredNextTokenException}. */
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", false, ExpiredNextTokenException::new),
    /** See {@link DryRunOperationException}. */
    DRY_RUN_OPERATION("DryRunOperationException", false, DryRunOperationException::new),
    /** See {@link InternalFailureException}. */
    INTERNAL_FAILURE("InternalFailureException", true, InternalFailureException::new);

    private final String wireName;
    private final boolean retryable;
    private final Function<String, KinesisException> factory;

    KinesisErrorCode(final String wireName, final boolean retryable, final Function<String, KinesisException> factory) {
        this.wireName = wireName;
        this.retryable = retryable;
        this.factory = factory;
    }

    /**
     * The name Kinesis uses for this error on the wire ({@code __type}) and in {@code PutRecords} results.
     *
     * @return e.g. {@code "ProvisionedThroughputExceededException"}.
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether repeating the same call later can succeed.
     *
     * @return true for throttling, limits and internal failures.
     */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * Creates the exception for this code.
     *
     * @param message the message, worded as Kinesis words it.
     * @return a new exception of the class this code names.
     */
    public KinesisException newException(final String message) {
        return factory.apply(message);
    }

    /**
     * Finds the code for a wire name.
     *
     * @param wireName e.g. {@code "ResourceNotFoundException"}.
     * @return the matching code.
     * @throws IllegalArgumentException if no code has that name.
     */
    public static KinesisErrorCode fromWireName(final String wireName) {
        for (final KinesisErrorCode code : values()) {
            if (code.wireName.equals(wireName)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown Kinesis error code: wireName=" + wireName);
    }
}
