package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.TempDirectory;
import io.embeddedkinesis.benchmarks.baseline.RawChronicleLog;

import java.nio.file.Path;

/**
 * A {@link RawChronicleLog} on a fresh temporary directory. Closing it closes the log and deletes the
 * directory.
 */
final class RawLogFixture implements AutoCloseable {
    private final Path directory;
    private final RawChronicleLog log;

    RawLogFixture() {
        this.directory = TempDirectory.create();
        try {
            this.log = new RawChronicleLog(directory);
        } catch (final RuntimeException ex) {
            TempDirectory.delete(directory);
            throw ex;
        }
    }

    RawChronicleLog log() {
        return log;
    }

    @Override
    public void close() {
        try {
            log.close();
        } finally {
            TempDirectory.delete(directory);
        }
    }
}
