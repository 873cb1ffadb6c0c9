package io.embeddedkinesis.core.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started without the flags Chronicle Queue needs fails at broker start, naming every flag to add,
 * instead of deep inside the first memory mapping; with them, the broker works and Chronicle's telemetry
 * stays off, leaving nothing in the user's home directory.
 */
class MissingJvmFlagsIT {
    @TempDir
    Path home;

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldNameTheMissingFlagsWhenTheBrokerOpens() throws Exception {
        final Process child = ChildJvm.start(false, List.of(), MissingJvmFlags.class);
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor();

        assertThat(output).contains("REFUSED embedded-kinesis stores shards in Chronicle Queue, which needs JVM flags")
            .contains("--add-opens=java.base/java.lang=ALL-UNNAMED")
            .contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
            .doesNotContain("OPENED");
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldOpenWithTheDocumentedFlagsAndWriteNothingIntoTheHomeDirectory() throws Exception {
        final Process child = ChildJvm.start(true, List.of("-Duser.home=" + home), MissingJvmFlags.class);
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor();

        assertThat(output).contains("OPENED").contains("ANALYTICS DISABLED true").doesNotContain("REFUSED");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files).as("files Chronicle left in the home directory").isEmpty();
        }
    }
}
