package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.StreamRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
 */
public final class PutRecordsParser {
    private PutRecordsParser() {
    }

    /**
     * Reads the request, if it has the usual shape.
     *
     * @param body   the request body.
     * @param format its encoding.
     * @return the request, or null to read it the general way.
     */
    public static PutRecordsRequest tryParse(final InputStream body, final WireFormat format) {
        try (JsonParser parser = format.mapper().getFactory().createParser(body)) {
            return parse(parser);
        } catch (final IOException | SerializationException | IllegalArgumentException notTheUsualShape) {
            return null;
        }
    }

    private static PutRecordsRequest parse(final JsonParser parser) throws IOException {
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
    private static List<PutRecordsRequestEntry> entries(final JsonParser parser) throws IOException {
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
    private static PutRecordsRequestEntry entry(final JsonParser parser) throws IOException {
        byte[] data = null;
        String partitionKey = null;
        String explicitHashKey = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            if ("Data".equals(name) && data == null) {
                if (value == JsonToken.VALUE_STRING) {
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
        }
        return token == JsonToken.END_OBJECT ? new PutRecordsRequestEntry(data, partitionKey, explicitHashKey) : null;
    }
}
