package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.Record;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events and the context a function gets are the ones Lambda gives it, so an unchanged handler reads
 * them as it does in Lambda.
 */
class EventShapeTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    @Test
    void shouldBuildEachEventRecordAsLambdaDoes() {
        openBroker().createStream("s", 1);
        final PutRecordResult put = put("s", "user-1", "hello");
        final Record stored = readAll("s").get(0);
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), handler);

        drive(mapping);

        final KinesisEvent.KinesisEventRecord record = handler.events.get(0).getRecords().get(0);
        assertThat(record.getEventSource()).isEqualTo("aws:kinesis");
        assertThat(record.getEventVersion()).isEqualTo("1.0");
        assertThat(record.getEventID()).isEqualTo(SHARD_0 + ":" + put.sequenceNumber());
        assertThat(record.getEventName()).isEqualTo("aws:kinesis:record");
        assertThat(record.getInvokeIdentityArn()).isEqualTo("arn:aws:iam::000000000000:role/fn-role");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getEventSourceARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/s");
        final KinesisEvent.Record kinesis = record.getKinesis();
        assertThat(kinesis.getKinesisSchemaVersion()).isEqualTo("1.0");
        assertThat(kinesis.getPartitionKey()).isEqualTo("user-1");
        assertThat(kinesis.getSequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(TriggerTestSupport.text(record)).isEqualTo("hello");
        assertThat(kinesis.getApproximateArrivalTimestamp().toInstant())
            .isEqualTo(stored.approximateArrivalTimestamp());
    }

    @Test
    void shouldGiveEachInvocationAContextWithItsOwnRequestIdAndTheFunctionsTimeout() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        put("s", "k", "b");
        final List<Integer> remaining = new CopyOnWriteArrayList<>();
        final RecordingHandler handler = new RecordingHandler((event, data) -> {
            clock.advance(1_000);
            return null;
        });
        final RequestHandler<KinesisEvent, Object> timed = (event, context) -> {
            remaining.add(context.getRemainingTimeInMillis());
            handler.handleRequest(event, context);
            remaining.add(context.getRemainingTimeInMillis());
            context.getLogger().log("processed " + event.getRecords().size());
            return null;
        };
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).batchSize(1)
            .timeoutSeconds(30).memorySizeInMB(512).build(), timed);

        drive(mapping);

        assertThat(handler.contexts).hasSize(2);
        final Context context = handler.contexts.get(0);
        assertThat(context.getAwsRequestId()).hasSize(36)
            .isNotEqualTo(handler.contexts.get(1).getAwsRequestId());
        assertThat(context.getFunctionName()).isEqualTo("fn");
        assertThat(context.getFunctionVersion()).isEqualTo("$LATEST");
        assertThat(context.getInvokedFunctionArn()).isEqualTo(mapping.functionArn());
        assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/fn");
        assertThat(context.getLogStreamName()).matches("2025/11/24/\\[\\$LATEST\\][0-9a-f]{32}");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(512);
        assertThat(remaining).as("counted down on the broker's clock").startsWith(30_000, 29_000);
    }

    @Test
    void shouldGiveAFunctionDeclaredForWindowEventsThatClassEvenWithoutWindows() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final List<Object> events = new ArrayList<>();
        final RequestHandler<KinesisTimeWindowEvent, Void> windowed = new RequestHandler<>() {
            @Override
            public Void handleRequest(final KinesisTimeWindowEvent event, final Context context) {
                events.add(event);
                return null;
            }
        };
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).build(), windowed);

        drive(mapping);

        assertThat(events).singleElement().isInstanceOfSatisfying(KinesisTimeWindowEvent.class, event -> {
            assertThat(event.getRecords()).hasSize(1);
            assertThat(event.getWindow()).isNull();
            assertThat(event.getIsFinalInvokeForWindow()).isNull();
        });
    }
}
