package io.embeddedkinesis.core.model;

import java.util.Objects;

/**
 * What {@code GetResourcePolicy} returns.
 *
 * @param policy the resource's policy as it was put, or {@code "{}"} if it has none: the member is required
 *               in the Kinesis model, so an answer without a policy still carries one.
 */
public record GetResourcePolicyResult(String policy) {
    /**
     * Checks the policy is present, as the model requires.
     *
     * @param policy see the class description.
     */
    public GetResourcePolicyResult {
        Objects.requireNonNull(policy, "policy");
    }
}
