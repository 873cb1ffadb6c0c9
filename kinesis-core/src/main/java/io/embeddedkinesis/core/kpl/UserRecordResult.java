package io.embeddedkinesis.core.kpl;

/**
 * The outcome of one user record put through {@link RecordAggregator#putRecords}: where it went, or why it
 * was not written, as the KPL's {@code UserRecordResult} tells it.
 *
 * @param shardId           the shard it was written to, or null if it failed.
 * @param sequenceNumber    the sequence number of the Kinesis record that carries it, or null if it failed.
 * @param subSequenceNumber its index inside that record (0 for a record sent unaggregated), the number a
 *                          deaggregating reader gives it; 0 if it failed.
 * @param errorCode         why it failed, e.g. {@code ProvisionedThroughputExceededException} or
 *                          {@code Wrong Shard}; null if it was written.
 * @param errorMessage      the failure's message; null if it was written.
 */
public record UserRecordResult(
    String shardId, String sequenceNumber, long subSequenceNumber, String errorCode, String errorMessage) {

    /**
     * Checks that the result is either a success or a failure, not a mix.
     *
     * @param shardId           see the class description.
     * @param sequenceNumber    see the class description.
     * @param subSequenceNumber see the class description.
     * @param errorCode         see the class description.
     * @param errorMessage      see the class description.
     */
    public UserRecordResult {
        final boolean written = shardId != null && sequenceNumber != null && errorCode == null && errorMessage == null;
        final boolean failed = shardId == null && sequenceNumber == null && errorCode != null && subSequenceNumber == 0;
        if ((!written && !failed) || subSequenceNumber < 0) {
            throw new IllegalArgumentException("a user record result has a shard and sequence number or an error"
                + " code: shardId=" + shardId + ", sequenceNumber=" + sequenceNumber + ", subSequenceNumber="
                + subSequenceNumber + ", errorCode=" + errorCode);
        }
    }

    /**
     * A user record that was written.
     *
     * @param shardId           the shard.
     * @param sequenceNumber    the sequence number of the Kinesis record that carries it.
     * @param subSequenceNumber its index in that record.
     * @return the result.
     */
    public static UserRecordResult success(final String shardId, final String sequenceNumber,
        final long subSequenceNumber) {
        return new UserRecordResult(shardId, sequenceNumber, subSequenceNumber, null, null);
    }

    /**
     * A user record that was not written.
     *
     * @param errorCode    the error code.
     * @param errorMessage the message.
     * @return the result.
     */
    public static UserRecordResult failure(final String errorCode, final String errorMessage) {
        return new UserRecordResult(null, null, 0, errorCode, errorMessage);
    }

    /**
     * Whether the user record was written.
     *
     * @return true if it has a shard and sequence number.
     */
    public boolean isSuccessful() {
        return errorCode == null;
    }
}
