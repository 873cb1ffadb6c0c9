package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.log.SequenceNumberFormatter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record read from a shard, as Kinesis returns it in {@code GetRecords}.
 *
 * <p>Immutable, except that {@link #data()} hands out the record's own array, as the AWS SDK's
 * {@code asByteArrayUnsafe} does, to spare a copy on the read path; callers must not modify it. The
 * sequence number, the partition key and the arrival time are decoded or formatted on first use: many
 * consumers never look at them, and a read of 10,000 records should not pay for them.
 */
public final class Record {
    private final SequenceNumber sequenceNumber;
    private final long approximateArrivalTimestampMs;
    private final byte[] data;
    private final byte[] partitionKeyUtf8;
    private final EncryptionType encryptionType;
    private String partitionKey;

    /**
     * A record that is not encrypted at rest.
     *
     * @param sequenceNumber                the record's sequence number.
     * @param approximateArrivalTimestampMs when the record was put, in epoch milliseconds.
     * @param data                          the payload; not copied.
     * @param partitionKeyUtf8              the partition key's UTF-8 bytes; not copied.
     */
    public Record(final SequenceNumber sequenceNumber, final long approximateArrivalTimestampMs,
        final byte[] data, final byte[] partitionKeyUtf8) {
        this(sequenceNumber, approximateArrivalTimestampMs, data, partitionKeyUtf8, EncryptionType.NONE);
    }

    /**
     * @param sequenceNumber                the record's sequence number.
     * @param approximateArrivalTimestampMs when the record was put, in epoch milliseconds.
     * @param data                          the payload; not copied.
     * @param partitionKeyUtf8              the partition key's UTF-8 bytes, empty for a record put without one;
     *                                      not copied.
     * @param encryptionType                how the stream encrypted the record at rest when it took it.
     */
    public Record(final SequenceNumber sequenceNumber, final long approximateArrivalTimestampMs,
        final byte[] data, final byte[] partitionKeyUtf8, final EncryptionType encryptionType) {
        this.sequenceNumber = sequenceNumber;
        this.approximateArrivalTimestampMs = approximateArrivalTimestampMs;
        this.data = data;
        this.partitionKeyUtf8 = partitionKeyUtf8;
        this.encryptionType = encryptionType;
    }

    /**
     * The record's sequence number.
     *
     * @return the decimal sequence number.
     */
    public String sequenceNumber() {
        return sequenceNumber.toString();
    }

    /**
     * The record's sequence number as ASCII digits, the form for an encoder that writes many records: no string
     * is made.
     *
     * @param formatter writes the digits; one per response.
     * @return the {@value SequenceNumberFormatter#DIGITS} digits, in the formatter's buffer: valid until its next
     *         use, and not to be modified.
     */
    public byte[] sequenceNumber(final SequenceNumberFormatter formatter) {
        return formatter.format(sequenceNumber);
    }

    /**
     * When the record was put.
     *
     * @return the arrival time, to the millisecond.
     */
    public Instant approximateArrivalTimestamp() {
        return Instant.ofEpochMilli(approximateArrivalTimestampMs);
    }

    /**
     * When the record was put.
     *
     * @return the arrival time in epoch milliseconds.
     */
    public long approximateArrivalTimestampMs() {
        return approximateArrivalTimestampMs;
    }

    /**
     * The payload.
     *
     * @return the record's own array; do not modify it.
     */
    public byte[] data() {
        return data;
    }

    /**
     * The partition key the record was put with. A stream with the {@link RecordDistributionStrategy#AUTO}
     * strategy takes records without one, which consumers see as a null key, as on Kinesis; such a record is
     * stored with an empty key, which no put with a key can have (keys have at least one character).
     *
     * @return the key, or null if the record was put without one.
     */
    public String partitionKey() {
        String key = partitionKey;
        if (key == null && partitionKeyUtf8.length > 0) {
            key = new String(partitionKeyUtf8, StandardCharsets.UTF_8);
            partitionKey = key;
        }
        return key;
    }

    /**
     * How the record is encrypted at rest: as the stream's server-side encryption was when the record was put
     * (turning encryption on or off does not change records already written).
     *
     * @return {@link EncryptionType#KMS} or {@link EncryptionType#NONE}.
     */
    public EncryptionType encryptionType() {
        return encryptionType;
    }

    @Override
    public String toString() {
        return "Record{sequenceNumber=" + sequenceNumber + ", approximateArrivalTimestamp="
            + approximateArrivalTimestamp() + ", partitionKey=" + partitionKey() + ", dataLength=" + data.length + "}";
    }
}
