package io.embeddedkinesis.server.protocol;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.ChildShard;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import io.embeddedkinesis.core.model.SubscribeToShardRequest;
import io.embeddedkinesis.core.stream.RequestPatterns;

import java.nio.ByteBuffer;
import java.util.List;

import static io.embeddedkinesis.server.protocol.MemberType.BOOLEAN;
import static io.embeddedkinesis.server.protocol.MemberType.STRING;
import static io.embeddedkinesis.server.protocol.MemberType.STRUCTURE;
import static io.embeddedkinesis.server.protocol.MemberType.TIMESTAMP;

/**
 * {@code SubscribeToShard}: the request, members in the order of the Kinesis model's shape, becomes the
 * broker's subscription, and each {@link SubscribeToShardEvent} it pushes becomes a {@code SubscribeToShardEvent}
 * message of the response's event stream, its members named as in the Kinesis model. Like
 * {@link KinesisOperations}, it only translates: the broker validates, refuses (a second subscription within 5
 * seconds, an unknown consumer) and words errors.
 *
 * <p>Thread-safe.
 */
final class SubscribeToShardOperation {
    /** The name of the event in the operation's event-stream union. */
    static final String EVENT_TYPE = "SubscribeToShardEvent";

    private final KinesisBroker broker;

    SubscribeToShardOperation(final KinesisBroker broker) {
        this.broker = broker;
    }

    /**
     * The operation, for the endpoint's table.
     *
     * @return the operation.
     */
    Operation operation() {
        return new Operation("SubscribeToShard", List.of(Member.of("ConsumerARN", STRING), Member.of("ShardId", STRING),
            new Member("StartingPosition", STRUCTURE, List.of(Member.of("Type", STRING),
                Member.of("SequenceNumber", STRING), Member.of("Timestamp", TIMESTAMP))),
            Member.of("DryRun", BOOLEAN)),
            null, this::open);
    }

    private EventStream<SubscribeToShardEvent> open(final RequestReader in, final WireFormat format) {
        final SubscribeToShardRequest request = new SubscribeToShardRequest(in.string("ConsumerARN"),
            in.string("ShardId"), startingPosition(in));
        if (Boolean.TRUE.equals(in.bool("DryRun"))) {
            broker.dryRunSubscribeToShard(request);
        }
        return new EventStream<>(broker.subscribeToShard(request), event -> encode(format, event));
    }

    /**
     * The starting position; a type outside the enum is a model violation, worded as the service words
     * {@code GetShardIterator}'s.
     */
    private static StartingPosition startingPosition(final RequestReader in) {
        final RequestReader position = in.structure("StartingPosition");
        if (position == null) {
            return null;
        }
        final String type = position.string("Type");
        if (type != null && !KinesisOperations.ITERATOR_TYPES.contains(type)) {
            new ValidationErrors()
                .string("consumerARN", in.string("ConsumerARN"), true, RequestPatterns.CONSUMER_ARN,
                    RequestPatterns.CONSUMER_ARN_TEXT, 1, 2048)
                .string("shardId", in.string("ShardId"), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1, 128)
                .add("startingPosition.type", type, "Member must satisfy enum value set: "
                    + KinesisOperations.ITERATOR_TYPES)
                .string("startingPosition.sequenceNumber", position.string("SequenceNumber"), false,
                    RequestPatterns.SEQUENCE_NUMBER, RequestPatterns.SEQUENCE_NUMBER_TEXT, 0, Integer.MAX_VALUE)
                .throwIfAny();
        }
        return new StartingPosition(type == null ? null : ShardIteratorType.valueOf(type),
            position.string("SequenceNumber"), position.timestamp("Timestamp"));
    }

    /**
     * One event as its message: Records (each as in GetRecords), ContinuationSequenceNumber, MillisBehindLatest
     * and, at a closed shard's end, ChildShards.
     *
     * @param format the request's encoding.
     * @param event  the broker's event.
     * @return the encoded message.
     */
    static ByteBuffer encode(final WireFormat format, final SubscribeToShardEvent event) {
        final ResponseWriter out = new ResponseWriter(format);
        out.startArray("Records");
        for (final Record record : event.records()) {
            ModelWriter.record(out, record);
        }
        out.endArray()
            .string("ContinuationSequenceNumber", event.continuationSequenceNumber())
            .number("MillisBehindLatest", event.millisBehindLatest());
        if (!event.childShards().isEmpty()) {
            out.startArray("ChildShards");
            for (final ChildShard child : event.childShards()) {
                ModelWriter.childShard(out, child);
            }
            out.endArray();
        }
        return EventStreamMessages.event(format, EVENT_TYPE, out.toBytes());
    }
}
