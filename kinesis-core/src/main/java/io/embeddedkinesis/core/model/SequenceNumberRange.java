package io.embeddedkinesis.core.model;

/**
 * The sequence numbers a shard spans, as in Kinesis's {@code SequenceNumberRange}.
 *
 * @param startingSequenceNumber the shard's first sequence number.
 * @param endingSequenceNumber   the shard's last sequence number once it is closed; null while it is open.
 */
public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {
}
