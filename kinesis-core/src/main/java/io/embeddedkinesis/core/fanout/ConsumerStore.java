package io.embeddedkinesis.core.fanout;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.files.DurableFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where consumers live on disk: one file per stream that has any, named by the stream's tag, so that a
 * stream deleted and created again under the same name never meets its predecessor's consumers.
 *
 * <pre>
 *   &lt;broker directory&gt;/consumers/&lt;stream tag, hex&gt;.json
 * </pre>
 * A file is written to a temporary file, forced to disk and renamed over the old one, so it is always whole,
 * as a stream's {@code stream.json} is. A file whose stream is gone (a delete interrupted between the stream
 * and its consumers) is removed when the broker opens.
 *
 * <p>Thread-safe: it holds no state but paths; the registry serializes writes.
 */
final class ConsumerStore {
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final ObjectMapper mapper = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    ConsumerStore(final Path brokerDirectory) {
        this.directory = brokerDirectory.resolve("consumers");
        try {
            Files.createDirectories(directory);
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /** Reads every stream's consumers; temporary files of interrupted writes are removed. */
    List<StreamConsumers> loadAll() {
        final List<StreamConsumers> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (final Path file : files) {
                if (file.getFileName().toString().endsWith(SUFFIX)) {
                    all.add(mapper.readValue(file.toFile(), StreamConsumers.class));
                } else {
                    Files.deleteIfExists(file);
                }
            }
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
        return all;
    }

    /** Writes a stream's consumers atomically, or deletes the file when there are none. */
    void save(final StreamConsumers consumers) {
        if (consumers.consumers().isEmpty()) {
            delete(consumers.streamTag());
            return;
        }
        try {
            DurableFiles.replace(directory.resolve(fileName(consumers.streamTag())),
                mapper.writeValueAsBytes(consumers));
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /** Deletes a stream's consumers file, if it has one. */
    void delete(final long streamTag) {
        try {
            Files.deleteIfExists(directory.resolve(fileName(streamTag)));
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    private static String fileName(final long streamTag) {
        return Long.toHexString(streamTag) + SUFFIX;
    }

    /**
     * What a stream's consumers file holds.
     *
     * @param formatVersion the layout of the file; 1 today.
     * @param streamName    the stream's name.
     * @param streamTag     the stream's tag, which the file is named by.
     * @param consumers     the consumers, by name.
     */
    record StreamConsumers(int formatVersion, String streamName, long streamTag, List<ConsumerMetadata> consumers) {
        /** The layout written today. */
        static final int FORMAT_VERSION = 1;
    }

    /**
     * One consumer, as persisted.
     *
     * @param consumerName   the name.
     * @param createdAtMs    when it was registered; its ARN carries this in seconds.
     * @param readyAtMs      when it was (or becomes) ACTIVE.
     * @param deleteAtMs     when its deregistration completes, or {@link Long#MAX_VALUE} if it was not
     *                       deregistered.
     * @param tags           its tags.
     * @param resourcePolicy the policy PutResourcePolicy attached, as it was put; null when there is none and in
     *                       files written before resource policies existed. Added without a new format version:
     *                       older brokers ignore it.
     */
    record ConsumerMetadata(String consumerName, long createdAtMs, long readyAtMs, long deleteAtMs,
        Map<String, String> tags, String resourcePolicy) {
    }
}
