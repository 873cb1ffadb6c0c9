package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInput;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentOutput;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentOutputStatus;
import io.embeddedkinesis.core.model.UpdateAccountSettingsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus.DISABLED;
import static io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus.ENABLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The account's minimum throughput billing commitment: its 24-hour minimum, the scheduled disable that takes
 * effect by itself on the broker's clock, cancelling it, persistence, and the refusals.
 */
class AccountSettingsTest extends BrokerTestSupport {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;

    @Test
    void shouldHaveNoCommitmentUntilOneIsAskedFor() {
        open();

        assertThat(broker.describeAccountSettings().minimumThroughputBillingCommitment()).isNull();
    }

    @Test
    void shouldEnableForAtLeastADayAndEndAtTheEarliestAllowedEndWhenDisabledSooner() {
        open();
        final var enabled = broker.updateAccountSettings(ENABLED).minimumThroughputBillingCommitment();
        clock.advance(HOUR_MS);

        final var pending = broker.updateAccountSettings(DISABLED).minimumThroughputBillingCommitment();
        final var described = commitment();
        clock.advance(DAY_MS - HOUR_MS - 1);
        final var lastMoment = commitment();
        clock.advance(1);

        assertThat(enabled).isEqualTo(new MinimumThroughputBillingCommitmentOutput(
            MinimumThroughputBillingCommitmentOutputStatus.ENABLED, at(0), null, at(DAY_MS)));
        assertThat(pending).isEqualTo(new MinimumThroughputBillingCommitmentOutput(
            MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END, at(0), null,
            at(DAY_MS)));
        assertThat(described).isEqualTo(pending);
        assertThat(lastMoment.status())
            .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(commitment()).isEqualTo(new MinimumThroughputBillingCommitmentOutput(
            MinimumThroughputBillingCommitmentOutputStatus.DISABLED, at(0), at(DAY_MS), at(DAY_MS)));
    }

    @ParameterizedTest
    @CsvSource({
        "0, ENABLED_UNTIL_EARLIEST_ALLOWED_END",
        "86399999, ENABLED_UNTIL_EARLIEST_ALLOWED_END",
        "86400000, DISABLED",
        "90000000, DISABLED",
    })
    void shouldDisableAtOnceOnlyOnceTheMinimumDurationHasPassed(final long afterMs,
        final MinimumThroughputBillingCommitmentOutputStatus expected) {
        open().updateAccountSettings(ENABLED);
        clock.advance(afterMs);

        final var disabled = broker.updateAccountSettings(DISABLED).minimumThroughputBillingCommitment();

        assertThat(disabled.status()).isEqualTo(expected);
        assertThat(disabled.endedAt()).isEqualTo(expected == MinimumThroughputBillingCommitmentOutputStatus.DISABLED
            ? at(afterMs) : null);
    }

    @Test
    void shouldCancelAPendingDisableWhenEnabledAgain() {
        open().updateAccountSettings(ENABLED);
        clock.advance(HOUR_MS);
        broker.updateAccountSettings(DISABLED);
        clock.advance(HOUR_MS);

        final var enabledAgain = broker.updateAccountSettings(ENABLED).minimumThroughputBillingCommitment();
        clock.advance(2 * DAY_MS);

        assertThat(enabledAgain).isEqualTo(new MinimumThroughputBillingCommitmentOutput(
            MinimumThroughputBillingCommitmentOutputStatus.ENABLED, at(0), null, at(DAY_MS)));
        assertThat(commitment().status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
    }

    @Test
    void shouldStartANewCommitmentWhenEnabledAfterTheLastEnded() {
        open().updateAccountSettings(ENABLED);
        clock.advance(DAY_MS);
        broker.updateAccountSettings(DISABLED);
        clock.advance(HOUR_MS);

        final var renewed = broker.updateAccountSettings(ENABLED).minimumThroughputBillingCommitment();

        assertThat(renewed).isEqualTo(new MinimumThroughputBillingCommitmentOutput(
            MinimumThroughputBillingCommitmentOutputStatus.ENABLED, at(DAY_MS + HOUR_MS), null,
            at(2 * DAY_MS + HOUR_MS)));
    }

    @Test
    void shouldChangeNothingWhenAskedForTheStatusItHas() {
        open().updateAccountSettings(ENABLED);
        clock.advance(HOUR_MS);

        final var again = broker.updateAccountSettings(ENABLED).minimumThroughputBillingCommitment();

        assertThat(again.startedAt()).isEqualTo(at(0));
        assertThat(again.earliestAllowedEndAt()).isEqualTo(at(DAY_MS));
    }

    @Test
    void shouldShowADisabledCommitmentWithoutTimesWhenNoneWasEverEnabled() {
        open();

        final var disabled = broker.updateAccountSettings(DISABLED).minimumThroughputBillingCommitment();

        assertThat(disabled).isEqualTo(new MinimumThroughputBillingCommitmentOutput(
            MinimumThroughputBillingCommitmentOutputStatus.DISABLED, null, null, null));
        assertThat(commitment()).isEqualTo(disabled);
    }

    @Test
    void shouldKeepTheCommitmentAndItsScheduledEndThroughARestart() {
        open().updateAccountSettings(ENABLED);
        clock.advance(HOUR_MS);
        broker.updateAccountSettings(DISABLED);

        reopen();
        final var pending = commitment();
        clock.advance(DAY_MS);

        assertThat(pending.status())
            .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(commitment()).isEqualTo(new MinimumThroughputBillingCommitmentOutput(
            MinimumThroughputBillingCommitmentOutputStatus.DISABLED, at(0), at(DAY_MS), at(DAY_MS)));
    }

    @Test
    void shouldRefuseAnUpdateWithoutACommitmentOrAStatus() {
        open();

        assertThatThrownBy(() -> broker.updateAccountSettings(new UpdateAccountSettingsRequest(null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'minimumThroughputBillingCommitment' failed to"
                + " satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> broker.updateAccountSettings(new UpdateAccountSettingsRequest(
            new MinimumThroughputBillingCommitmentInput(null))))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'minimumThroughputBillingCommitment.status'"
                + " failed to satisfy constraint: Member must not be null");
        assertThat(broker.describeAccountSettings().minimumThroughputBillingCommitment()).isNull();
    }

    private MinimumThroughputBillingCommitmentOutput commitment() {
        return broker.describeAccountSettings().minimumThroughputBillingCommitment();
    }

    private static Instant at(final long afterStartMs) {
        return Instant.ofEpochMilli(START_MS + afterStartMs);
    }
}
