package io.embeddedkinesis.core.model;

/**
 * A tag of a stream, as Kinesis's {@code Tag}.
 *
 * @param key   the key: 1 to 128 characters.
 * @param value the value: 0 to 256 characters.
 */
public record Tag(String key, String value) {
}
