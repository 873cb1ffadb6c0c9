package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.StreamRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ResourceARN} that the resource operations take (tagging and resource policies): the ARN of a
 * stream or of one of its enhanced fan-out consumers. Checks it against the model, tells the two kinds
 * apart, and finds the stream a stream ARN names, so that every such operation answers a bad or unknown
 * ARN in the same words. Stateless.
 */
final class ResourceArns {
    /** The consumer ARNs of the Kinesis model: {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}. */
    private static final Pattern CONSUMER_ARN = Pattern.compile(
        "arn:aws[^:]*:kinesis:[^:]*:\\d{12}:stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):(\\d+)");

    private ResourceArns() {
    }

    /**
     * Adds the model's checks of {@code ResourceARN} to a request's checks: present, 1 to 2048 characters,
     * and the model's pattern.
     *
     * @param errors      the request's checks so far.
     * @param resourceArn the ARN, or null if absent.
     * @return {@code errors}, for chaining.
     */
    static ValidationErrors check(final ValidationErrors errors, final String resourceArn) {
        return errors.string("resourceARN", resourceArn, true, RequestPatterns.RESOURCE_ARN,
            RequestPatterns.RESOURCE_ARN_TEXT, 1, 2048);
    }

    /**
     * The consumer a resource ARN names.
     *
     * @param resourceArn an ARN that passed {@link #check}.
     * @return the consumer's name, or null if it is not a consumer ARN.
     */
    static String consumerName(final String resourceArn) {
        final Matcher consumer = CONSUMER_ARN.matcher(resourceArn);
        return consumer.matches() ? consumer.group(2) : null;
    }

    /**
     * The stream a resource ARN that is not a consumer's names. The Kinesis text for an ARN of another kind
     * was not found; this one is the closest in style to the service's other messages.
     *
     * @param registry    the streams.
     * @param resourceArn an ARN that passed {@link #check} and is not a consumer ARN.
     * @return the stream, whatever its status.
     * @throws InvalidArgumentException if the ARN names something other than a stream.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if there is no such stream.
     */
    static Stream streamOf(final StreamRegistry registry, final String resourceArn) {
        if (!RequestPatterns.STREAM_ARN.matcher(resourceArn).matches()) {
            throw new InvalidArgumentException("ResourceARN " + resourceArn
                + " does not name a Kinesis stream or consumer.");
        }
        return registry.find(new StreamRequest(null, resourceArn));
    }
}
