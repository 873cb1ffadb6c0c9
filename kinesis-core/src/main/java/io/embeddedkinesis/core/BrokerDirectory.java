package io.embeddedkinesis.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.files.DurableFiles;
import io.embeddedkinesis.core.stream.FileTrees;
import io.embeddedkinesis.core.token.TokenCipher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * The broker's directory: owned by one broker at a time (an OS file lock, released even if the process
 * is killed), holding {@code broker.json} with the secret that seals iterators and tokens, and the
 * streams. A temporary directory is created when none is given and deleted on close.
 *
 * <p>Not thread-safe; the broker opens and closes it once.
 */
final class BrokerDirectory implements AutoCloseable {
    private static final String BROKER_FILE = "broker.json";
    private static final String LOCK_FILE = "broker.lock";
    /**
     * The layout this version writes and reads. 2 since shard log positions name an entry within a packed
     * excerpt; a directory of layout 1, whose positions were Chronicle indexes alone, is refused rather than
     * misread.
     */
    static final int FORMAT_VERSION = 2;

    private final Path path;
    private final boolean temporary;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final byte[] tokenKey;

    BrokerDirectory(final Path requested) {
        try {
            this.temporary = requested == null;
            this.path = temporary ? Files.createTempDirectory("embedded-kinesis-") : Files.createDirectories(requested);
            this.lockChannel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            this.lock = tryLock(lockChannel, path);
            try {
                this.tokenKey = loadOrCreateKey();
            } catch (final IOException | RuntimeException ex) {
                lock.release();
                lockChannel.close();
                throw ex;
            }
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    private static FileLock tryLock(final FileChannel channel, final Path path) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (final OverlappingFileLockException ex) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another broker already uses this directory: directory=" + path);
        }
        return lock;
    }

    private byte[] loadOrCreateKey() throws IOException {
        final ObjectMapper mapper = new ObjectMapper();
        final Path file = path.resolve(BROKER_FILE);
        if (Files.isRegularFile(file)) {
            final BrokerFile stored = mapper.readValue(file.toFile(), BrokerFile.class);
            if (stored.formatVersion() != FORMAT_VERSION) {
                throw new IllegalStateException("the broker directory has layout " + stored.formatVersion()
                    + ", which this version cannot read (it reads layout " + FORMAT_VERSION + "): use a new directory,"
                    + " or the version that wrote it: directory=" + path);
            }
            return Base64.getDecoder().decode(stored.tokenKey());
        }
        final byte[] key = TokenCipher.newKey();
        DurableFiles.replace(file, mapper.writeValueAsBytes(new BrokerFile(FORMAT_VERSION,
            Base64.getEncoder().encodeToString(key))));
        return key;
    }

    Path path() {
        return path;
    }

    byte[] tokenKey() {
        return tokenKey.clone();
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
            if (temporary) {
                FileTrees.deleteRecursively(path);
            }
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /**
     * The content of {@code broker.json}.
     *
     * @param formatVersion the layout of the directory.
     * @param tokenKey      the secret that seals iterators and tokens, base64.
     */
    record BrokerFile(int formatVersion, String tokenKey) {
    }
}
