package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationErrors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kinesis's rules for tags, in the two layers the service has. The model's constraints (how many tags a
 * call carries, how long keys and values are) fail as a {@code ValidationException} before anything is
 * looked up. The service's own rules (which characters, how many tags a stream may have) are checked once
 * the stream is found, and fail as an {@code InvalidArgumentException}.
 *
 * <p>The texts are the real service's, as kinesalite's tests recorded them against AWS (about 2016-2018),
 * except where a comment says otherwise. Stateless.
 */
final class TagValidator {
    /** The most tags a stream may have. */
    static final int MAX_TAGS_PER_STREAM = 50;
    /** The most tags one call may add ({@code TagMap} in the model). */
    static final int MAX_TAGS_PER_CALL = 200;
    /** The most keys one call may remove ({@code TagKeyList} in the model). */
    static final int MAX_KEYS_PER_CALL = 50;
    /** The longest tag key. */
    static final int MAX_KEY_LENGTH = 128;
    /** The longest tag value. */
    static final int MAX_VALUE_LENGTH = 256;
    /** The kind of resource stream tags belong to, as messages name it. */
    static final String STREAM = "stream";
    /** The kind of resource consumer tags belong to, as messages name it. */
    static final String CONSUMER = "consumer";

    /**
     * Unicode letters, digits, white space and {@code _ . : / = + - @}: the characters today's
     * {@code TagResource} documentation allows (the pattern of AWS tags in general). {@code %} passes here
     * because the service refuses it with a message of its own; tab and newline are not white space to it.
     */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*");

    /**
     * The service's text for characters outside {@link #ALLOWED}. It predates ':' being allowed and lists
     * '%', which is refused with {@link #illegalCharacters}; no newer text was found, so it is kept as recorded.
     */
    private static final String INVALID_CHARACTERS = "Some tags contain invalid characters. Valid characters: "
        + "Unicode letters, digits, white space, _ . / = + - % @.";

    private TagValidator() {
    }

    /** What a call does with tags, as the service's messages say it. */
    enum Action {
        /** AddTagsToStream, TagResource, and CreateStream's tags. */
        ADD("add tags to"),
        /** RemoveTagsFromStream and UntagResource. */
        REMOVE("remove tags from");

        private final String words;

        Action(final String words) {
            this.words = words;
        }
    }

    /**
     * Adds the model's checks of a tag map ({@code Tags}) to a request's checks: present if required, 1 to
     * 200 entries, keys of 1 to 128 characters and values of up to 256. The map is shown as Java shows it,
     * {@code {key=value, ...}}, as the service shows it.
     *
     * @param errors   the request's checks so far.
     * @param tags     the tags, or null if absent.
     * @param required whether absence is an error.
     * @return {@code errors}, for chaining.
     */
    static ValidationErrors checkTagMap(final ValidationErrors errors, final Map<String, String> tags,
        final boolean required) {
        if (tags == null) {
            return required ? errors.notNull("tags", false) : errors;
        }
        final String shown = tags.toString();
        if (tags.isEmpty()) {
            errors.add("tags", shown, "Member must have length greater than or equal to 1");
        }
        if (tags.size() > MAX_TAGS_PER_CALL) {
            errors.add("tags", shown, "Member must have length less than or equal to " + MAX_TAGS_PER_CALL);
        }
        if (!tags.keySet().stream().allMatch(TagValidator::isValidKey)) {
            errors.add("tags", shown, "Map keys must satisfy constraint: [Member must have length less than or equal"
                + " to " + MAX_KEY_LENGTH + ", Member must have length greater than or equal to 1]");
        }
        if (!tags.values().stream().allMatch(value -> value == null || value.length() <= MAX_VALUE_LENGTH)) {
            errors.add("tags", shown, "Map value must satisfy constraint: [Member must have length less than or"
                + " equal to " + MAX_VALUE_LENGTH + ", Member must have length greater than or equal to 0]");
        }
        return errors;
    }

    /**
     * Adds the model's checks of a key list ({@code TagKeys}) to a request's checks: present, 1 to 50 keys,
     * each of 1 to 128 characters. The list is shown as Java shows it, {@code [a, b]}.
     *
     * @param errors the request's checks so far.
     * @param keys   the keys, or null if absent.
     * @return {@code errors}, for chaining.
     */
    static ValidationErrors checkTagKeys(final ValidationErrors errors, final List<String> keys) {
        if (keys == null) {
            return errors.notNull("tagKeys", false);
        }
        final String shown = keys.toString();
        if (keys.isEmpty()) {
            errors.add("tagKeys", shown, "Member must have length greater than or equal to 1");
        }
        if (keys.size() > MAX_KEYS_PER_CALL) {
            errors.add("tagKeys", shown, "Member must have length less than or equal to " + MAX_KEYS_PER_CALL);
        }
        if (!keys.stream().allMatch(TagValidator::isValidKey)) {
            errors.add("tagKeys", shown, "Member must satisfy constraint: [Member must have length less than or"
                + " equal to " + MAX_KEY_LENGTH + ", Member must have length greater than or equal to 1]");
        }
        return errors;
    }

    private static boolean isValidKey(final String key) {
        return key != null && !key.isEmpty() && key.length() <= MAX_KEY_LENGTH;
    }

    /**
     * Applies tags to a stream's current ones, with the service's rules: allowed characters in keys and
     * values, and at most 50 tags once the new keys join the existing ones (a key the stream has already
     * is overwritten and does not count twice). A null value is an empty one.
     *
     * @param streamName the stream's name, for messages.
     * @param accountId  the account, for messages.
     * @param current    the stream's tags.
     * @param added      the tags to add, already through {@link #checkTagMap}.
     * @return the stream's tags after the change.
     * @throws InvalidArgumentException if a rule is broken.
     */
    static Map<String, String> added(final String streamName, final String accountId,
        final Map<String, String> current, final Map<String, String> added) {
        return added(STREAM, streamName, accountId, current, added);
    }

    /**
     * Applies tags to a resource's current ones, with the rules of {@link #added(String, String, Map, Map)}.
     * The messages name the resource by its kind; for a consumer the service's texts were not found, so they
     * are the stream's with the kind changed (inferred).
     *
     * @param kind      {@code stream} or {@code consumer}, for messages.
     * @param name      the resource's name, for messages.
     * @param accountId the account, for messages.
     * @param current   the resource's tags.
     * @param added     the tags to add, already through {@link #checkTagMap}.
     * @return the resource's tags after the change.
     * @throws InvalidArgumentException if a rule is broken.
     */
    static Map<String, String> added(final String kind, final String name, final String accountId,
        final Map<String, String> current, final Map<String, String> added) {
        final List<String> texts = new ArrayList<>(added.keySet());
        for (final String value : added.values()) {
            texts.add(value == null ? "" : value);
        }
        checkCharacters(texts, kind, name, accountId, Action.ADD);
        final Map<String, String> changed = new HashMap<>(current);
        added.forEach((key, value) -> changed.put(key, value == null ? "" : value));
        if (changed.size() > MAX_TAGS_PER_STREAM) {
            // Kinesalite's PR #54 (2017) found AWS enforcing 50 while its text still said 10; the text is
            // given with the limit actually enforced, as no later AWS sample was found.
            throw new InvalidArgumentException("Failed to add tags to " + kind + " " + name + " under account "
                + accountId + " because a given " + kind + " cannot have more than " + MAX_TAGS_PER_STREAM
                + " tags associated with it.");
        }
        return changed;
    }

    /**
     * Removes keys from a stream's current tags, after checking their characters; keys the stream does
     * not have are ignored.
     *
     * @param streamName the stream's name, for messages.
     * @param accountId  the account, for messages.
     * @param current    the stream's tags.
     * @param keys       the keys to remove, already through {@link #checkTagKeys}.
     * @return the stream's tags after the change.
     * @throws InvalidArgumentException if a key has a character the service refuses.
     */
    static Map<String, String> removed(final String streamName, final String accountId,
        final Map<String, String> current, final List<String> keys) {
        return removed(STREAM, streamName, accountId, current, keys);
    }

    /**
     * Removes keys from a resource's current tags, as {@link #removed(String, String, Map, List)} does.
     *
     * @param kind      {@code stream} or {@code consumer}, for messages.
     * @param name      the resource's name, for messages.
     * @param accountId the account, for messages.
     * @param current   the resource's tags.
     * @param keys      the keys to remove, already through {@link #checkTagKeys}.
     * @return the resource's tags after the change.
     * @throws InvalidArgumentException if a key has a character the service refuses.
     */
    static Map<String, String> removed(final String kind, final String name, final String accountId,
        final Map<String, String> current, final List<String> keys) {
        checkCharacters(keys, kind, name, accountId, Action.REMOVE);
        final Map<String, String> changed = new HashMap<>(current);
        keys.forEach(changed::remove);
        return changed;
    }

    /**
     * Refuses characters the service refuses: first anything outside the allowed set, then {@code %},
     * which has a message of its own.
     */
    private static void checkCharacters(final Collection<String> texts, final String kind, final String name,
        final String accountId, final Action action) {
        if (!texts.stream().allMatch(text -> ALLOWED.matcher(text).matches())) {
            throw new InvalidArgumentException(INVALID_CHARACTERS);
        }
        if (texts.stream().anyMatch(text -> text.indexOf('%') >= 0)) {
            throw new InvalidArgumentException(illegalCharacters(kind, name, accountId, action));
        }
    }

    private static String illegalCharacters(final String kind, final String name, final String accountId,
        final Action action) {
        return "Failed to " + action.words + " " + kind + " " + name + " under account " + accountId
            + " because some tags contained illegal characters. The allowed characters are Unicode letters,"
            + " white-spaces, '_',',','/','=','+','-','@'.";
    }
}
