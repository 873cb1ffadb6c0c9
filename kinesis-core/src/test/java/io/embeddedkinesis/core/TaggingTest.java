package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.AddTagsToStreamRequest;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.DescribeLimitsResult;
import io.embeddedkinesis.core.model.ListTagsForStreamRequest;
import io.embeddedkinesis.core.model.ListTagsForStreamResult;
import io.embeddedkinesis.core.model.RemoveTagsFromStreamRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AddTagsToStream, RemoveTagsFromStream and ListTagsForStream, with the texts kinesalite's tests recorded
 * against AWS.
 */
class TaggingTest extends BrokerTestSupport {
    static final String INVALID_CHARACTERS = "Some tags contain invalid characters. Valid characters: Unicode letters,"
        + " digits, white space, _ . / = + - % @.";
    static final String KEY_CONSTRAINT = "Map keys must satisfy constraint: [Member must have length less than or"
        + " equal to 128, Member must have length greater than or equal to 1]";
    static final String VALUE_CONSTRAINT = "Map value must satisfy constraint: [Member must have length less than or"
        + " equal to 256, Member must have length greater than or equal to 0]";

    @Test
    void shouldAddOverwriteAndListTagsByKey() {
        open().createStream("s", 1);

        broker.addTagsToStream("s", ordered("b", "2", "a", "1"));
        broker.addTagsToStream("s", ordered("a", "x", "c", ""));

        final ListTagsForStreamResult result = broker.listTagsForStream("s");
        assertThat(result.tags()).containsExactly(new Tag("a", "x"), new Tag("b", "2"), new Tag("c", ""));
        assertThat(result.hasMoreTags()).isFalse();
    }

    /** The README's example ("Tags and account limits"), with what its comments promise. */
    @Test
    void shouldTagAndDescribeLimitsAsTheReadmeShows() {
        final KinesisBroker kinesis = open();

        kinesis.createStream(CreateStreamRequest.of("clicks", 2).withTags(Map.of("team", "web")));
        kinesis.addTagsToStream("clicks", Map.of("env", "test"));
        final List<Tag> tags = kinesis.listTagsForStream("clicks").tags();
        kinesis.removeTagsFromStream("clicks", List.of("env"));
        kinesis.tagResource("arn:aws:kinesis:us-east-1:000000000000:stream/clicks", Map.of("tier", "gold"));
        final DescribeLimitsResult limits = kinesis.describeLimits();

        assertThat(tags).containsExactly(new Tag("env", "test"), new Tag("team", "web"));
        assertThat(kinesis.listTagsForStream("clicks").tags()).containsExactly(new Tag("team", "web"),
            new Tag("tier", "gold"));
        assertThat(limits).isEqualTo(new DescribeLimitsResult(500, 2, 0, 50));
    }

    @Test
    void shouldListInStringOrderAfterAnExclusiveStartKeyThatNeedNotExist() {
        open().createStream("s", 1);
        broker.addTagsToStream("s", ordered("a", "b", " ", "a", "ÿ", "a", "_", "a", "/", "a", "=", "a", "+", "a",
            "Zb", "z", "0", "a", "@", "a"));

        assertThat(keys(broker.listTagsForStream("s"))).containsExactly(" ", "+", "/", "0", "=", "@", "Zb", "_", "a",
            "ÿ");
        final ListTagsForStreamResult page = list("s", "@", 2);
        assertThat(page.tags()).containsExactly(new Tag("Zb", "z"), new Tag("_", "a"));
        assertThat(page.hasMoreTags()).isTrue();
        final ListTagsForStreamResult rest = list("s", "Za$Z%*(*&@,,.,,", null);
        assertThat(keys(rest)).containsExactly("Zb", "_", "a", "ÿ");
        assertThat(rest.hasMoreTags()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1, true", "2, true", "3, false", "50, false"})
    void shouldSayThereAreMoreTagsOnlyWhenSomeRemain(final int limit, final boolean more) {
        open().createStream("s", 1);
        broker.addTagsToStream("s", ordered("a", "1", "b", "2", "c", "3"));

        final ListTagsForStreamResult page = list("s", null, limit);

        assertThat(page.tags()).hasSize(Math.min(limit, 3));
        assertThat(page.hasMoreTags()).isEqualTo(more);
    }

    @Test
    void shouldRemoveTagsAndIgnoreKeysTheStreamDoesNotHave() {
        open().createStream("s", 1);
        broker.addTagsToStream("s", ordered("a", "1", "ü0 _.", "2", "/=+-@", "3"));

        broker.removeTagsFromStream("s", List.of("ü0 _.", "/=+-@", "b", "c"));

        assertThat(broker.listTagsForStream("s").tags()).containsExactly(new Tag("a", "1"));
    }

    @Test
    void shouldTagAStreamNamedByArn() {
        open().createStream("s", 1);
        final String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

        broker.addTagsToStream(arn, Map.of("k", "v"));

        assertThat(broker.listTagsForStream(arn).tags()).containsExactly(new Tag("k", "v"));
        broker.removeTagsFromStream(arn, List.of("k"));
        assertThat(broker.listTagsForStream("s").tags()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1, 0, true", "128, 256, true", "0, 1, false", "129, 1, false", "1, 257, false"})
    void shouldBoundKeyAndValueLengths(final int keyLength, final int valueLength, final boolean valid) {
        open().createStream("s", 1);
        final String key = "k".repeat(keyLength);
        final String value = "v".repeat(valueLength);

        final String broken = keyLength == 0 || keyLength > 128 ? KEY_CONSTRAINT : VALUE_CONSTRAINT;
        if (valid) {
            broker.addTagsToStream("s", Map.of(key, value));
            assertThat(broker.listTagsForStream("s").tags()).containsExactly(new Tag(key, value));
        } else {
            assertThatThrownBy(() -> broker.addTagsToStream("s", Map.of(key, value)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '{" + key + "=" + value + "}' at 'tags' failed to"
                    + " satisfy constraint: " + broken);
        }
    }

    @Test
    void shouldReportTheModelsConstraintsBeforeTheStreams() {
        open();
        assertThatThrownBy(() -> broker.addTagsToStream(new AddTagsToStreamRequest(new StreamRequest("", null),
            Map.of())))
            .isInstanceOf(ValidationException.class)
            .hasMessage("3 validation errors detected: Value '{}' at 'tags' failed to satisfy constraint: Member must"
                + " have length greater than or equal to 1; Value '' at 'streamName' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' failed"
                + " to satisfy constraint: Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> broker.addTagsToStream(new AddTagsToStreamRequest(new StreamRequest(null, null),
            null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must"
                + " not be null");
        final String longName = "a".repeat(129);
        assertThatThrownBy(() -> broker.addTagsToStream(longName, Map.of("a;b", "b")))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '" + longName + "' at 'streamName' failed to satisfy"
                + " constraint: Member must have length less than or equal to 128");
    }

    @Test
    void shouldRefuseMoreThanTwoHundredTagsInOneCall() {
        open().createStream("s", 1);
        final Map<String, String> tags = numbered(201);

        assertThatThrownBy(() -> broker.addTagsToStream("s", tags))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '" + tags + "' at 'tags' failed to satisfy constraint:"
                + " Member must have length less than or equal to 200");
    }

    @Test
    void shouldRefuseMoreThanFiftyTagsOnAStreamAndChangeNothing() {
        open().createStream("s", 1);
        broker.addTagsToStream("s", numbered(40));

        assertThatThrownBy(() -> broker.addTagsToStream("s", withNewKeys(11)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Failed to add tags to stream s under account 000000000000 because a given stream cannot have"
                + " more than 50 tags associated with it.");
        assertThat(broker.listTagsForStream("s").tags()).hasSize(40).contains(new Tag("k5", "5"));

        broker.addTagsToStream("s", withNewKeys(10));
        assertThat(broker.listTagsForStream("s").tags()).hasSize(50).contains(new Tag("k5", "new"));
        broker.addTagsToStream("s", Map.of("k1", "overwritten"));
        assertThat(broker.listTagsForStream("s").tags()).hasSize(50);
    }

    /** A new value for the existing key {@code k5}, and keys {@code x1} to {@code xN} the stream lacks. */
    private static Map<String, String> withNewKeys(final int count) {
        final Map<String, String> tags = new LinkedHashMap<>(Map.of("k5", "new"));
        for (int i = 1; i <= count; i++) {
            tags.put("x" + i, "");
        }
        return tags;
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc;def", "abc\tdef", "abc\ndef", "abc,def", "a*", "[x]"})
    void shouldRefuseCharactersOutsideTheAllowedSetInKeysValuesAndRemovedKeys(final String text) {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.addTagsToStream("s", Map.of(text, "1")))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(INVALID_CHARACTERS);
        assertThatThrownBy(() -> broker.addTagsToStream("s", Map.of("a", text)))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(INVALID_CHARACTERS);
        assertThatThrownBy(() -> broker.removeTagsFromStream("s", List.of(text)))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(INVALID_CHARACTERS);
        assertThat(broker.listTagsForStream("s").tags()).isEmpty();
    }

    @Test
    void shouldRefusePercentWithItsOwnMessage() {
        open().createStream("s", 1);
        final String added = "Failed to add tags to stream s under account 000000000000 because some tags contained"
            + " illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+',"
            + "'-','@'.";

        assertThatThrownBy(() -> broker.addTagsToStream("s", Map.of("abc%def", "1")))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(added);
        assertThatThrownBy(() -> broker.addTagsToStream("s", Map.of("a", "abc%def")))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(added);
        assertThatThrownBy(() -> broker.removeTagsFromStream("s", List.of("abc%def")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage(added.replace("Failed to add tags to", "Failed to remove tags from"));
        assertThatThrownBy(() -> broker.addTagsToStream("s", Map.of("a;%", "1")))
            .isInstanceOf(InvalidArgumentException.class).hasMessage(INVALID_CHARACTERS);
    }

    @Test
    void shouldAcceptUnicodeLettersDigitsSpacesAndTheDocumentedSymbols() {
        open().createStream("s", 1);

        broker.addTagsToStream("s", Map.of("ü0 _.", "a", "/=+-@", "a", "b", "ü0 _./=+-@", "app:team:x",
            "１２ Ωμέγα\u00a0"));

        assertThat(broker.listTagsForStream("s").tags()).hasSize(4);
    }

    @Test
    void shouldSayAStreamIsMissingBeforeLookingAtItsTags() {
        open();

        assertThatThrownBy(() -> broker.addTagsToStream("missing", Map.of("a;b", "1")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.removeTagsFromStream("missing", List.of(";")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.listTagsForStream(new ListTagsForStreamRequest(StreamRequest.of("missing"),
            "a", 1)))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.addTagsToStream(new AddTagsToStreamRequest(new StreamRequest(null, null),
            Map.of("a", "b"))))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Either StreamName or StreamARN must be provided.");
    }

    @Test
    void shouldCheckTheKeysToRemoveAsTheModelDoes() {
        open().createStream("s", 1);
        final String longKey = "a".repeat(129);
        final List<String> tooMany = new ArrayList<>(numbered(51).keySet());

        assertThatThrownBy(() -> broker.removeTagsFromStream(new RemoveTagsFromStreamRequest(
            new StreamRequest(null, null), null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member"
                + " must not be null");
        assertThatThrownBy(() -> broker.removeTagsFromStream(new RemoveTagsFromStreamRequest(
            new StreamRequest("", null), List.of())))
            .isInstanceOf(ValidationException.class)
            .hasMessageStartingWith("3 validation errors detected: Value '[]' at 'tagKeys' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1; Value '' at 'streamName'");
        assertThatThrownBy(() -> broker.removeTagsFromStream("s", List.of("a", longKey, "b")))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '[a, " + longKey + ", b]' at 'tagKeys' failed to satisfy"
                + " constraint: Member must satisfy constraint: [Member must have length less than or equal to 128,"
                + " Member must have length greater than or equal to 1]");
        assertThatThrownBy(() -> broker.removeTagsFromStream("s", tooMany))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '" + tooMany + "' at 'tagKeys' failed to satisfy"
                + " constraint: Member must have length less than or equal to 50");
    }

    @Test
    void shouldCheckTheListingAsTheModelDoes() {
        open().createStream("s", 1);
        final String longText = "a".repeat(129);

        assertThatThrownBy(() -> broker.listTagsForStream(new ListTagsForStreamRequest(new StreamRequest("", null),
            "", 0)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("4 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must"
                + " have value greater than or equal to 1; Value '' at 'exclusiveStartTagKey' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1; Value '' at 'streamName' failed"
                + " to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value ''"
                + " at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> list("s", longText, 51))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value '51' at 'limit' failed to satisfy constraint: Member"
                + " must have value less than or equal to 50; Value '" + longText + "' at 'exclusiveStartTagKey'"
                + " failed to satisfy constraint: Member must have length less than or equal to 128");
    }

    private ListTagsForStreamResult list(final String stream, final String after, final Integer limit) {
        return broker.listTagsForStream(new ListTagsForStreamRequest(StreamRequest.of(stream), after, limit));
    }

    static List<String> keys(final ListTagsForStreamResult result) {
        return result.tags().stream().map(Tag::key).toList();
    }

    /** Tags in the order given: keys and values alternate. */
    static Map<String, String> ordered(final String... keysAndValues) {
        final Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }

    /** Tags {@code k1=1} to {@code kN=N}. */
    static Map<String, String> numbered(final int count) {
        final Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            tags.put("k" + i, Integer.toString(i));
        }
        return tags;
    }
}
