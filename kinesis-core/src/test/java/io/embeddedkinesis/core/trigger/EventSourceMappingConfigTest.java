package io.embeddedkinesis.core.trigger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings are validated as Lambda's {@code CreateEventSourceMapping} validates them.
 */
class EventSourceMappingConfigTest {
    private static EventSourceMappingConfig.Builder builder() {
        return EventSourceMappingConfig.builder("fn", "s", EventSourcePosition.LATEST);
    }

    private static BiConsumer<EventSourceMappingConfig.Builder, Integer> setter(final String member) {
        return switch (member) {
            case "batchSize" -> EventSourceMappingConfig.Builder::batchSize;
            case "maximumBatchingWindowInSeconds" -> EventSourceMappingConfig.Builder::maximumBatchingWindowInSeconds;
            case "parallelizationFactor" -> EventSourceMappingConfig.Builder::parallelizationFactor;
            case "maximumRetryAttempts" -> EventSourceMappingConfig.Builder::maximumRetryAttempts;
            case "tumblingWindowInSeconds" -> EventSourceMappingConfig.Builder::tumblingWindowInSeconds;
            default -> throw new IllegalArgumentException(member);
        };
    }

    @Test
    void shouldDefaultAsLambdaDoes() {
        final EventSourceMappingConfig config = builder().build();

        assertThat(config.batchSize()).isEqualTo(100);
        assertThat(config.maximumBatchingWindowInSeconds()).isZero();
        assertThat(config.parallelizationFactor()).isEqualTo(1);
        assertThat(config.bisectBatchOnFunctionError()).isFalse();
        assertThat(config.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(config.maximumRecordAgeInSeconds()).isEqualTo(-1);
        assertThat(config.tumblingWindowInSeconds()).isZero();
        assertThat(config.reportBatchItemFailures()).isFalse();
        assertThat(config.uuid()).as("the same function and stream, the same mapping")
            .isEqualTo(builder().build().uuid());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "batchSize, 1, 10000, 0, 10001",
        "maximumBatchingWindowInSeconds, 0, 300, -1, 301",
        "parallelizationFactor, 1, 10, 0, 11",
        "maximumRetryAttempts, -1, 10000, -2, 10001",
        "tumblingWindowInSeconds, 0, 900, -1, 901"
    })
    void shouldAcceptTheRangeAndRefuseWhatIsOutsideIt(final String member, final int min, final int max,
        final int below, final int above) {
        setter(member).accept(builder(), min);
        setter(member).accept(builder(), max);

        assertThatThrownBy(() -> setter(member).accept(builder(), below))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("1 validation error detected: Value '" + below + "' at '" + member
                + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        assertThatThrownBy(() -> setter(member).accept(builder(), above))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("1 validation error detected: Value '" + above + "' at '" + member
                + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
    }

    @ParameterizedTest
    @CsvSource({"0", "59", "604801", "-2"})
    void shouldRefuseARecordAgeThatIsNeitherForeverNorBetweenAMinuteAndAWeek(final int seconds) {
        assertThatThrownBy(() -> builder().maximumRecordAgeInSeconds(seconds))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MaximumRecordAgeInSeconds");
        builder().maximumRecordAgeInSeconds(-1).maximumRecordAgeInSeconds(60).maximumRecordAgeInSeconds(604_800);
    }

    @Test
    void shouldRequireATimestampExactlyWithAtTimestamp() {
        assertThatThrownBy(() -> EventSourceMappingConfig.builder("fn", "s", EventSourcePosition.AT_TIMESTAMP).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StartingPositionTimestamp");
        assertThatThrownBy(() -> builder().startingPositionTimestamp(Instant.EPOCH).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StartingPositionTimestamp");
    }

    @Test
    void shouldRefuseAFunctionNameLambdaWouldRefuse() {
        assertThatThrownBy(() -> EventSourceMappingConfig.builder("my fn", "s", EventSourcePosition.LATEST))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("1 validation error detected: Value 'my fn' at 'functionName'");
    }
}
