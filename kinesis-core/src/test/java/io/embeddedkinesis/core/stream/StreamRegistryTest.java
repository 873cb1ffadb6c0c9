package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.account.AccountSettings;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamRegistryTest {
    @TempDir
    Path directory;

    private final CachedEpochClock clock = new CachedEpochClock();

    private StreamRegistry open() {
        clock.update(1_764_000_000_000L);
        final BrokerConfig config = BrokerConfig.builder().directory(directory).clock(clock).build();
        return new StreamRegistry(directory, config, new AccountSettings(directory, config));
    }

    @Test
    void shouldNotBringBackAStreamDeletedWhileItsRetentionChanged() {
        try (StreamRegistry registry = open()) {
            registry.create(CreateStreamRequest.of("s", 1));
            final Stream found = registry.find(StreamRequest.of("s"));
            registry.delete(StreamRequest.of("s"));

            assertThatThrownBy(() -> registry.updateRetention(found, 48))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream s under account 000000000000 not found.");
        }
        try (StreamRegistry reopened = open()) {
            assertThat(reopened.list()).isEmpty();
        }
    }

    @Test
    void shouldKeepTheNewestOfTwoStreamsOfTheSameNameFoundOnDisk() {
        final long olderTag;
        try (StreamRegistry registry = open()) {
            olderTag = registry.create(CreateStreamRequest.of("s", 1)).streamTag();
        }
        final Path older = directory.resolve("streams").resolve(Long.toHexString(olderTag));
        final Path saved = directory.resolve("older-copy");
        copy(older, saved);
        try (StreamRegistry registry = open()) {
            registry.delete(StreamRequest.of("s"));
            clock.advance(1_000);
            registry.create(CreateStreamRequest.of("s", 2));
        }
        copy(saved, older);

        try (StreamRegistry reopened = open()) {
            assertThat(reopened.list()).hasSize(1);
            assertThat(reopened.find(StreamRequest.of("s")).shards()).hasSize(2);
        }
        assertThat(older).doesNotExist();
    }

    private static void copy(final Path from, final Path to) {
        try (var files = java.nio.file.Files.walk(from)) {
            for (final Path file : files.toList()) {
                final Path target = to.resolve(from.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target);
                }
            }
        } catch (final java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
