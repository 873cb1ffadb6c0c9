package io.embeddedkinesis.server.protocol;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ConsumerDescription;
import io.embeddedkinesis.core.model.ListStreamConsumersRequest;
import io.embeddedkinesis.core.model.ListStreamConsumersResult;
import io.embeddedkinesis.core.model.RegisterStreamConsumerRequest;
import io.embeddedkinesis.core.model.StreamConsumerRequest;

import static io.embeddedkinesis.server.protocol.MemberType.INTEGER;
import static io.embeddedkinesis.server.protocol.MemberType.STRING;
import static io.embeddedkinesis.server.protocol.MemberType.STRING_MAP;
import static io.embeddedkinesis.server.protocol.MemberType.TIMESTAMP;

/**
 * The enhanced fan-out consumer operations: {@code RegisterStreamConsumer}, {@code DescribeStreamConsumer},
 * {@code ListStreamConsumers} and {@code DeregisterStreamConsumer}, members in the order of the Kinesis
 * model's shapes. Like {@link KinesisOperations}, it only translates: the broker validates and words errors.
 *
 * <p>Thread-safe.
 */
final class ConsumerOperations {
    private static final Member STREAM_ARN = Member.of("StreamARN", STRING);
    private static final Member CONSUMER_NAME = Member.of("ConsumerName", STRING);
    private static final Member CONSUMER_ARN = Member.of("ConsumerARN", STRING);

    private final KinesisBroker broker;

    ConsumerOperations(final KinesisBroker broker) {
        this.broker = broker;
    }

    /** Adds an operation to an endpoint's table. */
    @FunctionalInterface
    interface Registrar {
        /**
         * Adds an operation.
         *
         * @param name    the operation's name.
         * @param handler serves it.
         * @param members its request's members, in the model's order.
         */
        void add(String name, Operation.Handler handler, Member... members);
    }

    /**
     * Adds the four operations.
     *
     * @param registrar the endpoint's table.
     */
    void registerWith(final Registrar registrar) {
        registrar.add("RegisterStreamConsumer", (in, out) -> consumer(out, "Consumer", broker.registerStreamConsumer(
                new RegisterStreamConsumerRequest(in.string("StreamARN"), in.string("ConsumerName"),
                    in.stringMap("Tags")))),
            STREAM_ARN, CONSUMER_NAME, Member.of("Tags", STRING_MAP));
        registrar.add("DescribeStreamConsumer", (in, out) -> description(out,
                broker.describeStreamConsumer(consumerRequest(in))),
            STREAM_ARN, CONSUMER_NAME, CONSUMER_ARN);
        registrar.add("DeregisterStreamConsumer", (in, out) -> broker.deregisterStreamConsumer(consumerRequest(in)),
            STREAM_ARN, CONSUMER_NAME, CONSUMER_ARN);
        registrar.add("ListStreamConsumers", this::listStreamConsumers,
            STREAM_ARN, Member.of("NextToken", STRING), Member.of("MaxResults", INTEGER),
            Member.of("StreamCreationTimestamp", TIMESTAMP));
    }

    private static StreamConsumerRequest consumerRequest(final RequestReader in) {
        return new StreamConsumerRequest(in.string("StreamARN"), in.string("ConsumerName"), in.string("ConsumerARN"));
    }

    private void listStreamConsumers(final RequestReader in, final ResponseWriter out) {
        final ListStreamConsumersResult result = broker.listStreamConsumers(new ListStreamConsumersRequest(
            in.string("StreamARN"), in.string("NextToken"), in.integer("MaxResults"),
            in.timestamp("StreamCreationTimestamp")));
        out.startArray("Consumers");
        for (final Consumer consumer : result.consumers()) {
            consumer(out, null, consumer);
        }
        out.endArray().string("NextToken", result.nextToken());
    }

    private static void consumer(final ResponseWriter out, final String name, final Consumer consumer) {
        (name == null ? out.startObject() : out.startObject(name))
            .string("ConsumerName", consumer.consumerName())
            .string("ConsumerARN", consumer.consumerARN())
            .string("ConsumerStatus", consumer.consumerStatus().name());
        ModelWriter.timestamp(out, "ConsumerCreationTimestamp", consumer.consumerCreationTimestamp());
        out.endObject();
    }

    private static void description(final ResponseWriter out, final ConsumerDescription description) {
        out.startObject("ConsumerDescription")
            .string("ConsumerName", description.consumerName())
            .string("ConsumerARN", description.consumerARN())
            .string("ConsumerStatus", description.consumerStatus().name());
        ModelWriter.timestamp(out, "ConsumerCreationTimestamp", description.consumerCreationTimestamp());
        out.string("StreamARN", description.streamARN()).endObject();
    }
}
