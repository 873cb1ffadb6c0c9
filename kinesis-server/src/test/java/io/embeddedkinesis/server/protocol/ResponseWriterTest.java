package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shortcut for members that need no escaping writes exactly what the general string member writes, in
 * both encodings, and skips a null value as it does; a document streamed to the caller's stream is the one
 * {@code toBytes} returns.
 */
class ResponseWriterTest {
    private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void shouldWriteAnAsciiMemberAsAStringMember(final WireFormat format) {
        final byte[] ascii = new ResponseWriter(format).asciiString("SequenceNumber", SEQUENCE_NUMBER)
            .asciiString("ShardId", "shardId-000000000007").asciiString("Absent", (String) null)
            .asciiString("Bytes", SEQUENCE_NUMBER.getBytes(StandardCharsets.US_ASCII))
            .asciiString("AbsentBytes", (byte[]) null).asciiString("ShardId", "shardId-000000000007")
            .asciiString("ShardId", "shardId-000000000008").toBytes();
        final byte[] general = new ResponseWriter(format).string("SequenceNumber", SEQUENCE_NUMBER)
            .string("ShardId", "shardId-000000000007").string("Absent", null).string("Bytes", SEQUENCE_NUMBER)
            .string("ShardId", "shardId-000000000007").string("ShardId", "shardId-000000000008").toBytes();

        assertThat(ascii).isEqualTo(general);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void shouldStreamTheDocumentToTheCallersStream(final WireFormat format) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final OutputStream stream = new OutputStream() {
            @Override
            public void write(final int b) {
                out.write(b);
            }
        };
        final ResponseWriter streamed = new ResponseWriter(format, stream).string("StreamName", "orders")
            .number("FailedRecordCount", 0);
        streamed.end();

        assertThat(out.toByteArray()).isEqualTo(new ResponseWriter(format).string("StreamName", "orders")
            .number("FailedRecordCount", 0).toBytes());
        assertThatThrownBy(streamed::toBytes).isInstanceOf(IllegalStateException.class)
            .hasMessage("the document was written to the caller's stream");
    }

    @Test
    void shouldWriteBlobsAndTimestampsInJsonAsJacksonDoes() throws Exception {
        final Random random = new Random(11);
        final long[] times = {1_764_000_000_123L, 1_764_000_000_123L, 1_764_000_000_000L, 1_764_000_000_007L, 0L, -1L,
            -1_500L, 1_764_000_000_120L};
        final ResponseWriter writer = new ResponseWriter(WireFormat.JSON);
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator jackson = WireFormat.JSON.mapper().getFactory().createGenerator(expected)) {
            jackson.writeStartObject();
            for (int length = 0; length <= 40; length++) {
                final byte[] data = new byte[length];
                random.nextBytes(data);
                final long time = times[length % times.length];
                writer.blob("Data", data).timestamp("ApproximateArrivalTimestamp", time);
                jackson.writeFieldName("Data");
                jackson.writeBinary(data);
                jackson.writeFieldName("ApproximateArrivalTimestamp");
                jackson.writeNumber(BigDecimal.valueOf(time, 3));
            }
            jackson.writeEndObject();
        }

        assertThat(new String(writer.toBytes(), StandardCharsets.UTF_8))
            .isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldGiveOneSequenceNumberFormatterPerResponse() {
        final ResponseWriter writer = new ResponseWriter(WireFormat.JSON);

        assertThat(writer.sequenceNumbers()).isSameAs(writer.sequenceNumbers())
            .isNotSameAs(new ResponseWriter(WireFormat.JSON).sequenceNumbers());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void shouldWriteWrittenPutResultsAsTheMemberByMemberAnswerDoes(final WireFormat format) throws Exception {
        final Random random = new Random(11);
        final List<PutRecordsResultEntry> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Shard ids that change, come back and now and then differ in length, and sequence numbers of every
            // size the formatter carries.
            final long position = random.nextLong() >>> random.nextInt(64);
            final String shardId = (i % 13 == 12 ? "shardId-0000000000" : "shardId-00000000000") + i / 7 % 3;
            results.add(PutRecordsResultEntry.success(shardId,
                new SequenceNumber(random.nextLong() & 0xF_FFFF_FFFFL, i % 5, position)));
        }
        final List<List<PutRecordsResultEntry>> lists = List.of(results, results.subList(0, 1), List.of());
        for (int run = 0; run < lists.size() * 2; run++) {
            final List<PutRecordsResultEntry> list = lists.get(run / 2);
            // With EncryptionType, and without it as for a stream that is not encrypted.
            final String encryption = run % 2 == 0 ? "KMS" : null;
            final ResponseWriter general = new ResponseWriter(format).number("FailedRecordCount", 0)
                .startArray("Records");
            for (final PutRecordsResultEntry entry : list) {
                general.startObject().asciiString("SequenceNumber", entry.sequenceNumber(general.sequenceNumbers()))
                    .asciiString("ShardId", entry.shardId()).endObject();
            }
            general.endArray().string("EncryptionType", encryption);
            final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            new ResponseWriter(format, streamed).number("FailedRecordCount", 0)
                .writtenPutResults("Records", list).string("EncryptionType", encryption).end();

            assertThat(streamed.toByteArray()).isEqualTo(general.toBytes());
        }
        assertThat(format.mapper().readTree(new ResponseWriter(format)
            .writtenPutResults("Records", results).toBytes()).get("Records").get(39).get("SequenceNumber").asText())
            .isEqualTo(results.get(39).sequenceNumber());
    }
}
