package io.embeddedkinesis.core.trigger;

import java.util.List;

/**
 * The records of one invocation, retried as a unit until it succeeds, is split, or is discarded. A window's
 * final invocation is a batch without records.
 *
 * <p>The worker thread owns every field but {@link #outcome}, which the invoking thread sets once.
 */
final class Batch {
    /** Which invocation a batch is. */
    enum Kind {
        /** Records for the function (aggregated into the window's state when windows are on). */
        RECORDS,
        /** The final invocation of a tumbling window, with its state and no records. */
        WINDOW_FINAL,
        /** The final invocation of a window whose state grew past 1 MB; the window goes on with a fresh state. */
        WINDOW_TERMINATED_EARLY
    }

    private final Kind kind;
    private final List<TriggerRecord> records;
    private final long windowStartMs;
    private int invokeCount;
    private String functionError;
    private volatile InvocationOutcome outcome;

    Batch(final Kind kind, final List<TriggerRecord> records, final long windowStartMs) {
        this.kind = kind;
        this.records = List.copyOf(records);
        this.windowStartMs = windowStartMs;
    }

    Kind kind() {
        return kind;
    }

    boolean isFinal() {
        return kind != Kind.RECORDS;
    }

    List<TriggerRecord> records() {
        return records;
    }

    long windowStartMs() {
        return windowStartMs;
    }

    /** How many times the function was invoked with this batch: Lambda's {@code approximateInvokeCount}. */
    int invokeCount() {
        return invokeCount;
    }

    /** The {@code X-Amz-Function-Error} of the last failed invocation, or null. */
    String functionError() {
        return functionError;
    }

    /** A new invocation starts; its outcome is not known yet. */
    void invoking() {
        invokeCount++;
        outcome = null;
    }

    /** The invocation just started could not run (its executor rejected it): it does not count. */
    void notInvoked() {
        invokeCount--;
    }

    /** Called by the invoking thread, once per invocation. */
    void complete(final InvocationOutcome result) {
        outcome = result;
    }

    /** The last invocation's outcome, or null while it runs. */
    InvocationOutcome outcome() {
        return outcome;
    }

    void failed(final String error) {
        functionError = error;
    }

    /**
     * Records from {@code from} on, as a batch of their own.
     *
     * @param from           the first record kept.
     * @param keepInvocations whether the new batch goes on counting this one's invocations (a retry after a
     *                        partial failure) or starts from none (a split, which uses no retry attempt).
     */
    Batch tail(final int from, final boolean keepInvocations) {
        final Batch tail = new Batch(kind, records.subList(from, records.size()), windowStartMs);
        if (keepInvocations) {
            tail.invokeCount = invokeCount;
            tail.functionError = functionError;
        }
        return tail;
    }

    /** Records before {@code to}, as a batch of their own with no invocations yet. */
    Batch head(final int to) {
        return new Batch(kind, records.subList(0, to), windowStartMs);
    }
}
