package io.embeddedkinesis.core.model;

import java.util.Map;

/**
 * The parameters of {@code RegisterStreamConsumer}.
 *
 * @param streamARN    the ARN of the stream to read.
 * @param consumerName 1 to 128 characters of {@code [a-zA-Z0-9_.-]}, unique within the stream.
 * @param tags         tags to give the consumer, as {@code TagResource} takes them; or null for none.
 */
public record RegisterStreamConsumerRequest(String streamARN, String consumerName, Map<String, String> tags) {
    /**
     * Registers a consumer without tags.
     *
     * @param streamARN    the stream's ARN.
     * @param consumerName the consumer's name.
     * @return the request.
     */
    public static RegisterStreamConsumerRequest of(final String streamARN, final String consumerName) {
        return new RegisterStreamConsumerRequest(streamARN, consumerName, null);
    }
}
