package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming read of {@code PutRecords}: the shape the SDKs send is read as the general path reads it,
 * and anything else is left to the general path, which answers it as the service does.
 */
class PutRecordsParserTest {
    @Test
    void shouldReadTheShapeTheSdkSendsInJson() {
        final PutRecordsRequest request = parse(WireFormat.JSON, "{\"Records\":[{\"Data\":\"aGVsbG8=\","
            + "\"PartitionKey\":\"k1\"},{\"PartitionKey\":\"k2\",\"ExplicitHashKey\":\"42\",\"Data\":\"\"}],"
            + "\"StreamName\":\"s\"}");

        assertThat(request.stream().streamName()).isEqualTo("s");
        assertThat(request.stream().streamARN()).isNull();
        assertThat(request.records()).extracting(PutRecordsRequestEntry::partitionKey).containsExactly("k1", "k2");
        assertThat(request.records().get(0).data()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(request.records().get(1).data()).isEmpty();
        assertThat(request.records().get(1).explicitHashKey()).isEqualTo("42");
    }

    @Test
    void shouldReadByteStringsInCbor() throws IOException {
        final ObjectNode document = WireFormat.CBOR.mapper().createObjectNode();
        document.put("StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/s");
        document.putArray("Records").addObject().put("Data", new byte[] {0, 1, (byte) 0xFF}).put("PartitionKey", "k");
        final byte[] body = WireFormat.CBOR.mapper().writeValueAsBytes(document);

        final PutRecordsRequest request = PutRecordsParser.tryParse(body, WireFormat.CBOR);

        assertThat(request.stream().streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/s");
        assertThat(request.records().get(0).data()).containsExactly(0, 1, 0xFF);
    }

    /**
     * Bodies that jackson-dataformat-cbor's {@code nextFieldName} misread before 2.23 (its issues 727 and 728): the
     * general path reads a member of each record that is not one of the record's, so this path must leave both to it.
     */
    @Test
    void shouldLeaveCborThatItsNameMatchingMisreadsToTheGeneralPath() {
        // A record as a map of three members, the third one unknown: counting a member twice ended the map early
        // and made that member the request's StreamName.
        final byte[] knownLength = cbor(0xBF, 0x67, "Records", 0x81, 0xA3, 0x64, "Data", 0x41, 0xAA,
            0x6C, "PartitionKey", 0x61, "k", 0x6A, "StreamName", 0x64, "evil", 0xFF);
        // One member whose name is 23 bytes long, read as a length byte then "Data", "ABCD" and "PartitionKey".
        final byte[] nameOf23Bytes = cbor(0xBF, 0x67, "Records", 0x81, 0xBF, 0x77, 0x04, "Data", 0x44, "ABCD",
            0x6C, "PartitionKey", 0x61, "k", 0xFF, 0xFF);

        assertThat(PutRecordsParser.tryParse(knownLength, WireFormat.CBOR)).isNull();
        assertThat(PutRecordsParser.tryParse(nameOf23Bytes, WireFormat.CBOR)).isNull();
    }

    @Test
    void shouldReadCborMapsOfKnownLengthAndNamesInLongerForms() {
        // Maps of known length with the names in the order not guessed, and "Data" with its length in a byte.
        final byte[] body = cbor(0xA2, 0x6A, "StreamName", 0x61, "s", 0x67, "Records", 0x82,
            0xA2, 0x6C, "PartitionKey", 0x61, "a", 0x64, "Data", 0x41, 0x01,
            0xA2, 0x78, 0x04, "Data", 0x42, 0x02, 0x03, 0x6C, "PartitionKey", 0x61, "b");

        final PutRecordsRequest request = PutRecordsParser.tryParse(body, WireFormat.CBOR);

        assertThat(request.stream().streamName()).isEqualTo("s");
        assertThat(request.records()).extracting(PutRecordsRequestEntry::partitionKey).containsExactly("a", "b");
        assertThat(request.records().get(0).data()).containsExactly(1);
        assertThat(request.records().get(1).data()).containsExactly(2, 3);
    }

    @Test
    void shouldMatchCborNamesOnlyWithAJacksonThatReadsThemRight() {
        assertThat(PutRecordsParser.matchesNames(new Version(2, 21, 3, null, null, null))).isFalse();
        assertThat(PutRecordsParser.matchesNames(new Version(2, 22, 4, null, null, null))).isFalse();
        assertThat(PutRecordsParser.matchesNames(new Version(2, 23, 0, null, null, null))).isTrue();
        assertThat(PutRecordsParser.matchesNames(new Version(3, 0, 0, null, null, null))).isTrue();
    }

    @Test
    void shouldDecodeEveryCanonicalBase64LengthAndValue() {
        final Random random = new Random(7);
        for (int length = 0; length <= 64; length++) {
            final byte[] data = new byte[length];
            random.nextBytes(data);
            final byte[] edge = data.clone();
            Arrays.fill(edge, (byte) 0xFF);
            for (final byte[] value : List.of(data, edge)) {
                final PutRecordsRequest request = parse(WireFormat.JSON, "{\"Records\":[{\"Data\":\""
                    + Base64.getEncoder().encodeToString(value) + "\",\"PartitionKey\":\"k\"}]}");

                assertThat(request).as("length %d", length).isNotNull();
                assertThat(request.records().get(0).data()).isEqualTo(value);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\uFEFF{\"Records\":[{\"PartitionKey\":\"k\",\"Data\":\"aGVsbG8=\"}]}",             // a byte order mark
        " \n{ \"Records\" : [ { \"PartitionKey\" : \"k\" ,\n \"Data\" : \"aGVsbG8=\" } ] }",     // whitespace
        "{\"Records\":[{\"PartitionKey\":\"\u00e9\u20ac\ud83d\ude00\",\"Data\":\"aGVsbG8=\"}]}", // multi-byte
        "{\"Records\":[{\"Data\":\"aGVsbG8=\" ,\t\"ExplicitHashKey\":\"1\",\"PartitionKey\":\"k\"}]}", // spaced
        "{\"Records\":[{\"PartitionKey\":\"k\",\"Data\":\"aGVsbG8=\"\r\n}]}",               // last member
    })
    void shouldDecodeDataWhereverTheBodyPutsIt(final String body) {
        final PutRecordsRequest request = parse(WireFormat.JSON, body);

        assertThat(request).isNotNull();
        assertThat(request.records().get(0).data()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldLeaveABodyInUtf16ToTheGeneralPath() {
        final byte[] body = "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"k\"}]}"
            .getBytes(StandardCharsets.UTF_16BE);

        assertThat(PutRecordsParser.tryParse(body, WireFormat.JSON)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"StreamName\":\"s\"}",                                                       // no Records
        "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"k\"}],\"Extra\":1}",          // a member not read here
        "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"k\",\"Other\":\"x\"}]}",
        "{\"Records\":[null]}",                                                         // a null entry
        "{\"Records\":[{\"Data\":null,\"PartitionKey\":\"k\"}]}",
        "{\"Records\":[{\"Data\":\"aGk\",\"PartitionKey\":\"k\"}]}",                      // bad base64
        "{\"Records\":[{\"Data\":\"aGl=\",\"PartitionKey\":\"k\"}]}",                     // non-canonical
        "{\"Records\":[{\"Data\":\"aGk==\",\"PartitionKey\":\"k\"}]}",                    // too much padding
        "{\"Records\":[{\"Data\":\"aA==aGk=\",\"PartitionKey\":\"k\"}]}",                 // padding inside
        "{\"Records\":[{\"Data\":\"aA==aGlp\",\"PartitionKey\":\"k\"}]}",
        "{\"Records\":[{\"Data\":\"aG k=\",\"PartitionKey\":\"k\"}]}",                    // whitespace
        "{\"Records\":[{\"Data\":\" aGk=\",\"PartitionKey\":\"k\"}]}",
        "{\"Records\":[{\"Data\":\"aGk\\u003d\",\"PartitionKey\":\"k\"}]}",               // an escape
        "{\"Records\":[{\"Data\":\"aG\\/\",\"PartitionKey\":\"k\"}]}",
        "{\"Records\":[{\"Data\":\"aGk\\\"aG=\",\"PartitionKey\":\"k\"}]}",
        "{\"Records\":[{\"Data\":\"-_8=\",\"PartitionKey\":\"k\"}]}",                     // URL-safe alphabet
        "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":7}]}",                         // a wrong type
        "{\"Records\":{\"Data\":\"aGk=\"}}",
        "{\"StreamName\":\"a\",\"StreamName\":\"b\",\"Records\":[]}",                       // a repeated member
        "{\"Records\":[{\"Data\":\"aGk=\",\"Data\":\"aGk=\",\"PartitionKey\":\"k\"}]}",
        "{\"Records\":[]} {}",                                                          // trailing content
        "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"k\"}]",                       // cut short
        "[]"
    })
    void shouldLeaveAnyOtherShapeToTheGeneralPath(final String body) {
        assertThat(parse(WireFormat.JSON, body)).isNull();
    }

    /** Bytes from ints (one byte each) and ASCII strings (their bytes), in order. */
    private static byte[] cbor(final Object... parts) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (final Object part : parts) {
            if (part instanceof Integer value) {
                bytes.write(value);
            } else {
                bytes.writeBytes(((String) part).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return bytes.toByteArray();
    }

    private static PutRecordsRequest parse(final WireFormat format, final String body) {
        return PutRecordsParser.tryParse(body.getBytes(StandardCharsets.UTF_8), format);
    }
}
