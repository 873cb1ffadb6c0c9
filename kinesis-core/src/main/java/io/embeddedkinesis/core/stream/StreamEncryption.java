package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.log.RecordDescriptor;
import io.embeddedkinesis.core.model.EncryptionType;

import java.util.List;
import java.util.Objects;

/**
 * A stream's server-side encryption setting, as {@code StartStreamEncryption} and {@code StopStreamEncryption}
 * leave it, with the times of recent changes for their daily limits; persisted in {@code stream.json}.
 *
 * <p>The broker keeps no keys and encrypts nothing: records are stored as given, and marked with the setting
 * in force when they were put, which is what Kinesis shows of encryption ({@code EncryptionType} on puts,
 * records and descriptions). Immutable.
 *
 * @param encryptionType how records put now are encrypted.
 * @param keyId          the KMS key as the caller named it (a key id, key ARN, alias name or alias ARN), or null
 *                       when not encrypted.
 * @param startsMs       when {@code StartStreamEncryption} changed the setting in the last 24 hours.
 * @param stopsMs        when {@code StopStreamEncryption} changed the setting in the last 24 hours.
 */
public record StreamEncryption(EncryptionType encryptionType, String keyId, List<Long> startsMs,
    List<Long> stopsMs) {
    /** A stream that was never encrypted. */
    public static final StreamEncryption NONE = new StreamEncryption(EncryptionType.NONE, null, List.of(), List.of());

    /**
     * Copies the lists; a null list (from a file written without it) is empty.
     *
     * @param encryptionType see the class description.
     * @param keyId          see the class description.
     * @param startsMs       see the class description.
     * @param stopsMs        see the class description.
     */
    public StreamEncryption {
        Objects.requireNonNull(encryptionType, "encryptionType");
        startsMs = startsMs == null ? List.of() : List.copyOf(startsMs);
        stopsMs = stopsMs == null ? List.of() : List.copyOf(stopsMs);
    }

    /**
     * The encryption type byte that records put under this setting are stored with.
     *
     * @return {@link RecordDescriptor#KMS_ENCRYPTED} or {@link RecordDescriptor#NOT_ENCRYPTED}.
     */
    public byte recordMarker() {
        return encryptionType == EncryptionType.KMS ? RecordDescriptor.KMS_ENCRYPTED : RecordDescriptor.NOT_ENCRYPTED;
    }
}
