package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * The account's minimum throughput billing commitment, as in Kinesis's
 * {@code MinimumThroughputBillingCommitmentOutput}.
 *
 * @param status               the commitment's state now.
 * @param startedAt            when the commitment in force, or the last one, started; null if there never was one.
 * @param endedAt              when the last commitment ended, once it has (status DISABLED); else null.
 * @param earliestAllowedEndAt the commitment's start plus its minimum duration of 24 hours; null if there never
 *                             was one.
 */
public record MinimumThroughputBillingCommitmentOutput(
    MinimumThroughputBillingCommitmentOutputStatus status, Instant startedAt, Instant endedAt,
    Instant earliestAllowedEndAt) {
}
