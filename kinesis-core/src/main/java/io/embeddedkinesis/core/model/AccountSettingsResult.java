package io.embeddedkinesis.core.model;

/**
 * What {@code DescribeAccountSettings} and {@code UpdateAccountSettings} return: the account's settings.
 *
 * @param minimumThroughputBillingCommitment the account's commitment; null if it was never enabled or disabled.
 */
public record AccountSettingsResult(MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {
}
