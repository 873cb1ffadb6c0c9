package io.embeddedkinesis.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trading platform's Lambda function, written exactly as it would be for AWS Lambda: a
 * {@link RequestHandler} for tumbling-window Kinesis events. Each invocation adds its trades to the window's
 * state, one entry per symbol ({@code "trades,volume,notionalCents"}), and returns the state; the window's
 * final invocation writes one row per symbol to the {@link DashboardTable}. A trade it cannot read is
 * reported in {@code batchItemFailures}, so only it and what follows are retried.
 *
 * <p>Thread-safe: it keeps nothing between invocations but what Lambda hands back in the state.
 */
public final class VwapFunction implements RequestHandler<KinesisTimeWindowEvent, TimeWindowEventResponse> {
    private final DashboardTable table;

    /**
     * A function writing to the given table, as a real one would be given its DynamoDB table's name.
     *
     * @param table where finished windows go.
     */
    public VwapFunction(final DashboardTable table) {
        this.table = table;
    }

    @Override
    public TimeWindowEventResponse handleRequest(final KinesisTimeWindowEvent event, final Context context) {
        if (Boolean.TRUE.equals(event.getIsFinalInvokeForWindow())) {
            final Instant start = Instant.parse(event.getWindow().getStart());
            event.getState().forEach((symbol, figures) -> table.put(row(start, symbol, figures)));
            context.getLogger().log("Window " + event.getWindow().getStart() + " of " + event.getShardId()
                + " done: " + event.getState().size() + " symbols");
            return new TimeWindowEventResponse(Map.of(), List.of());
        }
        final Map<String, String> state = new HashMap<>(event.getState() == null ? Map.of() : event.getState());
        for (final KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            final Trade trade;
            try {
                trade = Trade.fromJson(bytes(record.getKinesis().getData()));
            } catch (final RuntimeException ex) {
                // Keep what came before it, retry from it: Lambda checkpoints before the lowest failure.
                return new TimeWindowEventResponse(state, List.of(
                    new TimeWindowEventResponse.BatchItemFailure(record.getKinesis().getSequenceNumber())));
            }
            state.merge(trade.symbol(), figures(1, trade.quantity(), trade.priceCents() * trade.quantity()),
                VwapFunction::add);
        }
        return new TimeWindowEventResponse(state, new ArrayList<>());
    }

    private static byte[] bytes(final ByteBuffer data) {
        final byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    private static String figures(final long trades, final long volume, final long notionalCents) {
        return trades + "," + volume + "," + notionalCents;
    }

    private static String add(final String left, final String right) {
        final String[] a = left.split(",");
        final String[] b = right.split(",");
        return figures(Long.parseLong(a[0]) + Long.parseLong(b[0]), Long.parseLong(a[1]) + Long.parseLong(b[1]),
            Long.parseLong(a[2]) + Long.parseLong(b[2]));
    }

    private static DashboardTable.Row row(final Instant start, final String symbol, final String figures) {
        final String[] parts = figures.split(",");
        return new DashboardTable.Row(start, symbol, Long.parseLong(parts[0]), Long.parseLong(parts[1]),
            Long.parseLong(parts[2]));
    }
}
