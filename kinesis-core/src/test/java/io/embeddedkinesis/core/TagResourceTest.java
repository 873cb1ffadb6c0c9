package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.ListTagsForResourceRequest;
import io.embeddedkinesis.core.model.Tag;
import io.embeddedkinesis.core.model.TagResourceRequest;
import io.embeddedkinesis.core.model.UntagResourceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TagResource, UntagResource and ListTagsForResource on stream ARNs, and how other ARNs are refused.
 */
class TagResourceTest extends BrokerTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final String ARN_PATTERN = "arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+";

    @Test
    void shouldTagUntagAndListAStreamByItsArn() {
        open().createStream("s", 1);

        broker.tagResource(ARN, TaggingTest.ordered("team", "data", "env", "test", "tier", ""));
        broker.untagResource(ARN, List.of("tier", "absent"));

        assertThat(broker.listTagsForResource(ARN).tags())
            .containsExactly(new Tag("env", "test"), new Tag("team", "data"));
        assertThat(broker.listTagsForStream("s").tags()).isEqualTo(broker.listTagsForResource(ARN).tags());
    }

    @Test
    void shouldApplyTheStreamRulesToResourceTags() {
        open().createStream("s", 1);
        broker.tagResource(ARN, TaggingTest.numbered(50));

        assertThatThrownBy(() -> broker.tagResource(ARN, Map.of("one-more", "")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Failed to add tags to stream s under account 000000000000 because a given stream cannot have"
                + " more than 50 tags associated with it.");
        assertThatThrownBy(() -> broker.tagResource(ARN, Map.of("a\tb", "")))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(TaggingTest.INVALID_CHARACTERS);
        assertThatThrownBy(() -> broker.untagResource(ARN, List.of("100%")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith("Failed to remove tags from stream s under account 000000000000 because some"
                + " tags contained illegal characters.");
        assertThatThrownBy(() -> broker.tagResource(ARN, Map.of("k", "v".repeat(257))))
            .isInstanceOf(ValidationException.class)
            .hasMessageEndingWith("at 'tags' failed to satisfy constraint: " + TaggingTest.VALUE_CONSTRAINT);
    }

    @Test
    void shouldCheckTheTagsBeforeTheResourceArn() {
        open();

        assertThatThrownBy(() -> broker.tagResource(new TagResourceRequest(null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'tags' failed to satisfy constraint: Member must"
                + " not be null; Value null at 'resourceARN' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> broker.untagResource(new UntagResourceRequest(null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'tagKeys' failed to satisfy constraint: Member"
                + " must not be null; Value null at 'resourceARN' failed to satisfy constraint: Member must not be"
                + " null");
        assertThatThrownBy(() -> broker.listTagsForResource(new ListTagsForResourceRequest(null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint:"
                + " Member must not be null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "arn:aws:sqs:us-east-1:000000000000:queue", "arn:aws:kinesis:us-east-1:0:stream/s",
        "arn:aws:kinesis:us-east-1:000000000000:stream/"})
    void shouldRefuseWhatIsNotAKinesisResourceArnAsTheModelDoes(final String arn) {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.listTagsForResource(arn))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '" + arn + "' at 'resourceARN' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern: " + ARN_PATTERN);
        assertThatThrownBy(() -> broker.tagResource(arn, Map.of("k", "v")))
            .isInstanceOf(ValidationException.class);
    }

    @Test
    void shouldSayAStreamOfTheArnIsMissing() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.listTagsForResource("arn:aws:kinesis:us-east-1:000000000000:stream/other"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream other under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.tagResource("arn:aws:kinesis:us-east-1:111111111111:stream/s",
            Map.of("k", "v")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream s under account 111111111111 not found.");
        assertThat(broker.listTagsForStream("s").tags()).isEmpty();
    }

    @Test
    void shouldAnswerAConsumerArnAsAMissingConsumer() {
        open().createStream("s", 1);
        final String consumer = ARN + "/consumer/reader:1525898737";

        assertThatThrownBy(() -> broker.tagResource(consumer, Map.of("k", "v")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer reader with creation timestamp 1525898737 under stream s and account 000000000000"
                + " not found.");
        assertThatThrownBy(() -> broker.listTagsForResource(
            "arn:aws:kinesis:us-east-1:000000000000:stream/gone/consumer/reader:1525898737"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream gone under account 000000000000 not found.");
    }

    @Test
    void shouldRefuseAnArnOfAnotherKindOfResource() {
        open();
        final String arn = "arn:aws:kinesis:us-east-1:000000000000:deliverystream/s";

        assertThatThrownBy(() -> broker.untagResource(arn, List.of("k")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("ResourceARN " + arn + " does not name a Kinesis stream or consumer.");
    }
}
