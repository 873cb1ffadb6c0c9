package io.embeddedkinesis.core.trigger;

import java.util.Map;

/**
 * What one invocation of the function came to, as Lambda reads the function's response.
 */
sealed interface InvocationOutcome {
    /**
     * Every record succeeded.
     *
     * @param state the window state returned, for windowed invocations; else null.
     */
    record Succeeded(Map<String, String> state) implements InvocationOutcome {
    }

    /**
     * The records before {@code firstFailed} succeeded; that one and those after it are to be retried.
     *
     * @param firstFailed the index in the batch of the failed record with the lowest sequence number, above 0.
     * @param state       the window state returned, for windowed invocations; else null.
     */
    record PartlyFailed(int firstFailed, Map<String, String> state) implements InvocationOutcome {
    }

    /**
     * The whole batch failed.
     *
     * @param functionError {@code Unhandled} when the function threw, as Lambda's {@code X-Amz-Function-Error};
     *                      null when it returned a response that counts as a failure.
     * @param reason        why, for the log.
     */
    record Failed(String functionError, String reason) implements InvocationOutcome {
    }
}
