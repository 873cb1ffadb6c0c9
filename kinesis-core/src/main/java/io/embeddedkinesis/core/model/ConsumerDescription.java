package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * What {@code DescribeStreamConsumer} returns: a consumer and the stream it reads (Kinesis's
 * {@code ConsumerDescription}).
 *
 * @param consumerName              the name, unique within its stream.
 * @param consumerARN               the ARN: {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}.
 * @param consumerStatus            CREATING, ACTIVE or DELETING.
 * @param consumerCreationTimestamp when it was registered.
 * @param streamARN                 the ARN of the stream it was registered with.
 */
public record ConsumerDescription(String consumerName, String consumerARN, ConsumerStatus consumerStatus,
    Instant consumerCreationTimestamp, String streamARN) {
}
