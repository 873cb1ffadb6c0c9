package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.RegisterStreamConsumerRequest;
import io.embeddedkinesis.core.model.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TagResource, UntagResource and ListTagsForResource on consumer ARNs, and RegisterStreamConsumer's tags,
 * with the rules of stream tags.
 */
class ConsumerTagsTest extends FanOutTestSupport {
    private static final String ARN = streamArn("s");

    @Test
    void shouldTagUntagAndListAConsumerApartFromItsStream() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");

        broker.tagResource(consumerArn, TaggingTest.ordered("team", "data", "env", "test", "tier", ""));
        broker.untagResource(consumerArn, List.of("tier", "absent"));

        assertThat(broker.listTagsForResource(consumerArn).tags())
            .containsExactly(new Tag("env", "test"), new Tag("team", "data"));
        assertThat(broker.listTagsForResource(ARN).tags()).isEmpty();
    }

    @Test
    void shouldRegisterAConsumerWithTags() {
        open().createStream("s", 1);

        final String consumerArn = broker.registerStreamConsumer(new RegisterStreamConsumerRequest(ARN, "reader",
            Map.of("b", "2", "a", "1"))).consumerARN();

        assertThat(broker.listTagsForResource(consumerArn).tags())
            .containsExactly(new Tag("a", "1"), new Tag("b", "2"));
    }

    @Test
    void shouldApplyTheStreamRulesToConsumerTags() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");
        broker.tagResource(consumerArn, TaggingTest.numbered(50));

        assertThatThrownBy(() -> broker.tagResource(consumerArn, Map.of("one-more", "")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Failed to add tags to consumer reader under account " + ACCOUNT + " because a given"
                + " consumer cannot have more than 50 tags associated with it.");
        assertThatThrownBy(() -> broker.tagResource(consumerArn, Map.of("a\tb", "")))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(TaggingTest.INVALID_CHARACTERS);
        assertThatThrownBy(() -> broker.untagResource(consumerArn, List.of("100%")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith("Failed to remove tags from consumer reader under account " + ACCOUNT
                + " because some tags contained illegal characters.");
        assertThatThrownBy(() -> broker.tagResource(consumerArn, Map.of("k", "v".repeat(257))))
            .isInstanceOf(ValidationException.class)
            .hasMessageEndingWith("at 'tags' failed to satisfy constraint: " + TaggingTest.VALUE_CONSTRAINT);
        assertThatThrownBy(() -> broker.registerStreamConsumer(new RegisterStreamConsumerRequest(ARN, "other",
            TaggingTest.numbered(51))))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Failed to add tags to consumer other under account " + ACCOUNT + " because a given"
                + " consumer cannot have more than 50 tags associated with it.");
        assertThat(broker.listTagsForResource(consumerArn).tags()).hasSize(50);
        assertThat(broker.listStreamConsumers(ARN).consumers()).hasSize(1);
    }

    @Test
    void shouldSayTheConsumerIsMissing() {
        open().createStream("s", 1);
        final String consumerArn = register("s", "reader");
        broker.deregisterStreamConsumer(consumerArn);

        assertThatThrownBy(() -> broker.tagResource(consumerArn, Map.of("k", "v")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer reader with creation timestamp " + START_MS / 1000 + " under stream s and account "
                + ACCOUNT + " not found.");
        assertThatThrownBy(() -> broker.listTagsForResource(consumerArn))
            .isInstanceOf(ResourceNotFoundException.class);
    }
}
