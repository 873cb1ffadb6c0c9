package io.embeddedkinesis.core.model;

/**
 * Names one consumer, as {@code DescribeStreamConsumer} and {@code DeregisterStreamConsumer} do: by its ARN,
 * or by its stream's ARN and its name.
 *
 * @param streamARN    the stream's ARN, or null when the consumer's ARN is given.
 * @param consumerName the consumer's name, or null when the consumer's ARN is given.
 * @param consumerARN  the consumer's ARN, or null.
 */
public record StreamConsumerRequest(String streamARN, String consumerName, String consumerARN) {
    /**
     * Names a consumer by its ARN.
     *
     * @param consumerARN the consumer's ARN.
     * @return the request.
     */
    public static StreamConsumerRequest of(final String consumerARN) {
        return new StreamConsumerRequest(null, null, consumerARN);
    }

    /**
     * Names a consumer by its stream's ARN and its name.
     *
     * @param streamARN    the stream's ARN.
     * @param consumerName the consumer's name.
     * @return the request.
     */
    public static StreamConsumerRequest of(final String streamARN, final String consumerName) {
        return new StreamConsumerRequest(streamARN, consumerName, null);
    }
}
