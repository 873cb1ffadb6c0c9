package io.embeddedkinesis.core.stream;

import java.util.function.UnaryOperator;

/**
 * The resource policies of enhanced fan-out consumers, which {@code PutResourcePolicy},
 * {@code GetResourcePolicy} and {@code DeleteResourcePolicy} reach by consumer ARN. The consumers' own
 * registry keeps them, with the consumers; {@link ResourcePolicies} applies the same rules to them as to a
 * stream's.
 */
public interface ConsumerPolicies {
    /**
     * A consumer's resource policy.
     *
     * @param consumerArn a well-formed consumer ARN.
     * @return the policy as it was put, or null if the consumer has none.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream or the consumer does
     *                                                                    not exist.
     */
    String policyOf(String consumerArn);

    /**
     * Changes a consumer's resource policy and persists it, serialized with every other change to consumers.
     *
     * @param consumerArn a well-formed consumer ARN.
     * @param change      the new policy (null for none) given the current one; it may throw to refuse the change.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream or the consumer does
     *                                                                    not exist.
     */
    void updatePolicy(String consumerArn, UnaryOperator<String> change);
}
