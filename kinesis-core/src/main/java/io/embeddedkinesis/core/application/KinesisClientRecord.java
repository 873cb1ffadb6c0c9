package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.model.Record;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as a consumer application's processor receives it, as the KCL's {@code KinesisClientRecord}:
 * the stream's record, plus the index of the user record within it.
 *
 * <p>Every record read from a shard is delivered with sub-sequence number 0 and {@code aggregated} false:
 * records are not deaggregated yet. KPL deaggregation, when it comes, turns one aggregated record into
 * several of these that share the sequence number and count their sub-sequence number up from 0; the
 * checkpointer already takes sub-sequence numbers, and a lease checkpointed inside an aggregated record
 * resumes after that sub-record (see {@link #from(Record)}).
 *
 * @param sequenceNumber              the stream record's sequence number.
 * @param subSequenceNumber           the user record's index within it; 0 for a plain record.
 * @param partitionKey                the partition key.
 * @param approximateArrivalTimestamp when the stream record was put.
 * @param data                        the payload; the stream record's own array, not to be modified.
 * @param aggregated                  whether this came out of a KPL-aggregated record.
 */
public record KinesisClientRecord(String sequenceNumber, long subSequenceNumber, String partitionKey,
    Instant approximateArrivalTimestamp, byte[] data, boolean aggregated) {
    /**
     * Validates the parts.
     *
     * @param sequenceNumber              see the class description.
     * @param subSequenceNumber           see the class description.
     * @param partitionKey                see the class description.
     * @param approximateArrivalTimestamp see the class description.
     * @param data                        see the class description.
     * @param aggregated                  see the class description.
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
     * A plain stream record as the one user record it holds.
     *
     * @param record the record read from the shard.
     * @return the record with sub-sequence number 0.
     */
    public static KinesisClientRecord from(final Record record) {
        return new KinesisClientRecord(record.sequenceNumber(), 0, record.partitionKey(),
            record.approximateArrivalTimestamp(), record.data(), false);
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
            + ", partitionKey=" + partitionKey + ", dataLength=" + data.length + "}";
    }
}
