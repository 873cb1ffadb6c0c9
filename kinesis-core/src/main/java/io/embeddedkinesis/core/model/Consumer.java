package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * An enhanced fan-out consumer, as {@code RegisterStreamConsumer} and {@code ListStreamConsumers} return it
 * (Kinesis's {@code Consumer}).
 *
 * @param consumerName              the name, unique within its stream.
 * @param consumerARN               the ARN: {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}.
 * @param consumerStatus            CREATING, ACTIVE or DELETING.
 * @param consumerCreationTimestamp when it was registered.
 */
public record Consumer(String consumerName, String consumerARN, ConsumerStatus consumerStatus,
    Instant consumerCreationTimestamp) {
}
