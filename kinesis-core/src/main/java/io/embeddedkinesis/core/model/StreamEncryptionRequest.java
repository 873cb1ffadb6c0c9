package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code StartStreamEncryption} and {@code StopStreamEncryption}.
 *
 * @param stream         the stream.
 * @param encryptionType the encryption type; {@link EncryptionType#KMS} is the only one Kinesis accepts.
 * @param keyId          the KMS key: a key id (GUID), a key ARN, an alias name ({@code alias/...}, e.g. the
 *                       Kinesis-owned {@code alias/aws/kinesis}) or an alias ARN.
 */
public record StreamEncryptionRequest(StreamRequest stream, EncryptionType encryptionType, String keyId) {
}
