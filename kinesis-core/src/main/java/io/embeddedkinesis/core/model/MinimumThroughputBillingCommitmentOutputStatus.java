package io.embeddedkinesis.core.model;

/**
 * The state of the account's minimum throughput billing commitment, as Kinesis names it in
 * {@code MinimumThroughputBillingCommitmentOutput}.
 */
public enum MinimumThroughputBillingCommitmentOutputStatus {
    /** A commitment is in force. */
    ENABLED,
    /** No commitment is in force. */
    DISABLED,
    /** A disable was asked for before the commitment's minimum duration: it ends at its earliest allowed end. */
    ENABLED_UNTIL_EARLIEST_ALLOWED_END
}
