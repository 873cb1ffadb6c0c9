package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.application.KinesisClientRecord;

/**
 * A record read for the function: the record, what it adds to an invocation's payload, when it was read, the
 * tumbling window it belongs to, and its place in the shard's {@link CheckpointTracker}.
 *
 * @param record         the record.
 * @param payloadBytes   its share of an event's JSON, as {@link KinesisEvents#payloadBytes} estimates it.
 * @param readAtMs       when the mapping read it, on the broker's clock: a batching window starts then.
 * @param windowStartMs  the start of its tumbling window; 0 without windows.
 * @param entry          its checkpoint entry.
 */
record TriggerRecord(KinesisClientRecord record, int payloadBytes, long readAtMs, long windowStartMs,
    CheckpointTracker.Entry entry) {
    String sequenceNumber() {
        return record.sequenceNumber();
    }

    long arrivalMs() {
        return record.approximateArrivalTimestamp().toEpochMilli();
    }
}
