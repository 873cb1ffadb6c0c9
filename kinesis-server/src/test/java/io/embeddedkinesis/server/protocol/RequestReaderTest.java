package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The type checks and readers of string maps ({@code Tags}) and string lists ({@code TagKeys}).
 */
class RequestReaderTest {
    private static final List<Member> MEMBERS =
        List.of(Member.of("Tags", MemberType.STRING_MAP), Member.of("TagKeys", MemberType.STRING_LIST));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Tags\":\"a\"} | Expected map or null",
        "{\"Tags\":1} | Expected map or null",
        "{\"Tags\":[\"a\"]} | Start of list found where not expected",
        "{\"Tags\":{\"a\":1}} | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted"
            + " to an String",
        "{\"Tags\":{\"a\":{}}} | Start of structure or map found where not expected.",
        "{\"TagKeys\":\"a\"} | Expected list or null",
        "{\"TagKeys\":{\"a\":\"b\"}} | Start of structure or map found where not expected.",
        "{\"TagKeys\":[true]} | class java.lang.Boolean can not be converted to an String",
        "{\"TagKeys\":[[\"a\"]]} | Start of list found where not expected",
    })
    void shouldNameMapsAndListsOfTheWrongTypeAsTheServiceDoes(final String body, final String message) {
        assertThatThrownBy(() -> reader(body).checkTypes(MEMBERS))
            .isInstanceOf(SerializationException.class)
            .hasMessage(message);
    }

    @Test
    void shouldReadMapsInRequestOrderAndListsWithTheirNulls() {
        final RequestReader reader = reader("{\"Tags\":{\"z\":\"1\",\"a\":\"\",\"m\":null},"
            + "\"TagKeys\":[\"b\",null,\"a\"]}").checkTypes(MEMBERS);

        final Map<String, String> tags = reader.stringMap("Tags");
        assertThat(tags.keySet()).containsExactly("z", "a", "m");
        assertThat(tags.values()).containsExactly("1", "", null);
        assertThat(reader.stringList("TagKeys")).isEqualTo(Arrays.asList("b", null, "a"));
    }

    @Test
    void shouldReadAbsentAndNullMembersAsAbsent() {
        final RequestReader reader = reader("{\"Tags\":null}").checkTypes(MEMBERS);

        assertThat(reader.stringMap("Tags")).isNull();
        assertThat(reader.stringList("TagKeys")).isNull();
    }

    private static RequestReader reader(final String json) {
        try {
            final JsonNode document = WireFormat.JSON.mapper().readTree(json);
            return new RequestReader(document, WireFormat.JSON);
        } catch (final java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
