package io.embeddedkinesis.core.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.DeleteResourcePolicyRequest;
import io.embeddedkinesis.core.model.GetResourcePolicyRequest;
import io.embeddedkinesis.core.model.GetResourcePolicyResult;
import io.embeddedkinesis.core.model.PutResourcePolicyRequest;

import java.util.function.UnaryOperator;

/**
 * Resource policies: {@code PutResourcePolicy}, {@code GetResourcePolicy} and {@code DeleteResourcePolicy}
 * on the ARN of a stream or of one of its enhanced fan-out consumers.
 *
 * <p>A policy is stored, not enforced: the broker evaluates no IAM, so a policy grants and denies nothing
 * here. It is kept so that code which manages policies (set-up scripts, infrastructure code, cross-account
 * sharing) runs unchanged, and reads back what it wrote. A stream's policy is persisted with the stream's
 * metadata, a consumer's with the consumer ({@link ConsumerPolicies}); each goes when its resource goes.
 *
 * <p>Resources are found, and bad or unknown ARNs refused, as {@code TagResource} does it
 * ({@link ResourceArns}): a stream that is CREATING takes a policy, one that is DELETING is not found for
 * changes but still answers {@code GetResourcePolicy}. The service's answers where no policy is set and its
 * text for a policy that is not JSON were not found; the choices made are marked as inferred where made.
 *
 * <p>Thread-safe: stream policies change under the stream registry's lock, consumer policies under the
 * consumers' registry's.
 */
public final class ResourcePolicies {
    /**
     * What {@code GetResourcePolicy} returns for a resource without a policy. Inferred: the model requires the
     * member, and moto answers this; no AWS sample was found.
     */
    static final String NO_POLICY = "{}";

    private final StreamRegistry registry;
    private final ConsumerPolicies consumers;
    private final ObjectMapper mapper = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param registry  the streams.
     * @param consumers the policies of the streams' consumers.
     */
    public ResourcePolicies(final StreamRegistry registry, final ConsumerPolicies consumers) {
        this.registry = registry;
        this.consumers = consumers;
    }

    /**
     * Attaches a policy to a resource, replacing any it has.
     *
     * @param request the resource and the policy.
     * @throws InvalidArgumentException if the policy is not a JSON object.
     */
    public void putResourcePolicy(final PutResourcePolicyRequest request) {
        final ValidationErrors errors = ResourceArns.check(new ValidationErrors(), request.resourceARN());
        errors.notNull("policy", request.policy() != null).throwIfAny();
        update(request.resourceARN(), current -> checked(request.policy()));
    }

    /**
     * A resource's policy.
     *
     * @param request the resource.
     * @return its policy as it was put, or {@code "{}"} if it has none.
     */
    public GetResourcePolicyResult getResourcePolicy(final GetResourcePolicyRequest request) {
        final String arn = request.resourceARN();
        ResourceArns.check(new ValidationErrors(), arn).throwIfAny();
        final String policy = ResourceArns.consumerName(arn) != null
            ? consumers.policyOf(arn) : ResourceArns.streamOf(registry, arn).resourcePolicy();
        return new GetResourcePolicyResult(policy == null ? NO_POLICY : policy);
    }

    /**
     * Removes a resource's policy. A resource without one is left as it is, without an error (inferred: no AWS
     * sample was found; kinesis-mock does the same, moto answers ResourceNotFoundException).
     *
     * @param request the resource.
     */
    public void deleteResourcePolicy(final DeleteResourcePolicyRequest request) {
        ResourceArns.check(new ValidationErrors(), request.resourceARN()).throwIfAny();
        update(request.resourceARN(), current -> null);
    }

    private void update(final String arn, final UnaryOperator<String> change) {
        if (ResourceArns.consumerName(arn) != null) {
            consumers.updatePolicy(arn, change);
            return;
        }
        registry.updateResourcePolicy(ResourceArns.streamOf(registry, arn), change);
    }

    /**
     * The policy, once it is known to be one JSON object. The service's text for anything else was not found;
     * this one is inferred, in the style of its other InvalidArgumentException messages. Only the syntax is
     * checked: with no IAM to evaluate the policy, its grammar would be a guess at what AWS refuses.
     */
    private String checked(final String policy) {
        JsonNode document;
        try {
            document = mapper.readTree(policy);
        } catch (final JsonProcessingException notJson) {
            document = null;
        }
        if (document == null || !document.isObject()) {
            throw new InvalidArgumentException("Policy is not a valid JSON object.");
        }
        return policy;
    }
}
