package io.embeddedkinesis.core.model;

/**
 * How records are encrypted at rest, as Kinesis names it in {@code EncryptionType}.
 */
public enum EncryptionType {
    /** Not encrypted. */
    NONE,
    /** Encrypted with an AWS KMS key. */
    KMS
}
