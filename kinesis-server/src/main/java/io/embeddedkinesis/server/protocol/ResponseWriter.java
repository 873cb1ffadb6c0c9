package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Writes one response document in the request's encoding, hiding the two places where the encodings
 * differ: blobs (base64 text in JSON, byte strings in CBOR) and timestamps (epoch seconds with a
 * millisecond fraction in JSON, CBOR tag 1 with epoch milliseconds, as the AWS SDK writes them).
 *
 * <p>Members are written in call order; absent (null) values are skipped, as AWS omits them. Not
 * thread-safe; one per response.
 */
public final class ResponseWriter {
    private static final int CBOR_EPOCH_TAG = 1;

    private final WireFormat format;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final JsonGenerator generator;

    /**
     * Starts a document.
     *
     * @param format the encoding.
     */
    public ResponseWriter(final WireFormat format) {
        this.format = format;
        try {
            this.generator = format.mapper().getFactory().createGenerator(bytes);
            generator.writeStartObject();
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The encoding being written.
     *
     * @return the format.
     */
    public WireFormat format() {
        return format;
    }

    /**
     * Writes a string member, unless null.
     *
     * @param name  the member's name.
     * @param value the value.
     * @return this writer.
     */
    public ResponseWriter string(final String name, final String value) {
        return write(() -> {
            if (value != null) {
                generator.writeStringField(name, value);
            }
        });
    }

    /**
     * Writes a string member that needs no escaping in either encoding, unless null: its characters are
     * printable ASCII other than {@code "} and {@code \}, as in sequence numbers and shard ids. Its bytes are
     * copied out as they are, which spares the per-character escaping of {@link #string}: a {@code PutRecords}
     * response writes two such members for each of up to 500 records.
     *
     * @param name  the member's name.
     * @param value the value, printable ASCII without {@code "} or {@code \}.
     * @return this writer.
     */
    public ResponseWriter asciiString(final String name, final String value) {
        return write(() -> {
            if (value != null) {
                generator.writeFieldName(name);
                final byte[] ascii = value.getBytes(StandardCharsets.ISO_8859_1);
                generator.writeRawUTF8String(ascii, 0, ascii.length);
            }
        });
    }

    /**
     * Writes a number member.
     *
     * @param name  the member's name.
     * @param value the value.
     * @return this writer.
     */
    public ResponseWriter number(final String name, final long value) {
        return write(() -> generator.writeNumberField(name, value));
    }

    /**
     * Writes a boolean member.
     *
     * @param name  the member's name.
     * @param value the value.
     * @return this writer.
     */
    public ResponseWriter bool(final String name, final boolean value) {
        return write(() -> generator.writeBooleanField(name, value));
    }

    /**
     * Writes a blob member.
     *
     * @param name  the member's name.
     * @param value the bytes.
     * @return this writer.
     */
    public ResponseWriter blob(final String name, final byte[] value) {
        return write(() -> {
            generator.writeFieldName(name);
            generator.writeBinary(value);
        });
    }

    /**
     * Writes a timestamp member.
     *
     * @param name    the member's name.
     * @param epochMs the time in epoch milliseconds.
     * @return this writer.
     */
    public ResponseWriter timestamp(final String name, final long epochMs) {
        return write(() -> {
            generator.writeFieldName(name);
            if (generator instanceof CBORGenerator cbor) {
                cbor.writeTag(CBOR_EPOCH_TAG);
                cbor.writeNumber(epochMs);
            } else {
                generator.writeNumber(BigDecimal.valueOf(epochMs, 3));
            }
        });
    }

    /**
     * Starts a structure member; end it with {@link #endObject()}.
     *
     * @param name the member's name.
     * @return this writer.
     */
    public ResponseWriter startObject(final String name) {
        return write(() -> generator.writeObjectFieldStart(name));
    }

    /**
     * Starts an unnamed structure, inside a list.
     *
     * @return this writer.
     */
    public ResponseWriter startObject() {
        return write(generator::writeStartObject);
    }

    /**
     * Ends the current structure.
     *
     * @return this writer.
     */
    public ResponseWriter endObject() {
        return write(generator::writeEndObject);
    }

    /**
     * Starts a list member; end it with {@link #endArray()}.
     *
     * @param name the member's name.
     * @return this writer.
     */
    public ResponseWriter startArray(final String name) {
        return write(() -> generator.writeArrayFieldStart(name));
    }

    /**
     * Writes a string element of the current list.
     *
     * @param value the value.
     * @return this writer.
     */
    public ResponseWriter element(final String value) {
        return write(() -> generator.writeString(value));
    }

    /**
     * Ends the current list.
     *
     * @return this writer.
     */
    public ResponseWriter endArray() {
        return write(generator::writeEndArray);
    }

    /**
     * Ends the document.
     *
     * @return the encoded document.
     */
    public byte[] toBytes() {
        write(() -> {
            generator.writeEndObject();
            generator.close();
        });
        return bytes.toByteArray();
    }

    private ResponseWriter write(final Step step) {
        try {
            step.run();
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }
}
