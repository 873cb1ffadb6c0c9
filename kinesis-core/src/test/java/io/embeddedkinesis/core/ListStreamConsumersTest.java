package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.ExpiredNextTokenException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ConsumerStatus;
import io.embeddedkinesis.core.model.ListStreamConsumersRequest;
import io.embeddedkinesis.core.model.ListStreamConsumersResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ListStreamConsumers: consumers by name, pages of MaxResults (at most 100) with a NextToken, and the
 * stream's creation time.
 */
class ListStreamConsumersTest extends FanOutTestSupport {
    private static final String ARN = streamArn("s");

    @Test
    void shouldListConsumersByNameWithTheirStatus() {
        open(b -> b.consumerCreationDelayMs(1_000)).createStream("s", 1);
        register("s", "b");
        clock.advance(1_000);
        register("s", "a");

        final List<Consumer> consumers = broker.listStreamConsumers(ARN).consumers();

        assertThat(consumers).extracting(Consumer::consumerName).containsExactly("a", "b");
        assertThat(consumers).extracting(Consumer::consumerStatus)
            .containsExactly(ConsumerStatus.CREATING, ConsumerStatus.ACTIVE);
        assertThat(consumers.get(1).consumerCreationTimestamp()).isEqualTo(Instant.ofEpochMilli(START_MS));
    }

    @Test
    void shouldPageWithNextTokens() {
        open().createStream("s", 1);
        for (int i = 0; i < 7; i++) {
            register("s", "c" + i);
        }

        final List<String> names = new ArrayList<>();
        ListStreamConsumersResult page = broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, null, 3, null));
        int pages = 1;
        page.consumers().forEach(consumer -> names.add(consumer.consumerName()));
        while (page.nextToken() != null) {
            page = broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, page.nextToken(), 3, null));
            page.consumers().forEach(consumer -> names.add(consumer.consumerName()));
            pages++;
        }

        assertThat(names).containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void shouldListAtMostOneHundredAPageWhateverMaxResultsAsks() {
        open().createStream("s", 1);
        register("s", "only");

        final ListStreamConsumersResult page =
            broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, null, 10_000, null));

        assertThat(page.consumers()).hasSize(1);
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void shouldRefuseATokenThatExpiredOrBelongsToAnotherStream() {
        open().createStream("s", 1);
        broker.createStream("t", 1);
        register("s", "a");
        register("s", "b");
        final String token = broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, null, 1, null))
            .nextToken();

        assertThatThrownBy(() -> broker.listStreamConsumers(
            new ListStreamConsumersRequest(streamArn("t"), token, null, null)))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid NextToken.");
        clock.advance(300_001);
        assertThatThrownBy(() -> broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, token, null, null)))
            .isInstanceOf(ExpiredNextTokenException.class)
            .hasMessage("The NextToken has expired. NextTokens are valid for 300 seconds.");
    }

    @Test
    void shouldTellApartStreamsByCreationTime() {
        open().createStream("s", 1);
        register("s", "a");

        assertThat(broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, null, null,
            Instant.ofEpochMilli(START_MS))).consumers()).hasSize(1);
        assertThatThrownBy(() -> broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, null, null,
            Instant.ofEpochMilli(START_MS - 1))))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream s under account " + ACCOUNT + " not found.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal"
            + " to 1",
        "10001|Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or"
            + " equal to 10000"})
    void shouldRefuseMaxResultsOutsideOneToTenThousand(final int maxResults, final String error) {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.listStreamConsumers(new ListStreamConsumersRequest(ARN, null, maxResults,
            null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: " + error);
    }

    @Test
    void shouldNeedTheStreamArn() {
        open();

        assertThatThrownBy(() -> broker.listStreamConsumers(new ListStreamConsumersRequest(null, "", null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member"
                + " must not be null; Value '' at 'nextToken' failed to satisfy constraint: Member must have length"
                + " greater than or equal to 1");
    }
}
