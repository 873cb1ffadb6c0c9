package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the members of one request document (or of one structure inside it), after checking that each
 * declared member has the JSON type the model gives it, as the service does before anything else.
 *
 * <p>Members the shape does not declare are ignored, and {@code null} counts as absent, as in the service.
 * Type errors are worded as the service words them (see {@link MemberType}). Not thread-safe; one per
 * request.
 */
public final class RequestReader {
    private static final Pattern BASE64_BAD_CHARACTER = Pattern.compile("[^a-zA-Z0-9+/=]|=[^=]");
    private static final String NON_CANONICAL = "Invalid last non-pad Base64 character dectected";
    private static final String NUMBER_CLASS = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";

    private final JsonNode document;
    private final WireFormat format;

    /**
     * @param document the request document, an object.
     * @param format   the encoding it arrived in.
     */
    public RequestReader(final JsonNode document, final WireFormat format) {
        this.document = document;
        this.format = format;
    }

    /**
     * Checks every declared member's type, in order, and fails on the first wrong one.
     *
     * @param members the shape's members, in the service's order.
     * @return this reader.
     * @throws SerializationException naming the first member of the wrong type.
     */
    public RequestReader checkTypes(final List<Member> members) {
        for (final Member member : members) {
            final JsonNode value = document.get(member.name());
            if (member.type() == MemberType.BLOB && value != null && value.isTextual()) {
                // Decoded once, here: the handler then reads the bytes without decoding again.
                ((ObjectNode) document).set(member.name(), BinaryNode.valueOf(decodeBase64(value.asText())));
            } else {
                check(value, member);
            }
        }
        return this;
    }

    private void check(final JsonNode value, final Member member) {
        if (value == null || value.isNull()) {
            return;
        }
        final MemberType type = member.type();
        switch (type) {
            case LIST, STRING_LIST -> {
                if (!value.isArray()) {
                    throw new SerializationException(value.isObject()
                        ? "Start of structure or map found where not expected." : "Expected list or null");
                }
                final Member element = type == MemberType.LIST
                    ? new Member(member.name(), MemberType.STRUCTURE, member.children())
                    : Member.of(member.name(), MemberType.STRING);
                for (final JsonNode item : value) {
                    check(item, element);
                }
            }
            case STRING_MAP -> {
                if (value.isArray()) {
                    throw new SerializationException("Start of list found where not expected");
                }
                if (!value.isObject()) {
                    throw new SerializationException("Expected map or null");
                }
                for (final JsonNode entry : value) {
                    check(entry, Member.of(member.name(), MemberType.STRING));
                }
            }
            case STRUCTURE -> {
                if (value.isArray()) {
                    throw new SerializationException("Start of list found where not expected");
                }
                if (!value.isObject()) {
                    throw new SerializationException("Expected null");
                }
                new RequestReader(value, format).checkTypes(member.children());
            }
            default -> checkScalar(value, type);
        }
    }

    private void checkScalar(final JsonNode value, final MemberType type) {
        if (value.isArray()) {
            throw new SerializationException("Start of list found where not expected");
        }
        if (value.isObject()) {
            throw new SerializationException("Start of structure or map found where not expected.");
        }
        final boolean accepted = switch (type) {
            case STRING -> value.isTextual();
            case INTEGER, LONG, TIMESTAMP -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case BLOB -> value.isBinary();
            default -> false;
        };
        if (accepted) {
            return;
        }
        if (value.isBoolean()) {
            throw new SerializationException("class java.lang.Boolean can not be converted to " + type.javaName());
        }
        if (value.isNumber()) {
            throw new SerializationException(NUMBER_CLASS + " can not be converted to " + type.javaName());
        }
        if (type == MemberType.BOOLEAN) {
            throw new SerializationException("'" + value.asText().toUpperCase(Locale.ROOT)
                + "' can not be converted to an Boolean");
        }
        throw new SerializationException("class java.lang.String can not be converted to " + type.javaName());
    }

    /**
     * Decodes base64 text, refusing what the service refuses with its messages: a length that is not a
     * multiple of four, a character outside the alphabet (or padding before the end), and a last character
     * whose unused bits are not zero (a non-canonical encoding).
     */
    static byte[] decodeBase64(final String text) {
        if (text.length() % 4 != 0) {
            throw blobError(text, "Base64 encoded length is expected a multiple of 4 bytes but found: "
                + text.length());
        }
        final byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (final IllegalArgumentException ex) {
            final Matcher bad = BASE64_BAD_CHARACTER.matcher(text);
            throw bad.find() ? blobError(text, "Invalid Base64 character: '" + bad.group().charAt(0) + "'")
                : blobError(text, NON_CANONICAL);
        }
        final int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        if (padding > 0 && !isCanonicalBeforePadding(text.charAt(text.length() - padding - 1), padding)) {
            throw blobError(text, NON_CANONICAL);
        }
        return decoded;
    }

    /**
     * Whether the last character before a base64 value's padding leaves its unused bits zero, as the one
     * canonical encoding does (the service refuses any other).
     *
     * @param last    the character, from the base64 alphabet.
     * @param padding how many {@code =} follow it: 1 or 2.
     * @return true if canonical.
     */
    static boolean isCanonicalBeforePadding(final char last, final int padding) {
        final int unusedBits = padding == 2 ? 0xF : 0x3;
        return (alphabetIndex(last) & unusedBits) == 0;
    }

    private static int alphabetIndex(final char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : 63;
    }

    private static SerializationException blobError(final String text, final String reason) {
        return new SerializationException("'" + text + "' can not be converted to a Blob: " + reason);
    }

    /**
     * A string member.
     *
     * @param name the member's name.
     * @return its value, or null if absent.
     */
    public String string(final String name) {
        final JsonNode value = document.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * An integer member; fractions are dropped and values capped at the int range, as the service does.
     *
     * @param name the member's name.
     * @return its value, or null if absent.
     */
    public Integer integer(final String name) {
        final JsonNode value = document.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        final double number = Math.floor(value.asDouble());
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number));
    }

    /**
     * A boolean member.
     *
     * @param name the member's name.
     * @return its value, or null if absent.
     */
    public Boolean bool(final String name) {
        final JsonNode value = document.get(name);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    /**
     * A blob member.
     *
     * @param name the member's name.
     * @return its bytes, or null if absent.
     */
    public byte[] blob(final String name) {
        final JsonNode value = document.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return value.isBinary() ? value.binaryValue() : decodeBase64(value.asText());
        } catch (final java.io.IOException ex) {
            throw new SerializationException(ex.getMessage());
        }
    }

    /**
     * A timestamp member: epoch seconds (with a fraction) in JSON, epoch milliseconds in CBOR.
     *
     * @param name the member's name.
     * @return the time, or null if absent.
     */
    public Instant timestamp(final String name) {
        final JsonNode value = document.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (format == WireFormat.CBOR) {
            return Instant.ofEpochMilli(value.asLong());
        }
        return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }

    /**
     * A list of structures.
     *
     * @param name the member's name.
     * @return a reader per element, or null if absent.
     */
    public List<RequestReader> list(final String name) {
        final JsonNode value = document.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        final List<RequestReader> elements = new ArrayList<>(value.size());
        for (final JsonNode element : value) {
            elements.add(element.isNull() ? null : new RequestReader(element, format));
        }
        return elements;
    }

    /**
     * A list of strings; a null element stays null.
     *
     * @param name the member's name.
     * @return the strings in order, or null if absent.
     */
    public List<String> stringList(final String name) {
        final JsonNode value = document.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        final List<String> elements = new ArrayList<>(value.size());
        for (final JsonNode element : value) {
            elements.add(element.isNull() ? null : element.asText());
        }
        return elements;
    }

    /**
     * A map from strings to strings, in the order the request gives its entries; a null value stays null.
     *
     * @param name the member's name.
     * @return the entries, or null if absent.
     */
    public Map<String, String> stringMap(final String name) {
        final JsonNode value = document.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        final Map<String, String> entries = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> entry : value.properties()) {
            entries.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText());
        }
        return entries;
    }

    /**
     * A structure member.
     *
     * @param name the member's name.
     * @return a reader of the structure, or null if absent.
     */
    public RequestReader structure(final String name) {
        final JsonNode value = document.get(name);
        return value == null || value.isNull() ? null : new RequestReader(value, format);
    }
}
