package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.log.SequenceNumber;

/**
 * What {@code PutRecord} returns: where the record went.
 *
 * <p>Immutable. The sequence number is formatted on first use.
 */
public final class PutRecordResult {
    private final String shardId;
    private final SequenceNumber sequenceNumber;

    /**
     * @param shardId        the shard the record was written to.
     * @param sequenceNumber the record's sequence number.
     */
    public PutRecordResult(final String shardId, final SequenceNumber sequenceNumber) {
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
    }

    /**
     * The shard the record was written to.
     *
     * @return e.g. {@code shardId-000000000001}.
     */
    public String shardId() {
        return shardId;
    }

    /**
     * The record's sequence number, unique in the stream and increasing within the shard.
     *
     * @return the decimal sequence number.
     */
    public String sequenceNumber() {
        return sequenceNumber.toString();
    }

    /**
     * How the record is encrypted at rest.
     *
     * @return {@link EncryptionType#NONE}.
     */
    public EncryptionType encryptionType() {
        return EncryptionType.NONE;
    }

    @Override
    public String toString() {
        return "PutRecordResult{shardId=" + shardId + ", sequenceNumber=" + sequenceNumber + "}";
    }
}
