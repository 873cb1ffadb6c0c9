package io.embeddedkinesis.core.log;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class ChronicleLogWriterTest {
    @ParameterizedTest
    @CsvSource({"0, 0, 0", "1, 1, 12", "3, 1, 255", "-1, -1, 65535", "-128, 127, 256"})
    void shouldLayTheHeadersFirstEightBytesOutAsTheRecordDescriptorDrawsThem(final byte flags,
        final byte encryption, final int keyLength) {
        final ByteBuffer header = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(0, ChronicleLogWriter.headerWord(flags, encryption, keyLength));

        assertThat(header.get(RecordDescriptor.VERSION_OFFSET)).isEqualTo(RecordDescriptor.VERSION);
        assertThat(header.get(RecordDescriptor.FLAGS_OFFSET)).isEqualTo(flags);
        assertThat(header.getShort(RecordDescriptor.HEADER_LENGTH_OFFSET))
            .isEqualTo((short) RecordDescriptor.HEADER_LENGTH);
        assertThat(header.get(RecordDescriptor.ENCRYPTION_OFFSET)).isEqualTo(encryption);
        assertThat(header.get(RecordDescriptor.ENCRYPTION_OFFSET + 1)).as("reserved").isZero();
        assertThat(header.getShort(RecordDescriptor.KEY_LENGTH_OFFSET) & 0xFFFF).isEqualTo(keyLength);
    }
}
