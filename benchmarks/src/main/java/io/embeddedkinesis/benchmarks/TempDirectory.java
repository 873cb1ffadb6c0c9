package io.embeddedkinesis.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directories benchmarks keep their logs in, under {@code java.io.tmpdir}.
 */
public final class TempDirectory {
    private static final String PREFIX = "embedded-kinesis-bench-";

    private TempDirectory() {
    }

    /**
     * Creates a fresh, empty directory.
     *
     * @return its path.
     */
    public static Path create() {
        try {
            return Files.createTempDirectory(PREFIX);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Deletes a directory and everything in it; does nothing if it is null or already gone. Deleting the
     * files also drops their dirty pages, so a benchmark that writes gigabytes does not leave the kernel
     * writing them back during the next measurement.
     *
     * @param directory the directory, or null.
     */
    public static void delete(final Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
