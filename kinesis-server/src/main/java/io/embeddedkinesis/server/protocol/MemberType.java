package io.embeddedkinesis.server.protocol;

/**
 * The types a request member can have in the Kinesis model, each with the way the service words a value
 * of the wrong JSON type (the service is written in Java, and its messages show it).
 */
public enum MemberType {
    /** A string. */
    STRING("an String"),
    /** A 32-bit integer. */
    INTEGER("an Integer"),
    /** A 64-bit integer. */
    LONG("an Long"),
    /** A boolean. */
    BOOLEAN("an Boolean"),
    /** Binary data: base64 text in JSON, a byte string in CBOR. */
    BLOB("a Blob"),
    /** A time: epoch seconds in JSON, epoch milliseconds in CBOR. */
    TIMESTAMP("milliseconds since epoch"),
    /** A list of structures. */
    LIST("a List"),
    /** A list of strings. */
    STRING_LIST("a List"),
    /** A structure. */
    STRUCTURE("a Structure");

    private final String javaName;

    MemberType(final String javaName) {
        this.javaName = javaName;
    }

    /**
     * How the service names this type in "can not be converted to" messages.
     *
     * @return e.g. {@code "an Integer"}.
     */
    String javaName() {
        return javaName;
    }
}
