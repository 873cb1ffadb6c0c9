package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.log.SequenceNumber;

import java.util.Objects;

/**
 * What {@code PutRecord} returns: where the record went.
 *
 * <p>Immutable. The sequence number is formatted on first use.
 */
public final class PutRecordResult {
    private final String shardId;
    private final SequenceNumber sequenceNumber;
    private final EncryptionType encryptionType;

    /**
     * The result of a put to a stream without server-side encryption.
     *
     * @param shardId        the shard the record was written to.
     * @param sequenceNumber the record's sequence number.
     */
    public PutRecordResult(final String shardId, final SequenceNumber sequenceNumber) {
        this(shardId, sequenceNumber, EncryptionType.NONE);
    }

    /**
     * @param shardId        the shard the record was written to.
     * @param sequenceNumber the record's sequence number.
     * @param encryptionType how the stream encrypted the record at rest.
     */
    public PutRecordResult(final String shardId, final SequenceNumber sequenceNumber,
        final EncryptionType encryptionType) {
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.encryptionType = Objects.requireNonNull(encryptionType, "encryptionType");
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
     * @return {@link EncryptionType#KMS} if the stream had server-side encryption on when it took the record,
     *         {@link EncryptionType#NONE} otherwise.
     */
    public EncryptionType encryptionType() {
        return encryptionType;
    }

    @Override
    public String toString() {
        return "PutRecordResult{shardId=" + shardId + ", sequenceNumber=" + sequenceNumber + "}";
    }
}
