package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.log.SequenceNumberFormatter;

/**
 * The outcome of one record of a {@code PutRecords} call: either a shard and sequence number, or an
 * error code and message.
 *
 * <p>Immutable. The sequence number is formatted on first use.
 */
public final class PutRecordsResultEntry {
    private final String shardId;
    private final SequenceNumber sequenceNumber;
    private final String errorCode;
    private final String errorMessage;

    private PutRecordsResultEntry(
        final String shardId, final SequenceNumber sequenceNumber, final String errorCode, final String errorMessage) {
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /**
     * A record that was written.
     *
     * @param shardId        the shard it went to.
     * @param sequenceNumber its sequence number.
     * @return the entry.
     */
    public static PutRecordsResultEntry success(final String shardId, final SequenceNumber sequenceNumber) {
        return new PutRecordsResultEntry(shardId, sequenceNumber, null, null);
    }

    /**
     * A record that was not written.
     *
     * @param errorCode    {@code ProvisionedThroughputExceededException} or {@code InternalFailure}.
     * @param errorMessage the reason.
     * @return the entry.
     */
    public static PutRecordsResultEntry failure(final String errorCode, final String errorMessage) {
        return new PutRecordsResultEntry(null, null, errorCode, errorMessage);
    }

    /**
     * Whether the record was written.
     *
     * @return true if it has a sequence number.
     */
    public boolean isSuccessful() {
        return errorCode == null;
    }

    /**
     * The shard the record went to.
     *
     * @return the shard id, or null if it failed.
     */
    public String shardId() {
        return shardId;
    }

    /**
     * The record's sequence number.
     *
     * @return the decimal sequence number, or null if it failed.
     */
    public String sequenceNumber() {
        return sequenceNumber == null ? null : sequenceNumber.toString();
    }

    /**
     * The record's sequence number as ASCII digits, the form for an encoder that writes many results: no string
     * is made.
     *
     * @param formatter writes the digits; one per response.
     * @return the {@value SequenceNumberFormatter#DIGITS} digits, in the formatter's buffer (valid until its next
     *         use, and not to be modified), or null if the record failed.
     */
    public byte[] sequenceNumber(final SequenceNumberFormatter formatter) {
        return sequenceNumber == null ? null : formatter.format(sequenceNumber);
    }

    /**
     * Why the record failed.
     *
     * @return the Kinesis error code, or null if it was written.
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * The failure's message.
     *
     * @return the message, or null if it was written.
     */
    public String errorMessage() {
        return errorMessage;
    }

    @Override
    public String toString() {
        return isSuccessful()
            ? "PutRecordsResultEntry{shardId=" + shardId + ", sequenceNumber=" + sequenceNumber + "}"
            : "PutRecordsResultEntry{errorCode=" + errorCode + ", errorMessage=" + errorMessage + "}";
    }
}
