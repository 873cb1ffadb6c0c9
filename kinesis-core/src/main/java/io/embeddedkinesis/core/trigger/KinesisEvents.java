package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import io.embeddedkinesis.core.application.KinesisClientRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the events Lambda sends a function for a Kinesis stream, in Lambda's Java event classes, with the
 * fields Lambda sets: {@code eventSource "aws:kinesis"}, {@code eventVersion "1.0"},
 * {@code eventID "<shardId>:<sequenceNumber>"}, {@code eventName "aws:kinesis:record"},
 * {@code invokeIdentityArn}, {@code awsRegion}, {@code eventSourceARN}, and under {@code kinesis}:
 * {@code kinesisSchemaVersion "1.0"}, the partition key, sequence number, data and arrival time.
 *
 * <p>Every invocation gets new objects, data included: a handler that reads or changes a record's
 * {@code ByteBuffer} does not change what a retry of the batch receives. Thread-safe: immutable.
 */
final class KinesisEvents {
    /** JSON an event record spends besides its variable parts: names, punctuation, fixed values. */
    private static final int RECORD_OVERHEAD_BYTES = 300;

    private final String streamArn;
    private final String region;
    private final String invokeIdentityArn;

    KinesisEvents(final String streamArn, final String region, final String invokeIdentityArn) {
        this.streamArn = streamArn;
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    String streamArn() {
        return streamArn;
    }

    /**
     * What a record adds to an event's JSON: its base64 data, key, sequence number twice (it is in the event
     * id), shard id and ARNs, and the fixed fields. An estimate, good enough to keep batches under 6 MB.
     */
    int payloadBytes(final String shardId, final KinesisClientRecord record) {
        final long bytes = RECORD_OVERHEAD_BYTES + (record.data().length + 2L) / 3 * 4
            + (record.partitionKey() == null ? 0 : record.partitionKey().getBytes(StandardCharsets.UTF_8).length)
            + 2L * record.sequenceNumber().length()
            + shardId.length() + streamArn.length() + invokeIdentityArn.length() + region.length();
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** A plain Kinesis event. */
    KinesisEvent event(final String shardId, final List<TriggerRecord> records) {
        final KinesisEvent event = new KinesisEvent();
        event.setRecords(eventRecords(shardId, records));
        return event;
    }

    /**
     * A tumbling window's event; also what a function declared for window events gets when windows are off,
     * with no window, state or flags, as Lambda's JSON would deserialize into that class.
     */
    KinesisTimeWindowEvent windowEvent(final String shardId, final Batch batch, final long windowSizeMs,
        final Map<String, String> state) {
        final KinesisTimeWindowEvent event = new KinesisTimeWindowEvent();
        event.setRecords(eventRecords(shardId, batch.records()));
        if (windowSizeMs > 0) {
            event.setWindow(new TimeWindow(Instant.ofEpochMilli(batch.windowStartMs()).toString(),
                Instant.ofEpochMilli(batch.windowStartMs() + windowSizeMs).toString()));
            event.setState(new HashMap<>(state));
            event.setShardId(shardId);
            event.setEventSourceArn(streamArn);
            event.setIsFinalInvokeForWindow(batch.isFinal());
            event.setIsWindowTerminatedEarly(batch.kind() == Batch.Kind.WINDOW_TERMINATED_EARLY);
        }
        return event;
    }

    private List<KinesisEvent.KinesisEventRecord> eventRecords(final String shardId,
        final List<TriggerRecord> records) {
        final List<KinesisEvent.KinesisEventRecord> eventRecords = new ArrayList<>(records.size());
        for (final TriggerRecord record : records) {
            eventRecords.add(eventRecord(shardId, record.record()));
        }
        return eventRecords;
    }

    private KinesisEvent.KinesisEventRecord eventRecord(final String shardId, final KinesisClientRecord record) {
        final KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setKinesisSchemaVersion("1.0");
        kinesis.setPartitionKey(record.partitionKey());
        kinesis.setSequenceNumber(record.sequenceNumber());
        kinesis.setData(ByteBuffer.wrap(record.data().clone()));
        kinesis.setApproximateArrivalTimestamp(Date.from(record.approximateArrivalTimestamp()));
        final KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
        eventRecord.setKinesis(kinesis);
        eventRecord.setEventSource("aws:kinesis");
        eventRecord.setEventVersion("1.0");
        eventRecord.setEventID(shardId + ":" + record.sequenceNumber());
        eventRecord.setEventName("aws:kinesis:record");
        eventRecord.setInvokeIdentityArn(invokeIdentityArn);
        eventRecord.setAwsRegion(region);
        eventRecord.setEventSourceARN(streamArn);
        return eventRecord;
    }
}
