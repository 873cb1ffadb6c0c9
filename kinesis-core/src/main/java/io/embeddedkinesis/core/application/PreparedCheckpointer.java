package io.embeddedkinesis.core.application;

/**
 * A checkpoint stored as pending by {@code prepareCheckpoint}, to be committed, as the KCL's
 * {@code PreparedCheckpointer}.
 */
public interface PreparedCheckpointer {
    /**
     * Where the checkpoint would be.
     *
     * @return the pending position.
     */
    ExtendedSequenceNumber pendingCheckpoint();

    /**
     * Commits the pending checkpoint, as {@link RecordProcessorCheckpointer#checkpoint(String, long)} at
     * its position would.
     */
    void checkpoint();
}
