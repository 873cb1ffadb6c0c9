package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.io.SerializedString;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.StreamRequest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads a well-formed {@code PutRecords} request straight from its body with a streaming parser, the hot
 * path of every producer, skipping the document tree that every other request is read into: for 500 small
 * records the tree (a map and three nodes a record) cost more than the log appends.
 *
 * <p>It only takes the shape the SDKs send: an object of {@code StreamName} / {@code StreamARN} strings and
 * a {@code Records} array of objects with a {@code Data} blob (base64 text in JSON, a byte string or base64
 * text in CBOR), a {@code PartitionKey} and an optional {@code ExplicitHashKey}, each member at most once.
 * Anything else (an unknown or repeated member, a null, a wrong type, bad base64, a parse error, trailing
 * content) makes it give up and return null, and the request is then read the general way
 * ({@link RequestReader}), which answers it exactly as the service does. So this path never decides an
 * error, and what it accepts the general path would accept the same way.
 *
 * <p>In JSON, a record's base64 {@code Data} is decoded straight from the body's bytes by the JDK's decoder,
 * with no string in between (for a record of 100 bytes, 136 characters made and thrown away), once the parser
 * has skipped the value: where the next token begins shows where the string ended, so the bytes are not
 * scanned for it a second time. Jackson's own base64 decoding ({@code getBinaryValue}) was measured slower than
 * the string and the JDK's decoder together, and is laxer than the service.
 */
public final class PutRecordsParser {
    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final SerializedString DATA = new SerializedString("Data");
    private static final SerializedString PARTITION_KEY = new SerializedString("PartitionKey");
    /**
     * Whether the CBOR parser on the classpath matches names correctly (see {@link #nextName}): an application
     * that embeds the server may manage Jackson's version down.
     */
    private static final boolean CBOR_MATCHES_NAMES = matchesNames(WireFormat.CBOR.mapper().getFactory().version());

    private final byte[] body;
    private final WireFormat format;

    private PutRecordsParser(final byte[] body, final WireFormat format) {
        this.body = body;
        this.format = format;
    }

    /**
     * Reads the request, if it has the usual shape.
     *
     * @param body   the request body, whole; not kept.
     * @param format its encoding.
     * @return the request, or null to read it the general way.
     */
    public static PutRecordsRequest tryParse(final byte[] body, final WireFormat format) {
        try (JsonParser parser = format.mapper().getFactory().createParser(body)) {
            return new PutRecordsParser(body, format).parse(parser);
        } catch (final IOException | SerializationException | IllegalArgumentException notTheUsualShape) {
            return null;
        }
    }

    private PutRecordsRequest parse(final JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String streamName = null;
        String streamArn = null;
        List<PutRecordsRequestEntry> records = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            if ("Records".equals(name) && value == JsonToken.START_ARRAY && records == null) {
                records = entries(parser);
                if (records == null) {
                    return null;
                }
            } else if ("StreamName".equals(name) && value == JsonToken.VALUE_STRING && streamName == null) {
                streamName = parser.getText();
            } else if ("StreamARN".equals(name) && value == JsonToken.VALUE_STRING && streamArn == null) {
                streamArn = parser.getText();
            } else {
                return null;
            }
        }
        if (token != JsonToken.END_OBJECT || records == null || parser.nextToken() != null) {
            return null;
        }
        return new PutRecordsRequest(new StreamRequest(streamName, streamArn), records);
    }

    /** The array's entries, the parser on its start; null at anything unusual. */
    private List<PutRecordsRequestEntry> entries(final JsonParser parser) throws IOException {
        final List<PutRecordsRequestEntry> entries = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            final PutRecordsRequestEntry entry = entry(parser);
            if (entry == null) {
                return null;
            }
            entries.add(entry);
        }
        return token == JsonToken.END_ARRAY ? entries : null;
    }

    /** One entry, the parser on its start; null at anything unusual. */
    private PutRecordsRequestEntry entry(final JsonParser parser) throws IOException {
        byte[] data = null;
        String partitionKey = null;
        String explicitHashKey = null;
        String name = nextName(parser, DATA);
        while (name != null) {
            final JsonToken value = parser.nextToken();
            if ("Data".equals(name) && data == null) {
                if (value == JsonToken.VALUE_STRING && format == WireFormat.JSON) {
                    final int start = (int) parser.currentTokenLocation().getByteOffset() + 1;
                    // Jackson skips the string on its way to the next member, which then shows where it ended.
                    name = nextName(parser, PARTITION_KEY);
                    data = base64Before(parser, start);
                    if (data == null) {
                        return null;
                    }
                    continue;
                } else if (value == JsonToken.VALUE_STRING) {
                    data = RequestReader.decodeBase64(parser.getText());
                } else if (value == JsonToken.VALUE_EMBEDDED_OBJECT) {
                    data = parser.getBinaryValue();
                } else {
                    return null;
                }
            } else if ("PartitionKey".equals(name) && value == JsonToken.VALUE_STRING && partitionKey == null) {
                partitionKey = parser.getText();
            } else if ("ExplicitHashKey".equals(name) && value == JsonToken.VALUE_STRING && explicitHashKey == null) {
                explicitHashKey = parser.getText();
            } else {
                return null;
            }
            name = nextName(parser, data == null ? DATA : PARTITION_KEY);
        }
        return parser.currentToken() == JsonToken.END_OBJECT
            ? new PutRecordsRequestEntry(data, partitionKey, explicitHashKey) : null;
    }

    /**
     * Moves to the next member of an object and names it, or returns null at anything else (its end). The name
     * likely to come next is matched against the body's bytes, which skips the parser's look-up of the name.
     * In CBOR only with jackson-dataformat-cbor 2.23 or later, the version this was checked with: before the fix
     * of its issues 727 and 728, {@code nextFieldName} counted a member of a map of known length twice when the
     * name did not match, and misread a name of 23 bytes, which let a crafted body be read otherwise than the
     * general path reads it; with an older version, CBOR names are read one token at a time.
     */
    private String nextName(final JsonParser parser, final SerializedString likely) throws IOException {
        if (format == WireFormat.CBOR && !CBOR_MATCHES_NAMES) {
            return parser.nextToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
        }
        if (parser.nextFieldName(likely)) {
            return likely.getValue();
        }
        return parser.currentToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
    }

    /**
     * A JSON string value decoded from base64 straight from the body's bytes, the parser on the token just
     * after it, if they are the canonical encoding that {@link RequestReader#decodeBase64} accepts; null if
     * not, for the general path to refuse with the service's message. An escape, the one way a string's
     * bytes can differ from its value, is a backslash, which the decoder refuses as it refuses any other
     * character outside the alphabet.
     *
     * @param start where the string's first character is in the body.
     */
    private byte[] base64Before(final JsonParser parser, final int start) {
        final long next = parser.currentTokenLocation().getByteOffset();
        if (start <= 0 || next < 0) {
            return null; // a body in UTF-16 or UTF-32, parsed from characters: no byte offsets to decode from
        }
        // Back from the next token (a member's name, or the object's end) over a comma and whitespace.
        int end = skipWhitespaceBack((int) next - 1, start);
        if (body[end] == ',') {
            end = skipWhitespaceBack(end - 1, start);
        }
        if (body[end] != '"' || (end - start) % 4 != 0) {
            return null;
        }
        final ByteBuffer decoded;
        try {
            decoded = BASE64.decode(ByteBuffer.wrap(body, start, end - start));
        } catch (final IllegalArgumentException notBase64) {
            return null;
        }
        final int padding = end - start == 0 ? 0 : body[end - 1] != '=' ? 0 : body[end - 2] != '=' ? 1 : 2;
        if (padding > 0 && !RequestReader.isCanonicalBeforePadding((char) body[end - padding - 1], padding)) {
            return null;
        }
        final byte[] data = decoded.array();
        return decoded.remaining() == data.length ? data : Arrays.copyOfRange(data, 0, decoded.remaining());
    }

    /** The last offset at or before {@code from}, and not before {@code floor}, that is not JSON whitespace. */
    private int skipWhitespaceBack(final int from, final int floor) {
        int at = from;
        while (at > floor && (body[at] == ' ' || body[at] == '\n' || body[at] == '\r' || body[at] == '\t')) {
            at--;
        }
        return at;
    }

    /** Whether a jackson-dataformat-cbor version has the fixed {@code nextFieldName}: 2.23 or later. */
    static boolean matchesNames(final Version cbor) {
        return cbor.getMajorVersion() > 2 || cbor.getMajorVersion() == 2 && cbor.getMinorVersion() >= 23;
    }
}
