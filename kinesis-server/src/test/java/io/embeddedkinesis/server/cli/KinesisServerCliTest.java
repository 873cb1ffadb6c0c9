package io.embeddedkinesis.server.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad {@code serve} options are refused as bad usage (exit status 2, the reason and the usage help), before
 * anything serves, rather than with a stack trace.
 */
class KinesisServerCliTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--account-shard-limit|0|--account-shard-limit must be at least 1: 0",
        "--state-change-delay-ms|-1|--state-change-delay-ms cannot be negative: -1",
        "--access-key-id|key|--access-key-id and --secret-access-key go together",
        "--create-stream|clicks|--create-stream takes NAME:SHARDS or NAME:on-demand, e.g. clicks:4: clicks",
        "--create-stream|clicks:four|--create-stream takes NAME:SHARDS or NAME:on-demand, e.g. clicks:4: clicks:four",
        "--create-stream|:4|--create-stream takes NAME:SHARDS or NAME:on-demand, e.g. clicks:4: :4",
    })
    void shouldRefuseABadOptionAsBadUsage(final String option, final String value, final String reason) {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream stderr = System.err;
        final int status;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            status = KinesisServerCli.run("serve", "--port", "0", "--path", data.toString(), option, value);
        } finally {
            System.setErr(stderr);
        }

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(reason).contains("Usage: kinesis-server serve")
            .doesNotContain("\tat ");
    }
}
