package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.model.Record;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as a consumer application's processor receives it, as the KCL's {@code KinesisClientRecord}:
 * the stream's record, plus the index of the user record within it.
 *
 * <p>Processors receive records deaggregated, as the KCL hands them over (unless
 * {@link ApplicationConfig#deaggregateRecords()} is off): each user record of a KPL aggregate
 * is one of these, with the aggregate's sequence number and arrival time, its index in the aggregate as
 * sub-sequence number, its own partition key, explicit hash key and data, and {@code aggregated} true; a
 * plain record is one of these with sub-sequence number 0. The pair of numbers is what a checkpoint names,
 * so a lease checkpointed inside an aggregate resumes after that user record.
 *
 * @param sequenceNumber              the stream record's sequence number.
 * @param subSequenceNumber           the user record's index within it; 0 for a plain record.
 * @param partitionKey                the partition key: the user record's own for a user record of an aggregate.
 * @param approximateArrivalTimestamp when the stream record was put.
 * @param data                        the payload; the stream record's own array, not to be modified.
 * @param aggregated                  whether this came out of a KPL-aggregated record.
 * @param explicitHashKey             the explicit hash key a KPL producer gave the user record, or null: always
 *                                    null for a plain record, since Kinesis does not return the one it was put
 *                                    with.
 */
public record KinesisClientRecord(String sequenceNumber, long subSequenceNumber, String partitionKey,
    Instant approximateArrivalTimestamp, byte[] data, boolean aggregated, String explicitHashKey) {
    /**
     * Validates the parts.
     *
     * @param sequenceNumber              see the class description.
     * @param subSequenceNumber           see the class description.
     * @param partitionKey                see the class description.
     * @param approximateArrivalTimestamp see the class description.
     * @param data                        see the class description.
     * @param aggregated                  see the class description.
     * @param explicitHashKey             see the class description.
     */
    public KinesisClientRecord {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(data, "data");
        if (subSequenceNumber < 0) {
            throw new IllegalArgumentException("subsequence number must not be negative: subSequenceNumber="
                + subSequenceNumber);
        }
    }

    /**
     * A record without an explicit hash key, as records read from a shard are before deaggregation.
     *
     * @param sequenceNumber              see the class description.
     * @param subSequenceNumber           see the class description.
     * @param partitionKey                see the class description.
     * @param approximateArrivalTimestamp see the class description.
     * @param data                        see the class description.
     * @param aggregated                  see the class description.
     */
    public KinesisClientRecord(final String sequenceNumber, final long subSequenceNumber, final String partitionKey,
        final Instant approximateArrivalTimestamp, final byte[] data, final boolean aggregated) {
        this(sequenceNumber, subSequenceNumber, partitionKey, approximateArrivalTimestamp, data, aggregated, null);
    }

    /**
     * A stream record as read, before deaggregation: the one user record of a plain record.
     *
     * @param record the record read from the shard.
     * @return the record with sub-sequence number 0.
     */
    public static KinesisClientRecord from(final Record record) {
        return new KinesisClientRecord(record.sequenceNumber(), 0, record.partitionKey(),
            record.approximateArrivalTimestamp(), record.data(), false, null);
    }

    /**
     * Where this record is, to the sub-record, as a checkpoint names it.
     *
     * @return the extended sequence number.
     */
    public ExtendedSequenceNumber extendedSequenceNumber() {
        return new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof KinesisClientRecord that && sequenceNumber.equals(that.sequenceNumber)
            && subSequenceNumber == that.subSequenceNumber;
    }

    @Override
    public int hashCode() {
        return sequenceNumber.hashCode() * 31 + Long.hashCode(subSequenceNumber);
    }

    @Override
    public String toString() {
        return "KinesisClientRecord{sequenceNumber=" + sequenceNumber + ", subSequenceNumber=" + subSequenceNumber
            + ", partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey + ", aggregated=" + aggregated
            + ", dataLength=" + data.length + "}";
    }
}
