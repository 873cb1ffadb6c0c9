package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.ConsumerStatus;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.RegisterStreamConsumerRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Consumers across restarts: they come back with their ARN, status and tags, and go with their stream.
 */
class StreamConsumersPersistenceTest extends FanOutTestSupport {
    private static final String ARN = streamArn("s");

    @Test
    void shouldRestoreConsumersWithTheirArnsStatusesAndTags() {
        open(b -> b.consumerCreationDelayMs(1_000).consumerDeletionDelayMs(5_000)).createStream("s", 1);
        final String reader = broker.registerStreamConsumer(new RegisterStreamConsumerRequest(ARN, "reader",
            Map.of("team", "data"))).consumerARN();
        final String leaving = register("s", "leaving");
        broker.deregisterStreamConsumer(leaving);

        broker.close();
        open(b -> b.consumerCreationDelayMs(1_000).consumerDeletionDelayMs(5_000));

        assertThat(broker.describeStreamConsumer(reader).consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(broker.describeStreamConsumer(leaving).consumerStatus()).isEqualTo(ConsumerStatus.DELETING);
        assertThat(broker.listTagsForResource(reader).tags()).containsExactly(new Tag("team", "data"));
        clock.advance(1_000);
        assertThat(broker.describeStreamConsumer(reader).consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        clock.advance(4_000);
        broker.close();
        open();
        assertThatThrownBy(() -> broker.describeStreamConsumer(leaving)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(broker.describeStreamSummary("s").consumerCount()).isEqualTo(1);
    }

    @Test
    void shouldRemoveConsumersWithTheirStream() throws IOException {
        open().createStream("s", 1);
        register("s", "reader");
        final long filesWithConsumers = consumerFiles();

        broker.deleteStream(new DeleteStreamRequest(StreamRequest.of("s"), true));
        reopen().createStream("s", 1);

        assertThat(filesWithConsumers).isEqualTo(1);
        assertThat(consumerFiles()).isZero();
        assertThat(broker.listStreamConsumers(ARN).consumers()).isEmpty();
    }

    @Test
    void shouldDropConsumersOfAStreamThatIsGoneWhenReopened() throws IOException {
        open().createStream("s", 1);
        register("s", "reader");
        final Path consumers = directory.resolve("consumers");
        final Path file;
        try (Stream<Path> files = Files.list(consumers)) {
            file = files.findFirst().orElseThrow();
        }
        final byte[] saved = Files.readAllBytes(file);
        broker.deleteStream(new DeleteStreamRequest(StreamRequest.of("s"), true));
        broker.close();
        // A crash between deleting the stream and its consumers leaves the consumers' file behind.
        Files.write(file, saved);

        open().createStream("s", 1);

        assertThat(consumerFiles()).isZero();
        assertThat(broker.listStreamConsumers(ARN).consumers()).isEmpty();
    }

    private long consumerFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("consumers"))) {
            return files.count();
        }
    }
}
