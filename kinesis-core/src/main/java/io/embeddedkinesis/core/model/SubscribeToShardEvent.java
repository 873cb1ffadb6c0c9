package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.log.SequenceNumber;

import java.util.Collections;
import java.util.List;

/**
 * One push of a {@code SubscribeToShard} subscription: the records that arrived since the last one, as
 * Kinesis's {@code SubscribeToShardEvent}.
 *
 * <p>Immutable. The continuation sequence number is formatted on first use, as a record's is: a subscriber
 * that only looks at the records should not pay for a decimal number on every push.
 */
public final class SubscribeToShardEvent {
    private final List<Record> records;
    private final SequenceNumber continuationSequenceNumber;
    private final long millisBehindLatest;
    private final List<ChildShard> childShards;

    /**
     * @param records                    the records, in shard order; not copied, since it is made for this event.
     * @param continuationSequenceNumber where a new subscription continues, or null at a closed shard's end.
     * @param millisBehindLatest         how far the subscription is behind the newest record.
     * @param childShards                the shards a closed shard's records continue in, or empty.
     */
    public SubscribeToShardEvent(final List<Record> records, final SequenceNumber continuationSequenceNumber,
        final long millisBehindLatest, final List<ChildShard> childShards) {
        this.records = Collections.unmodifiableList(records);
        this.continuationSequenceNumber = continuationSequenceNumber;
        this.millisBehindLatest = millisBehindLatest;
        this.childShards = List.copyOf(childShards);
    }

    /**
     * The records that arrived since the previous event.
     *
     * @return the records in shard order; empty in an event that only reports progress.
     */
    public List<Record> records() {
        return records;
    }

    /**
     * Where a new subscription continues, with {@code AFTER_SEQUENCE_NUMBER}: the subscription's progress,
     * worth checkpointing even when no records came.
     *
     * @return the sequence number, or null in the last event of a closed shard.
     */
    public String continuationSequenceNumber() {
        return continuationSequenceNumber == null ? null : continuationSequenceNumber.toString();
    }

    /**
     * How far the subscription is behind the newest record of the shard.
     *
     * @return milliseconds; 0 when caught up.
     */
    public long millisBehindLatest() {
        return millisBehindLatest;
    }

    /**
     * The shards a closed shard's records continue in.
     *
     * @return the children in the shard's last event; empty otherwise.
     */
    public List<ChildShard> childShards() {
        return childShards;
    }

    @Override
    public String toString() {
        return "SubscribeToShardEvent{records=" + records.size() + ", continuationSequenceNumber="
            + continuationSequenceNumber + ", millisBehindLatest=" + millisBehindLatest + ", childShards="
            + childShards + "}";
    }
}
