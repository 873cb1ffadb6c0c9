package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.ExpiredNextTokenException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.ListShardsResult;
import io.embeddedkinesis.core.model.ListStreamsRequest;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.StreamRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListShardsTest extends BrokerTestSupport {
    @Test
    void shouldListEveryShardAcrossPages() {
        open().createStream("s", 7);
        final List<String> seen = new ArrayList<>();

        ListShardsResult page = broker.listShards(new ListShardsRequest(StreamRequest.of("s"), null, null, 3, null,
            null));
        page.shards().forEach(shard -> seen.add(shard.shardId()));
        while (page.nextToken() != null) {
            page = broker.listShards(new ListShardsRequest(null, page.nextToken(), null, 3, null, null));
            page.shards().forEach(shard -> seen.add(shard.shardId()));
        }

        assertThat(seen).containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002",
            "shardId-000000000003", "shardId-000000000004", "shardId-000000000005", "shardId-000000000006");
    }

    @Test
    void shouldListShardsAfterAnExclusiveStartShardId() {
        open().createStream("s", 4);

        final ListShardsResult result = broker.listShards(
            new ListShardsRequest(StreamRequest.of("s"), null, "shardId-000000000001", null, null, null));

        assertThat(result.shards()).extracting(Shard::shardId)
            .containsExactly("shardId-000000000002", "shardId-000000000003");
        assertThat(result.nextToken()).isNull();
    }

    @Test
    void shouldExpireTokensAfterFiveMinutes() {
        open().createStream("s", 4);
        final String token = broker.listShards(new ListShardsRequest(StreamRequest.of("s"), null, null, 1,
            null, null)).nextToken();
        clock.advance(300_001);

        assertThatThrownBy(() -> broker.listShards(new ListShardsRequest(null, token, null, null, null, null)))
            .isInstanceOf(ExpiredNextTokenException.class);
    }

    @Test
    void shouldRefuseTokensCombinedWithAStreamOrOfAnotherListing() {
        open().createStream("s", 4);
        broker.createStream("t", 1);
        broker.createStream("u", 1);
        final String token = broker.listShards(new ListShardsRequest(StreamRequest.of("s"), null, null, 1,
            null, null)).nextToken();
        final String streamsToken = broker.listStreams(new ListStreamsRequest(1, null, null)).nextToken();

        assertThatThrownBy(() -> broker.listShards(new ListShardsRequest(StreamRequest.of("s"), token, null, null,
            null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("NextToken and StreamName cannot be provided together.");
        assertThatThrownBy(() -> broker.listShards(new ListShardsRequest(null, token, "shardId-000000000000", null,
            null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("NextToken and ExclusiveStartShardId cannot be provided together.");
        assertThatThrownBy(() -> broker.listShards(new ListShardsRequest(null, streamsToken, null, null, null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Invalid NextToken.");
        assertThatThrownBy(() -> broker.listShards(new ListShardsRequest(null, null, null, null, null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Either NextToken or StreamName should be provided.");
    }

    @Test
    void shouldValidateMaxResultsAndTheStream() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.listShards(new ListShardsRequest(StreamRequest.of("s"), null, null, 0, null,
            null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member"
                + " must have value greater than or equal to 1");
        assertThatThrownBy(() -> broker.listShards("missing"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.listShards(new ListShardsRequest(StreamRequest.of("a".repeat(129)), "",
            "b".repeat(129), 100_000, null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("4 validation errors detected: Value '100000' at 'maxResults' failed to satisfy constraint:"
                + " Member must have value less than or equal to 10000; Value '" + "b".repeat(129) + "' at"
                + " 'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or equal"
                + " to 128; Value '" + "a".repeat(129) + "' at 'streamName' failed to satisfy constraint: Member must"
                + " have length less than or equal to 128; Value '' at 'nextToken' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 1");
    }

    @Test
    void shouldTellStreamIncarnationsApartByCreationTimestamp() {
        open().createStream("s", 1);
        final Instant created = broker.describeStreamSummary("s").streamCreationTimestamp();

        assertThat(broker.listShards(new ListShardsRequest(StreamRequest.of("s"), null, null, null, created,
            null)).shards())
            .hasSize(1);
        assertThatThrownBy(() -> broker.listShards(
            new ListShardsRequest(StreamRequest.of("s"), null, null, null, created.plusMillis(1), null)))
            .isInstanceOf(ResourceNotFoundException.class);
    }
}
