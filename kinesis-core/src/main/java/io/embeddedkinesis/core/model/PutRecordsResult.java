package io.embeddedkinesis.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What {@code PutRecords} returns: one entry per record, in request order.
 *
 * @param failedRecordCount how many records were not written.
 * @param records           the outcome of each record, in the order they were given.
 * @param encryptionType    how the stream encrypted the records it took at rest: {@link EncryptionType#KMS} while
 *                          server-side encryption is on ({@code StartStreamEncryption}), {@link EncryptionType#NONE}
 *                          otherwise.
 */
public record PutRecordsResult(int failedRecordCount, List<PutRecordsResultEntry> records,
    EncryptionType encryptionType) {
    /**
     * Copies the list.
     *
     * @param failedRecordCount see the class description.
     * @param records           see the class description.
     * @param encryptionType    see the class description.
     */
    public PutRecordsResult {
        records = List.copyOf(records);
        Objects.requireNonNull(encryptionType, "encryptionType");
    }

    /**
     * The result of a put to a stream without server-side encryption.
     *
     * @param failedRecordCount see the class description.
     * @param records           see the class description.
     */
    public PutRecordsResult(final int failedRecordCount, final List<PutRecordsResultEntry> records) {
        this(failedRecordCount, records, EncryptionType.NONE);
    }
}
