package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tagging operations and DescribeLimits, driven by the AWS SDK for Java v2 sync client; runs once per
 * wire encoding.
 */
abstract class TagsAndLimitsSdkTest extends SdkTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldTagAStreamAtCreationAddListPageAndRemoveTags() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1).tags(Map.of("team", "data")));

        kinesis.addTagsToStream(b -> b.streamName("s").tags(Map.of("env", "test", "tier", "", "team", "platform")));
        final ListTagsForStreamResponse page = kinesis.listTagsForStream(b -> b.streamName("s").limit(2));
        final ListTagsForStreamResponse rest = kinesis.listTagsForStream(b -> b.streamARN(ARN)
            .exclusiveStartTagKey(page.tags().get(1).key()));
        kinesis.removeTagsFromStream(b -> b.streamName("s").tagKeys("tier", "absent"));

        assertThat(page.tags()).containsExactly(tag("env", "test"), tag("team", "platform"));
        assertThat(page.hasMoreTags()).isTrue();
        assertThat(rest.tags()).containsExactly(tag("tier", ""));
        assertThat(rest.hasMoreTags()).isFalse();
        assertThat(kinesis.listTagsForStream(b -> b.streamName("s")).tags())
            .containsExactly(tag("env", "test"), tag("team", "platform"));
    }

    @Test
    void shouldTagUntagAndListAStreamByResourceArn() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        kinesis.tagResource(b -> b.resourceARN(ARN).tags(Map.of("b", "2", "a", "1", "c", "3")));
        kinesis.untagResource(b -> b.resourceARN(ARN).tagKeys("c"));

        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(ARN)).tags())
            .containsExactly(tag("a", "1"), tag("b", "2"));
        assertThatThrownBy(() -> kinesis.listTagsForResource(b -> b.resourceARN(
            "arn:aws:kinesis:us-east-1:000000000000:stream/missing")))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Stream missing under account 000000000000 not found."));
    }

    @Test
    void shouldRaiseTheSdksExceptionsWithKinesissTaggingMessages() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final Map<String, String> fiftyOne = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.put("k" + i, "");
        }
        final String longKey = "k".repeat(129);

        assertThatThrownBy(() -> kinesis.addTagsToStream(b -> b.streamName("s").tags(fiftyOne)))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Failed to add tags to stream s under account"
                + " 000000000000 because a given stream cannot have more than 50 tags associated with it."));
        assertThatThrownBy(() -> kinesis.removeTagsFromStream(b -> b.streamName("s").tagKeys("a;b")))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Some tags contain invalid characters. Valid"
                + " characters: Unicode letters, digits, white space, _ . / = + - % @."));
        assertThatThrownBy(() -> kinesis.tagResource(b -> b.resourceARN(ARN).tags(Map.of(longKey, "v"))))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value '{" + longKey
                + "=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have"
                + " length less than or equal to 128, Member must have length greater than or equal to 1]"));
        assertThatThrownBy(() -> kinesis.untagResource(b -> b.resourceARN("arn:aws:sqs:us-east-1:000000000000:q")
            .tagKeys(List.of("a"))))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value"
                + " 'arn:aws:sqs:us-east-1:000000000000:q' at 'resourceARN' failed to satisfy constraint: Member must"
                + " satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+"));
    }

    @Test
    void shouldDescribeTheLimitsAndOpenShards() {
        kinesis.createStream(b -> b.streamName("a").shardCount(3));
        kinesis.createStream(b -> b.streamName("b").shardCount(2));

        final DescribeLimitsResponse limits = kinesis.describeLimits(b -> { });

        assertThat(limits.shardLimit()).isEqualTo(500);
        assertThat(limits.openShardCount()).isEqualTo(5);
        assertThat(limits.onDemandStreamCount()).isZero();
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(50);
    }

    private static Tag tag(final String key, final String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends TagsAndLimitsSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends TagsAndLimitsSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
