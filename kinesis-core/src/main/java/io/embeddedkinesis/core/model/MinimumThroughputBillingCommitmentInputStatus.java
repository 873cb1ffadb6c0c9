package io.embeddedkinesis.core.model;

/**
 * What {@code UpdateAccountSettings} may ask of the account's minimum throughput billing commitment, as Kinesis
 * names it in {@code MinimumThroughputBillingCommitmentInput}.
 */
public enum MinimumThroughputBillingCommitmentInputStatus {
    /** Start a commitment, or cancel a pending disable of the one in force. */
    ENABLED,
    /** End the commitment: at once if it has lasted its minimum of 24 hours, else when it has. */
    DISABLED
}
