package io.embeddedkinesis.core.fanout;

import io.embeddedkinesis.core.exception.ExpiredNextTokenException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ListStreamConsumersRequest;
import io.embeddedkinesis.core.model.ListStreamConsumersResult;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.stream.RequestPatterns;
import io.embeddedkinesis.core.stream.Stream;
import io.embeddedkinesis.core.stream.StreamCatalog;
import io.embeddedkinesis.core.stream.StreamRegistry;
import io.embeddedkinesis.core.token.PagingToken;
import io.embeddedkinesis.core.token.TokenCipher;
import org.agrona.concurrent.EpochClock;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ListStreamConsumers}: a stream's consumers by name, at most {@value #PAGE} a page, with a sealed
 * {@code NextToken} that is valid for 5 minutes like every other listing's, and bound to the stream it
 * lists.
 *
 * <p>Thread-safe: each call lists a snapshot of the registry.
 */
public final class ConsumerListing {
    /** The most consumers one page holds, whatever {@code MaxResults} asks for. */
    private static final int PAGE = 100;

    private final ConsumerRegistry consumers;
    private final StreamRegistry streams;
    private final TokenCipher cipher;
    private final EpochClock clock;

    /**
     * @param consumers the consumers.
     * @param streams   the streams.
     * @param cipher    seals the tokens.
     * @param clock     the broker's clock, for token expiry and statuses.
     */
    public ConsumerListing(final ConsumerRegistry consumers, final StreamRegistry streams, final TokenCipher cipher,
        final EpochClock clock) {
        this.consumers = consumers;
        this.streams = streams;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Lists a stream's consumers, a page at a time.
     *
     * @param request the stream's ARN, the previous page's token and the page size.
     * @return the consumers on the page, and the token of the next one.
     */
    public ListStreamConsumersResult listStreamConsumers(final ListStreamConsumersRequest request) {
        new ValidationErrors()
            .string("streamARN", request.streamARN(), true, RequestPatterns.STREAM_ARN,
                RequestPatterns.STREAM_ARN_TEXT, 1, 2048)
            .string("nextToken", request.nextToken(), false, null, null, 1, 1_048_576)
            .number("maxResults", request.maxResults() == null ? null : request.maxResults().longValue(), false, 1,
                10_000)
            .throwIfAny();
        final Stream stream = streams.find(new StreamRequest(null, request.streamARN()));
        if (request.streamCreationTimestamp() != null
            && request.streamCreationTimestamp().toEpochMilli() != stream.createdAtMs()) {
            throw streams.notFound(stream.streamName());
        }
        final long nowMs = clock.time();
        final String after = request.nextToken() == null ? null : openToken(request.nextToken(), stream, nowMs);
        final int limit = Math.min(request.maxResults() == null ? PAGE : request.maxResults(), PAGE);
        final List<Consumer> page = new ArrayList<>();
        boolean more = false;
        for (final StreamConsumer consumer : consumers.consumersOf(stream)) {
            if (after != null && consumer.consumerName().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(consumer.toConsumer(nowMs));
        }
        final String nextToken = more ? new PagingToken(PagingToken.Kind.CONSUMERS, stream.streamName(),
            stream.streamTag(), page.get(page.size() - 1).consumerName(), nowMs).seal(cipher) : null;
        return new ListStreamConsumersResult(page, nextToken);
    }

    /**
     * The last consumer of the previous page. The texts are the other listings'; a token of another stream is
     * refused as an invalid one (inferred: no sample was found).
     */
    private String openToken(final String text, final Stream stream, final long nowMs) {
        final PagingToken token = PagingToken.open(cipher, PagingToken.Kind.CONSUMERS, text);
        if (token == null || !token.streamName().equals(stream.streamName())
            || token.streamTag() != stream.streamTag()) {
            throw new InvalidArgumentException("Invalid NextToken.");
        }
        if (nowMs - token.issuedAtMs() > StreamCatalog.NEXT_TOKEN_TTL_MS) {
            throw new ExpiredNextTokenException("The NextToken has expired. NextTokens are valid for "
                + StreamCatalog.NEXT_TOKEN_TTL_MS / 1000 + " seconds.");
        }
        return token.exclusiveStart();
    }
}
