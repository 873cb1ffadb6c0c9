package io.embeddedkinesis.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces the small files the broker keeps its metadata in (stream metadata, consumers, leases and
 * checkpoints, the broker's own file) so that a crash or a power loss leaves either the old content or the
 * new, never a torn file, and a replacement that returned is not undone.
 *
 * <p>The content goes to {@code <name>.tmp} beside the target, which is forced to disk, then renamed over the
 * target atomically, and then the directory is forced, so that the rename itself is durable. Readers that
 * list a directory should match the target's suffix, so that a temporary file left by a crash is ignored.
 */
public final class DurableFiles {
    /** The suffix of the temporary file a replacement writes first. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /**
     * Replaces a file's content atomically and durably, creating the file if it does not exist.
     *
     * @param target  the file; its directory must exist.
     * @param content the new content.
     * @throws IOException if writing, forcing or renaming fails; the target then keeps its old content.
     */
    public static void replace(final Path target, final byte[] content) throws IOException {
        final Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Forces a directory's entries to disk, where the platform allows it: Linux and macOS do; Windows cannot
     * open a directory as a channel, and its renames are journaled by NTFS instead.
     */
    private static void forceDirectory(final Path directory) throws IOException {
        final FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (final IOException | UnsupportedOperationException notOnThisPlatform) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
