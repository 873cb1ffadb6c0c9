package io.embeddedkinesis.core.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.files.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where streams live on disk, and how their metadata is written so that a crash never leaves a stream
 * half there.
 *
 * <pre>
 *   &lt;broker directory&gt;/streams/&lt;stream tag, hex&gt;/stream.json
 *   &lt;broker directory&gt;/streams/&lt;stream tag, hex&gt;/shardId-000000000000/   (the shard's log)
 * </pre>
 * Directories are named by the stream's tag, not its name: names may be {@code .} or {@code ..}, and a
 * stream deleted and created again must not meet its predecessor's files. {@code stream.json} is written
 * to a temporary file, forced to disk and renamed over the old one, so it is always whole. A stream
 * exists when its {@code stream.json} does: creation writes it last, deletion removes it first, and a
 * directory without it is debris of an interrupted create or delete, removed on open.
 *
 * <p>Thread-safe: it holds no state but paths.
 */
final class StreamStore {
    private static final Logger LOG = LoggerFactory.getLogger(StreamStore.class);
    private static final String METADATA_FILE = "stream.json";

    private final Path streamsDirectory;
    private final ObjectMapper mapper = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    StreamStore(final Path brokerDirectory) {
        this.streamsDirectory = brokerDirectory.resolve("streams");
        try {
            Files.createDirectories(streamsDirectory);
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /** The directory of a stream's files. */
    Path directoryOf(final long streamTag) {
        return streamsDirectory.resolve(Long.toHexString(streamTag));
    }

    /** The directory of a shard's log. */
    Path shardDirectory(final long streamTag, final String shardId) {
        return directoryOf(streamTag).resolve(shardId);
    }

    /** Reads every stream's metadata, removing the debris of interrupted creates and deletes. */
    List<StreamMetadata> loadAll() {
        final List<StreamMetadata> streams = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(streamsDirectory)) {
            for (final Path child : children) {
                final Path metadata = child.resolve(METADATA_FILE);
                if (Files.isRegularFile(metadata)) {
                    streams.add(mapper.readValue(metadata.toFile(), StreamMetadata.class));
                } else {
                    LOG.info("Removing {}: a stream directory without {} (an interrupted create or delete)",
                        child, METADATA_FILE);
                    FileTrees.deleteRecursively(child);
                }
            }
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
        return streams;
    }

    /** Writes a stream's metadata atomically; the stream exists once this returns. */
    void save(final StreamMetadata metadata) {
        final Path directory = directoryOf(metadata.streamTag());
        try {
            Files.createDirectories(directory);
            DurableFiles.replace(directory.resolve(METADATA_FILE), mapper.writeValueAsBytes(metadata));
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /** Deletes a stream's files, metadata first so that a crash midway leaves only debris. */
    void delete(final long streamTag) {
        final Path directory = directoryOf(streamTag);
        try {
            Files.deleteIfExists(directory.resolve(METADATA_FILE));
            FileTrees.deleteRecursively(directory);
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }
}
