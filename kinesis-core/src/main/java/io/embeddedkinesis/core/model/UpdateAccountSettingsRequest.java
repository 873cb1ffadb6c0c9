package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code UpdateAccountSettings}.
 *
 * @param minimumThroughputBillingCommitment the commitment asked for; required.
 */
public record UpdateAccountSettingsRequest(MinimumThroughputBillingCommitmentInput minimumThroughputBillingCommitment) {
    /**
     * A request to enable or disable the commitment.
     *
     * @param status the commitment's new status.
     * @return the request.
     */
    public static UpdateAccountSettingsRequest of(final MinimumThroughputBillingCommitmentInputStatus status) {
        return new UpdateAccountSettingsRequest(new MinimumThroughputBillingCommitmentInput(status));
    }
}
