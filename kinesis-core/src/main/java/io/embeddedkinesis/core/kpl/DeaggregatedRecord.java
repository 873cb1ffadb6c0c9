package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A user record as a consumer sees it after {@link RecordDeaggregator}: what the KCL hands a record processor
 * ({@code KinesisClientRecord}). A record that was not an aggregate becomes one of these too, unchanged, so
 * a consumer handles both alike.
 *
 * <p>Every user record of an aggregate has the aggregate's sequence number and arrival time; the pair
 * ({@link #sequenceNumber()}, {@link #subSequenceNumber()}) orders user records within a shard and is
 * what a consumer checkpoints.
 *
 * <p>Immutable, except that {@link #data()} hands out the record's own array: do not modify it. The sequence
 * number is formatted on first use, by the Kinesis record this one came from.
 */
public final class DeaggregatedRecord {
    private final Record container;
    private final long subSequenceNumber;
    private final String partitionKey;
    private final String explicitHashKey;
    private final byte[] data;
    private final boolean aggregated;

    private DeaggregatedRecord(final Record container, final long subSequenceNumber, final String partitionKey,
        final String explicitHashKey, final byte[] data, final boolean aggregated) {
        this.container = container;
        this.subSequenceNumber = subSequenceNumber;
        this.partitionKey = partitionKey;
        this.explicitHashKey = explicitHashKey;
        this.data = data;
        this.aggregated = aggregated;
    }

    /** A record that was not an aggregate, as it was. */
    static DeaggregatedRecord unaggregated(final Record record) {
        return new DeaggregatedRecord(record, 0, record.partitionKey(), null, record.data(), false);
    }

    /** A user record out of an aggregate. */
    static DeaggregatedRecord fromAggregate(final Record container, final long subSequenceNumber,
        final String partitionKey, final String explicitHashKey, final byte[] data) {
        return new DeaggregatedRecord(container, subSequenceNumber, partitionKey, explicitHashKey, data, true);
    }

    /**
     * The sequence number of the Kinesis record this user record came in.
     *
     * @return the decimal sequence number, shared by every user record of an aggregate.
     */
    public String sequenceNumber() {
        return container.sequenceNumber();
    }

    /**
     * The user record's index in its aggregate.
     *
     * @return 0 to n - 1 for an aggregate of n user records; 0 for a record that was not an aggregate.
     */
    public long subSequenceNumber() {
        return subSequenceNumber;
    }

    /**
     * The partition key the producer gave this user record.
     *
     * @return the key (not the aggregate's {@code "a"}).
     */
    public String partitionKey() {
        return partitionKey;
    }

    /**
     * The explicit hash key the producer gave this user record.
     *
     * @return the decimal key, or null if it had none, and always null for a record that was not an aggregate
     *         (Kinesis does not return the explicit hash key a record was put with).
     */
    public String explicitHashKey() {
        return explicitHashKey;
    }

    /**
     * The hash key that routes this user record: its explicit hash key, or else the MD5 of its partition key.
     *
     * @return the hash key, computed on each call.
     */
    public HashKey hashKey() {
        return explicitHashKey == null
            ? PartitionKeyHasher.compute(partitionKey).hashKey()
            : HashKey.of(new BigInteger(explicitHashKey));
    }

    /**
     * The payload.
     *
     * @return the user record's data; do not modify it.
     */
    public byte[] data() {
        return data;
    }

    /**
     * When the Kinesis record this user record came in was put.
     *
     * @return the arrival time, to the millisecond.
     */
    public Instant approximateArrivalTimestamp() {
        return container.approximateArrivalTimestamp();
    }

    /**
     * When the Kinesis record this user record came in was put.
     *
     * @return the arrival time in epoch milliseconds.
     */
    public long approximateArrivalTimestampMs() {
        return container.approximateArrivalTimestampMs();
    }

    /**
     * Whether this user record came out of a KPL aggregate.
     *
     * @return false for a record that was not an aggregate.
     */
    public boolean isAggregated() {
        return aggregated;
    }

    /**
     * The Kinesis record, as {@code GetRecords} returned it, that this user record came in.
     *
     * @return the record.
     */
    public Record container() {
        return container;
    }

    @Override
    public String toString() {
        return "DeaggregatedRecord{sequenceNumber=" + sequenceNumber() + ", subSequenceNumber=" + subSequenceNumber
            + ", partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey + ", dataLength="
            + data.length + ", aggregated=" + aggregated + "}";
    }
}
