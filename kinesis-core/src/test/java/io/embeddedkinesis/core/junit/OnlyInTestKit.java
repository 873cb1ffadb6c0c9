package io.embeddedkinesis.core.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the sample test classes of {@link ExtensionSamples} from running except through
 * {@link EmbeddedKinesisExtensionTest}'s engine test kit, which sets {@link #PARAMETER}: some of them fail on
 * purpose, and an IDE that runs every class with tests would run them too.
 */
final class OnlyInTestKit implements ExecutionCondition {
    static final String PARAMETER = "io.embeddedkinesis.junit.samples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).isPresent()
            ? ConditionEvaluationResult.enabled("run by EmbeddedKinesisExtensionTest")
            : ConditionEvaluationResult.disabled("a sample for EmbeddedKinesisExtensionTest, which runs it");
    }
}
