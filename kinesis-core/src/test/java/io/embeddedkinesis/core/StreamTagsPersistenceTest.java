package io.embeddedkinesis.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CreateStream's tags, tags across restarts and deletions, and concurrent changes.
 */
class StreamTagsPersistenceTest extends BrokerTestSupport {

    @Test
    void shouldCreateAStreamWithTags() {
        open().createStream(CreateStreamRequest.of("s", 1).withTags(Map.of("team", "data", "env", "")));

        assertThat(broker.listTagsForStream("s").tags()).containsExactly(new Tag("env", ""), new Tag("team", "data"));
    }

    @Test
    void shouldCreateNothingWhenTheTagsAreRefused() {
        open();

        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.of("s", 1).withTags(Map.of("a;b", ""))))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(TaggingTest.INVALID_CHARACTERS);
        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.of("s", 1).withTags(
            TaggingTest.numbered(51))))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Failed to add tags to stream s under account 000000000000 because a given stream cannot have"
                + " more than 50 tags associated with it.");
        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.of("s", 0).withTags(Map.of())))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member"
                + " must have value greater than or equal to 1; Value '{}' at 'tags' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 1");
        assertThat(broker.listStreams().streamNames()).isEmpty();
    }

    @Test
    void shouldSayAStreamExistsBeforeLookingAtItsNewTags() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.of("s", 1).withTags(Map.of("a;b", ""))))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account 000000000000 already exists.");
    }

    @Test
    void shouldKeepTagsAcrossARestart() {
        open().createStream(CreateStreamRequest.of("s", 1).withTags(Map.of("a", "1")));
        broker.addTagsToStream("s", Map.of("b", "2", "c", "3"));
        broker.removeTagsFromStream("s", List.of("a"));
        broker.increaseStreamRetentionPeriod("s", 48);

        reopen();

        assertThat(broker.listTagsForStream("s").tags()).containsExactly(new Tag("b", "2"), new Tag("c", "3"));
        assertThat(broker.describeStreamSummary("s").retentionPeriodHours()).isEqualTo(48);
    }

    @Test
    void shouldReadAStreamWrittenBeforeTagsExistedAsUntagged() throws IOException {
        open().createStream("s", 1);
        broker.close();
        final Path metadata = onlyMetadataFile();
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode document = (ObjectNode) mapper.readTree(metadata.toFile());
        assertThat(document.remove("tags")).isNotNull();
        mapper.writeValue(metadata.toFile(), document);

        open();

        assertThat(broker.listTagsForStream("s").tags()).isEmpty();
        broker.addTagsToStream("s", Map.of("k", "v"));
        assertThat(reopen().listTagsForStream("s").tags()).containsExactly(new Tag("k", "v"));
    }

    @Test
    void shouldNotGiveANewStreamTheTagsOfADeletedOneOfTheSameName() {
        open().createStream(CreateStreamRequest.of("s", 1).withTags(Map.of("old", "")));
        broker.deleteStream("s");

        broker.createStream("s", 1);

        assertThat(broker.listTagsForStream("s").tags()).isEmpty();
    }

    @Test
    void shouldNeverLetConcurrentCallsTogetherExceedFiftyTags() throws InterruptedException {
        open().createStream("s", 1);
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicInteger refused = new AtomicInteger();
        final Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            final String prefix = "t" + t + "-";
            threads[t] = new Thread(() -> {
                final Map<String, String> tags = new java.util.HashMap<>();
                TaggingTest.numbered(30).forEach((key, value) -> tags.put(prefix + key, value));
                try {
                    start.await();
                    broker.addTagsToStream("s", tags);
                } catch (final InvalidArgumentException expected) {
                    refused.incrementAndGet();
                } catch (final InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[t].start();
        }

        start.countDown();
        for (final Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(refused.get()).isEqualTo(1);
        assertThat(broker.listTagsForStream("s").tags()).hasSize(30);
    }

    private Path onlyMetadataFile() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("streams"))) {
            final List<Path> found = files.filter(p -> p.getFileName().toString().equals("stream.json")).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
