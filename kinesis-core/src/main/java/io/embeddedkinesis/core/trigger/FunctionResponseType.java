package io.embeddedkinesis.core.trigger;

/**
 * What a function's response may report beyond success or failure, as Lambda's {@code FunctionResponseTypes}.
 */
public enum FunctionResponseType {
    /**
     * {@code ReportBatchItemFailures}: the response's {@code batchItemFailures} name the records that failed;
     * the mapping checkpoints before the one with the lowest sequence number and retries from there.
     */
    REPORT_BATCH_ITEM_FAILURES("ReportBatchItemFailures");

    private final String value;

    FunctionResponseType(final String value) {
        this.value = value;
    }

    /**
     * The name Lambda's API gives the type.
     *
     * @return e.g. {@code ReportBatchItemFailures}.
     */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
