package io.embeddedkinesis.core.account;

import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentOutput;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentOutputStatus;

import java.time.Instant;

/**
 * The account's minimum throughput billing commitment as it is stored, and its rules, as the Kinesis model
 * documents them: a commitment lasts at least 24 hours; a disable asked for sooner is scheduled for the
 * earliest allowed end, and enabling again before then cancels it.
 *
 * <p>The status is derived from the time rather than stored, as a stream's is: a scheduled disable is an end
 * time in the future, and the commitment is DISABLED once the clock reaches it, with nothing running in the
 * background. Immutable; persisted in {@code account.json}.
 *
 * @param startedAtMs            when the commitment in force, or the last one, started; null if the account was
 *                               only ever disabled.
 * @param earliestAllowedEndAtMs the start plus the minimum duration; null with {@code startedAtMs}.
 * @param endsAtMs               when the commitment ends or ended; null while it is enabled with no disable asked
 *                               for.
 */
record BillingCommitment(Long startedAtMs, Long earliestAllowedEndAtMs, Long endsAtMs) {
    /** The shortest a commitment lasts. */
    static final long MINIMUM_DURATION_MS = 24 * 3_600_000L;
    /** An account that asked to disable a commitment it never had. */
    static final BillingCommitment NEVER_ENABLED = new BillingCommitment(null, null, null);

    /**
     * The commitment's state at a time.
     *
     * @param nowMs the time.
     * @return its status.
     */
    MinimumThroughputBillingCommitmentOutputStatus status(final long nowMs) {
        if (startedAtMs == null || endsAtMs != null && nowMs >= endsAtMs) {
            return MinimumThroughputBillingCommitmentOutputStatus.DISABLED;
        }
        return endsAtMs == null ? MinimumThroughputBillingCommitmentOutputStatus.ENABLED
            : MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END;
    }

    /**
     * The commitment after an update at a time. Asking for the status it has changes nothing, so that tools
     * which repeat the call on every run (Terraform) do not restart the commitment.
     *
     * @param asked the status asked for.
     * @param nowMs the time.
     * @return the new commitment, or this one if nothing changes.
     */
    BillingCommitment update(final MinimumThroughputBillingCommitmentInputStatus asked, final long nowMs) {
        final MinimumThroughputBillingCommitmentOutputStatus status = status(nowMs);
        if (asked == MinimumThroughputBillingCommitmentInputStatus.ENABLED) {
            return switch (status) {
                case ENABLED -> this;
                case ENABLED_UNTIL_EARLIEST_ALLOWED_END -> new BillingCommitment(startedAtMs, earliestAllowedEndAtMs,
                    null);
                case DISABLED -> new BillingCommitment(nowMs, nowMs + MINIMUM_DURATION_MS, null);
            };
        }
        return status == MinimumThroughputBillingCommitmentOutputStatus.ENABLED
            ? new BillingCommitment(startedAtMs, earliestAllowedEndAtMs, Math.max(nowMs, earliestAllowedEndAtMs))
            : this;
    }

    /**
     * The commitment as {@code DescribeAccountSettings} shows it at a time. Inferred, as no AWS sample was
     * found: a scheduled end is shown as {@code EndedAt} only once it is past, and an ended commitment keeps
     * showing when it started and its earliest allowed end.
     *
     * @param nowMs the time.
     * @return the output shape.
     */
    MinimumThroughputBillingCommitmentOutput output(final long nowMs) {
        final MinimumThroughputBillingCommitmentOutputStatus status = status(nowMs);
        return new MinimumThroughputBillingCommitmentOutput(status, instant(startedAtMs),
            status == MinimumThroughputBillingCommitmentOutputStatus.DISABLED ? instant(endsAtMs) : null,
            instant(earliestAllowedEndAtMs));
    }

    private static Instant instant(final Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs);
    }
}
