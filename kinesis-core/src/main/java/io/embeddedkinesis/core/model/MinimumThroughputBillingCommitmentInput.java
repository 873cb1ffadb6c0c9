package io.embeddedkinesis.core.model;

/**
 * The commitment {@code UpdateAccountSettings} asks for, as in Kinesis's
 * {@code MinimumThroughputBillingCommitmentInput}.
 *
 * @param status enable or disable the commitment; required.
 */
public record MinimumThroughputBillingCommitmentInput(MinimumThroughputBillingCommitmentInputStatus status) {
}
