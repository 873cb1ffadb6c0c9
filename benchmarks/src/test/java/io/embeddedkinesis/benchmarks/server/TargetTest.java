package io.embeddedkinesis.benchmarks.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {
    @ParameterizedTest
    @CsvSource({
        "kinesis-server-json, KINESIS_SERVER, false",
        "kinesis-server-cbor, KINESIS_SERVER, true",
        "kinesis-server-process-json, KINESIS_SERVER_PROCESS, false",
        "kinesalite-json,     KINESALITE,     false",
        "kinesalite-cbor,     KINESALITE,     true",
        "canned-CBOR,         CANNED,         true",
    })
    void shouldParseTheEndpointAndTheEncoding(final String parameter, final Target.Endpoint endpoint,
        final boolean cbor) {
        assertThat(Target.parse(parameter)).isEqualTo(new Target(endpoint, cbor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kinesis-server", "json", "-json", "kinesis-server-xml", "localstack-json"})
    void shouldRefuseAnythingElse(final String parameter) {
        assertThatThrownBy(() -> Target.parse(parameter))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith(": target=" + parameter);
    }
}
