package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.embeddedkinesis.core.log.SequenceNumberFormatter;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes one response document in the request's encoding, hiding the two places where the encodings
 * differ: blobs (base64 text in JSON, byte strings in CBOR) and timestamps (epoch seconds with a
 * millisecond fraction in JSON, CBOR tag 1 with epoch milliseconds, as the AWS SDK writes them).
 *
 * <p>Members are written in call order; absent (null) values are skipped, as AWS omits them. The document
 * goes to a byte array ({@link #toBytes()}), or straight to a stream the caller gives ({@link #end()}): the
 * server streams a response into the network buffer it sends, which spares two copies of a large
 * {@code PutRecords} or {@code GetRecords} answer. Not thread-safe; one per response.
 */
public final class ResponseWriter {
    private static final int CBOR_EPOCH_TAG = 1;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    /** The member names of records and put results, encoded once. */
    private static final Map<String, SerializableString> RECORD_MEMBER_NAMES = Stream.of("SequenceNumber",
        "ApproximateArrivalTimestamp", "Data", "PartitionKey", "EncryptionType", "ShardId", "ErrorCode", "ErrorMessage")
        .collect(Collectors.toUnmodifiableMap(name -> name, SerializedString::new));

    private final WireFormat format;
    /** Where {@link #toBytes()} collects the document; null when it goes to the caller's stream. */
    private final ByteArrayOutputStream bytes;
    private final JsonGenerator generator;
    private SequenceNumberFormatter sequenceNumbers;
    /** The last string {@link #asciiString(String, String)} wrote, and its bytes: shard ids repeat in a list. */
    private String lastAscii;
    private byte[] lastAsciiBytes;
    /** Whether the document had no members when it was ended. */
    private boolean empty;
    /** The buffer {@link #blob} encodes base64 into, in JSON; grown as needed. */
    private byte[] base64 = new byte[0];
    /** The last time {@link #timestamp} wrote in JSON, and its text. */
    private long lastEpochMs;
    private String lastEpochSeconds;

    /**
     * Starts a document to be taken with {@link #toBytes()}.
     *
     * @param format the encoding.
     */
    public ResponseWriter(final WireFormat format) {
        this(format, new ByteArrayOutputStream(256), true);
    }

    /**
     * Starts a document written to a stream; finish it with {@link #end()}.
     *
     * @param format the encoding.
     * @param out    where the document goes; {@link #end()} closes it.
     */
    public ResponseWriter(final WireFormat format, final OutputStream out) {
        this(format, out, false);
    }

    private ResponseWriter(final WireFormat format, final OutputStream out, final boolean collected) {
        this.format = format;
        this.bytes = collected ? (ByteArrayOutputStream) out : null;
        try {
            this.generator = format.mapper().getFactory().createGenerator(out);
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
                writeName(name);
                generator.writeString(value);
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
        if (value == null) {
            return this;
        }
        if (value != lastAscii) {
            lastAscii = value;
            lastAsciiBytes = value.getBytes(StandardCharsets.ISO_8859_1);
        }
        return asciiString(name, lastAsciiBytes);
    }

    /**
     * Writes a string member given as its bytes, which need no escaping (see {@link #asciiString(String, String)}),
     * unless null.
     *
     * @param name  the member's name.
     * @param value the value's bytes, printable ASCII without {@code "} or {@code \}; not kept.
     * @return this writer.
     */
    public ResponseWriter asciiString(final String name, final byte[] value) {
        return write(() -> {
            if (value != null) {
                writeName(name);
                generator.writeRawUTF8String(value, 0, value.length);
            }
        });
    }

    /**
     * Writes the {@code Records} list of a {@code PutRecords} answer in which every record was written. Each
     * result, {@code SequenceNumber} then {@code ShardId}, goes out as one prepared run of bytes into which its
     * digits are copied, where the generator would write two names and two values per result: a server's event
     * loop spends about 20 µs less on a 500-record call in JSON, 7 to 26 µs in CBOR. The run is rendered by
     * this format's own generator ({@link WrittenResult}), so the answer's bytes are those the member-by-member
     * list ({@link #startArray}, {@link #asciiString}) writes. The values are ASCII digits and shard ids, which
     * need no escaping.
     *
     * @param name    the member's name.
     * @param results the results, none failed; their numbers are written with {@link #sequenceNumbers()}.
     * @return this writer.
     */
    public ResponseWriter writtenPutResults(final String name, final List<PutRecordsResultEntry> results) {
        return write(() -> {
            generator.writeArrayFieldStart(name);
            generator.flush(); // the results go straight to the stream, after what the generator holds
            final OutputStream out = (OutputStream) generator.getOutputTarget();
            final SequenceNumberFormatter formatter = sequenceNumbers();
            WrittenResult result = null;
            for (int i = 0; i < results.size(); i++) {
                final PutRecordsResultEntry entry = results.get(i);
                result = WrittenResult.forShard(result, format, entry.shardId());
                result.writeTo(out, entry.sequenceNumber(formatter), i == 0);
            }
            generator.writeEndArray();
        });
    }

    /**
     * The formatter this response's sequence numbers are written with, for {@link #asciiString(String, byte[])}:
     * one per response, so that the numbers of a list are written each from the one before.
     *
     * @return the formatter, made on first use.
     */
    public SequenceNumberFormatter sequenceNumbers() {
        SequenceNumberFormatter formatter = sequenceNumbers;
        if (formatter == null) {
            formatter = new SequenceNumberFormatter();
            sequenceNumbers = formatter;
        }
        return formatter;
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
            writeName(name);
            if (format == WireFormat.JSON) {
                // The JDK's encoder (a vectorized intrinsic) into a reused buffer, then out as it is: base64 needs
                // no escaping. Jackson's own writeBinary took a fifth of a GetRecords answer's time.
                final int length = (value.length + 2) / 3 * 4;
                if (base64.length < length) {
                    base64 = new byte[Math.max(length, base64.length * 2)];
                }
                generator.writeRawUTF8String(base64, 0, BASE64.encode(value, base64));
            } else {
                generator.writeBinary(value);
            }
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
            writeName(name);
            if (generator instanceof CBORGenerator cbor) {
                cbor.writeTag(CBOR_EPOCH_TAG);
                cbor.writeNumber(epochMs);
            } else {
                generator.writeNumber(epochSeconds(epochMs));
            }
        });
    }

    /**
     * Writes a member's name: one of the names every record of a {@code GetRecords} or {@code PutRecords} answer
     * repeats from its encoded bytes, made once ({@link #RECORD_MEMBER_NAMES}), which spares escaping it again
     * each time; any other as it is.
     */
    private void writeName(final String name) throws IOException {
        final SerializableString encoded = RECORD_MEMBER_NAMES.get(name);
        if (encoded != null) {
            generator.writeFieldName(encoded);
        } else {
            generator.writeFieldName(name);
        }
    }

    /**
     * A time as JSON 1.1 writes it, epoch seconds with three decimals ({@code 1764000000.120}), kept for the
     * next call: the records of one put share their arrival time, so a {@code GetRecords} answer repeats it.
     */
    private String epochSeconds(final long epochMs) {
        if (epochMs != lastEpochMs || lastEpochSeconds == null) {
            lastEpochMs = epochMs;
            lastEpochSeconds = BigDecimal.valueOf(epochMs, 3).toPlainString();
        }
        return lastEpochSeconds;
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
     * Ends the document and flushes it to the stream it is written to.
     */
    public void end() {
        write(() -> {
            empty = generator.getOutputContext().getEntryCount() == 0;
            generator.writeEndObject();
            generator.close();
        });
    }

    /**
     * Whether the ended document has no members: the answer of an operation without output, which Kinesis sends
     * as an empty body rather than an empty document.
     *
     * @return true if nothing but the document's braces (or CBOR's empty map) was written.
     * @throws IllegalStateException if the document has not been ended.
     */
    public boolean isEmpty() {
        if (!generator.isClosed()) {
            throw new IllegalStateException("the document has not been ended");
        }
        return empty;
    }

    /**
     * Ends the document.
     *
     * @return the encoded document.
     * @throws IllegalStateException if the document was written to a stream the caller gave.
     */
    public byte[] toBytes() {
        if (bytes == null) {
            throw new IllegalStateException("the document was written to the caller's stream");
        }
        end();
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

    /**
     * One written result of a {@code PutRecords} answer as its encoding's generator renders it as a later
     * element of a list (after the separator JSON puts between elements, which the first element goes without),
     * with the places of its sequence number's digits and its shard id, which are copied in as they change.
     * It relies on the generator writing each string whole, as both formats do with the factories of
     * {@link WireFormat}: with CBOR's string references on, the second result would refer to the first's strings
     * and rendering would fail.
     */
    private static final class WrittenResult {
        private static final byte[] NO_DIGITS = new byte[SequenceNumberFormatter.DIGITS];

        static {
            Arrays.fill(NO_DIGITS, (byte) '0');
        }

        private final byte[] bytes;
        private final int separatorLength;
        private final int digitsAt;
        private final int shardIdAt;
        private String shardId;

        private WrittenResult(final byte[] bytes, final int separatorLength, final String shardId) {
            this.bytes = bytes;
            this.separatorLength = separatorLength;
            this.digitsAt = indexOf(bytes, NO_DIGITS, 0);
            this.shardIdAt = indexOf(bytes, shardId.getBytes(StandardCharsets.ISO_8859_1),
                digitsAt + NO_DIGITS.length);
            this.shardId = shardId;
        }

        /**
         * Renders a result with the format's generator: a list of two, whose second element, separator included,
         * is the prepared run; the first element's length tells the separator's.
         */
        static WrittenResult render(final WireFormat format, final String shardId) throws IOException {
            final byte[] id = shardId.getBytes(StandardCharsets.ISO_8859_1); // as asciiString takes it
            final ByteArrayOutputStream rendered = new ByteArrayOutputStream(256);
            try (JsonGenerator list = format.mapper().getFactory().createGenerator(rendered)) {
                list.writeStartArray();
                list.flush();
                final int firstStart = rendered.size();
                writeResult(list, id);
                list.flush();
                final int secondStart = rendered.size();
                writeResult(list, id);
                list.flush();
                final byte[] second = Arrays.copyOfRange(rendered.toByteArray(), secondStart, rendered.size());
                return new WrittenResult(second, second.length - (secondStart - firstStart), shardId);
            }
        }

        /** The calls {@link ResponseWriter#asciiString} makes for a written result's members. */
        private static void writeResult(final JsonGenerator list, final byte[] shardId) throws IOException {
            list.writeStartObject();
            list.writeFieldName(RECORD_MEMBER_NAMES.get("SequenceNumber"));
            list.writeRawUTF8String(NO_DIGITS, 0, NO_DIGITS.length);
            list.writeFieldName(RECORD_MEMBER_NAMES.get("ShardId"));
            list.writeRawUTF8String(shardId, 0, shardId.length);
            list.writeEndObject();
        }

        private static int indexOf(final byte[] in, final byte[] what, final int from) {
            for (int i = from; i <= in.length - what.length; i++) {
                if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                    return i;
                }
            }
            throw new IllegalStateException("the rendered result lacks what was written into it");
        }

        /**
         * The result to write for a shard: the one before if it is for that shard; the one before with the id
         * copied over its own if the ids are of one length (keys spread a call's results over the shards, so the
         * id changes from one result to the next, and ASCII ids of one length encode to one length); else a new
         * rendering.
         */
        static WrittenResult forShard(final WrittenResult previous, final WireFormat format, final String shardId)
            throws IOException {
            if (previous == null || previous.shardId.length() != shardId.length()) {
                return render(format, shardId);
            }
            if (!previous.shardId.equals(shardId)) {
                for (int i = 0; i < shardId.length(); i++) {
                    previous.bytes[previous.shardIdAt + i] = (byte) shardId.charAt(i);
                }
                previous.shardId = shardId;
            }
            return previous;
        }

        /** Writes the result with these digits, without the separator if it is the list's first element. */
        void writeTo(final OutputStream out, final byte[] digits, final boolean first) throws IOException {
            System.arraycopy(digits, 0, bytes, digitsAt, SequenceNumberFormatter.DIGITS);
            final int from = first ? separatorLength : 0;
            out.write(bytes, from, bytes.length - from);
        }
    }
}
