package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code PutRecords} returns: one entry per record, in request order.
 *
 * @param failedRecordCount how many records were not written.
 * @param records           the outcome of each record, in the order they were given.
 */
public record PutRecordsResult(int failedRecordCount, List<PutRecordsResultEntry> records) {
    /**
     * Copies the list.
     *
     * @param failedRecordCount see the class description.
     * @param records           see the class description.
     */
    public PutRecordsResult {
        records = List.copyOf(records);
    }

    /**
     * How the records are encrypted at rest.
     *
     * @return {@link EncryptionType#NONE}.
     */
    public EncryptionType encryptionType() {
        return EncryptionType.NONE;
    }
}
