package io.embeddedkinesis.server.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut for members that need no escaping writes exactly what the general string member writes, in
 * both encodings, and skips a null value as it does.
 */
class ResponseWriterTest {
    private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void shouldWriteAnAsciiMemberAsAStringMember(final WireFormat format) {
        final byte[] ascii = new ResponseWriter(format).asciiString("SequenceNumber", SEQUENCE_NUMBER)
            .asciiString("ShardId", "shardId-000000000007").asciiString("Absent", null).toBytes();
        final byte[] general = new ResponseWriter(format).string("SequenceNumber", SEQUENCE_NUMBER)
            .string("ShardId", "shardId-000000000007").string("Absent", null).toBytes();

        assertThat(ascii).isEqualTo(general);
    }
}
