package io.embeddedkinesis.core.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap stays bounded however much is stored: a JVM limited to 128 MiB of heap writes 1 GiB of
 * records and reads all of them back, because records live in the memory-mapped logs, off heap.
 */
class LargeVolumeIT {
    private static final long ONE_GIB = 1024L * 1024 * 1024;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldWriteAndReadAGibibyteWithA128MebibyteHeap() throws IOException, InterruptedException {
        final Process child = ChildJvm.start(true, List.of("-Xmx128m"), LargeVolumeWriter.class,
            directory.toString(), Long.toString(ONE_GIB));
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final int exit = child.waitFor();

        assertThat(exit).as(output).isZero();
        final String last = output.lines().filter(l -> l.startsWith("OK ")).findFirst().orElseThrow(
            () -> new AssertionError("no result from the child: " + output));
        final String[] parts = last.split(" ");
        assertThat(Long.parseLong(parts[2])).isGreaterThanOrEqualTo(ONE_GIB);
        assertThat(parts[1]).as("records read").isEqualTo(parts[5]);
        assertThat(parts[4]).as("checksum of what was read").isEqualTo(parts[3]);
    }
}
