package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a broker releases everything it took: its threads, its memory mappings and open files, and
 * (for a temporary broker) its directory.
 */
class ResourceReleaseIT {
    @TempDir
    Path directory;

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldReleaseThreadsMappingsAndFilesOnClose() throws IOException {
        final Set<Thread> before = Thread.getAllStackTraces().keySet();
        final Path brokerDirectory;
        try (KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder().directory(directory)
            .housekeepingIntervalMs(10).build())) {
            brokerDirectory = broker.directory();
            exercise(broker);
            assertThat(mappingsUnder(brokerDirectory)).isNotEmpty();
        }

        assertThat(mappingsUnder(brokerDirectory)).isEmpty();
        assertThat(openFilesUnder(brokerDirectory)).isEmpty();
        final Set<String> leaked = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.isAlive() && !t.getName().startsWith("ForkJoinPool"))
            .map(Thread::getName).collect(Collectors.toSet());
        assertThat(leaked).isEmpty();
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldDeleteATemporaryDirectoryOnClose() throws IOException {
        final Path temporary;
        try (KinesisBroker broker = KinesisBroker.open()) {
            temporary = broker.directory();
            exercise(broker);
        }

        assertThat(temporary).doesNotExist();
        assertThat(mappingsUnder(temporary)).isEmpty();
    }

    private static void exercise(final KinesisBroker broker) {
        broker.createStream("a", 3);
        broker.createStream("b", 1);
        broker.putRecord("a", "k", new byte[] {1});
        broker.putRecord("b", "k", new byte[] {2});
        broker.getRecords(broker.getShardIterator("a", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        broker.deleteStream("b");
    }

    private static Set<String> mappingsUnder(final Path path) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
            .filter(line -> line.contains(path.toString())).collect(Collectors.toSet());
    }

    private static Set<String> openFilesUnder(final Path path) throws IOException {
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (final IOException closedMeanwhile) {
                    return "";
                }
            }).filter(target -> target.startsWith(path.toString())).collect(Collectors.toSet());
        }
    }
}
