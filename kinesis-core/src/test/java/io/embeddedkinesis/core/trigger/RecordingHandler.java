package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A function as a user writes it, which records every event and context it gets and answers as the test
 * says: by default a success.
 */
class RecordingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    /** What the function does with an event; it may throw. */
    @FunctionalInterface
    interface Behaviour {
        StreamsEventResponse handle(KinesisEvent event, List<String> data);
    }

    final List<KinesisEvent> events = new CopyOnWriteArrayList<>();
    final List<Context> contexts = new CopyOnWriteArrayList<>();
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final Behaviour behaviour;

    RecordingHandler() {
        this((event, data) -> null);
    }

    RecordingHandler(final Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Fails every batch that holds a record with this data. */
    static RecordingHandler failingOn(final String poison) {
        return new RecordingHandler((event, data) -> {
            if (data.contains(poison)) {
                throw new IllegalStateException("cannot process " + poison);
            }
            return null;
        });
    }

    @Override
    public StreamsEventResponse handleRequest(final KinesisEvent event, final Context context) {
        final List<String> data = new ArrayList<>();
        for (final KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            data.add(TriggerTestSupport.text(record));
        }
        events.add(event);
        contexts.add(context);
        batches.add(List.copyOf(data));
        return behaviour.handle(event, data);
    }

    /** Every record delivered, in delivery order. */
    List<String> delivered() {
        final List<String> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    List<Integer> batchSizes() {
        return batches.stream().map(List::size).toList();
    }
}
