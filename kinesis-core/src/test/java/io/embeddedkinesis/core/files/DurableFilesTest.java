package io.embeddedkinesis.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DurableFilesTest {
    @TempDir
    Path directory;

    @Test
    void shouldCreateThenReplaceAFileLeavingNoTemporaryFileBehind() throws IOException {
        final Path target = directory.resolve("metadata.json");

        DurableFiles.replace(target, bytes("{\"version\":1}"));
        DurableFiles.replace(target, bytes("{\"v\":2}"));

        assertThat(target).hasContent("{\"v\":2}");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void shouldOverwriteALongerTemporaryFileThatACrashLeftBehind() throws IOException {
        final Path target = directory.resolve("lease.json");
        Files.writeString(directory.resolve("lease.json" + DurableFiles.TEMPORARY_SUFFIX), "{\"torn\":\"and longer\"");

        DurableFiles.replace(target, bytes("{}"));

        assertThat(target).hasContent("{}");
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
