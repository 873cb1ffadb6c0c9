package io.embeddedkinesis.server.protocol;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.AccountSettingsResult;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInput;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentOutput;
import io.embeddedkinesis.core.model.RecordDistributionStrategy;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.UpdateAccountSettingsRequest;
import io.embeddedkinesis.core.model.UpdateStreamRecordDistributionStrategyRequest;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputRequest;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputResult;

import java.time.Instant;
import java.util.List;

import static io.embeddedkinesis.server.protocol.MemberType.INTEGER;
import static io.embeddedkinesis.server.protocol.MemberType.STRING;
import static io.embeddedkinesis.server.protocol.MemberType.STRUCTURE;

/**
 * The operations that shape an on-demand stream's capacity: {@code DescribeAccountSettings} and
 * {@code UpdateAccountSettings} (the account's minimum throughput billing commitment),
 * {@code UpdateStreamWarmThroughput} and {@code UpdateStreamRecordDistributionStrategy}, members in the order of
 * the Kinesis model's shapes (the reserved {@code StreamId} is ignored like any unknown member). Like
 * {@link KinesisOperations}, it only translates: the broker validates and words errors; a value outside a
 * model enum is refused here, worded as the service words it.
 *
 * <p>Thread-safe.
 */
final class CapacityOperations {
    /** The record distribution strategies, in the model's order, as enum errors list them. */
    static final List<String> STRATEGIES = List.of("AUTO", "USER_PARTITION_KEY");
    private static final List<String> COMMITMENT_STATUSES = List.of("ENABLED", "DISABLED");
    private static final Member STREAM_ARN = Member.of("StreamARN", STRING);

    private final KinesisBroker broker;

    CapacityOperations(final KinesisBroker broker) {
        this.broker = broker;
    }

    /**
     * Adds the four operations.
     *
     * @param registrar the endpoint's table.
     */
    void registerWith(final ConsumerOperations.Registrar registrar) {
        registrar.add("DescribeAccountSettings", (in, out) -> accountSettings(out, broker.describeAccountSettings()));
        registrar.add("UpdateAccountSettings", (in, out) -> accountSettings(out,
                broker.updateAccountSettings(new UpdateAccountSettingsRequest(commitment(in)))),
            new Member("MinimumThroughputBillingCommitment", STRUCTURE, List.of(Member.of("Status", STRING))));
        registrar.add("UpdateStreamWarmThroughput", (in, out) -> warmThroughput(out,
                broker.updateStreamWarmThroughput(new UpdateStreamWarmThroughputRequest(
                    new StreamRequest(in.string("StreamName"), in.string("StreamARN")),
                    in.integer("WarmThroughputMiBps")))),
            STREAM_ARN, Member.of("StreamName", STRING), Member.of("WarmThroughputMiBps", INTEGER));
        // No StreamName member, as in the model: a StreamName sent anyway is ignored like any unknown member.
        registrar.add("UpdateStreamRecordDistributionStrategy", (in, out) ->
                broker.updateStreamRecordDistributionStrategy(new UpdateStreamRecordDistributionStrategyRequest(
                    in.string("StreamARN"), strategy(in))),
            STREAM_ARN, Member.of("RecordDistributionStrategy", STRING));
    }

    /**
     * The {@code RecordDistributionStrategy} member of a request, or null if absent; a value outside the model's
     * enum is a model violation.
     *
     * @param in the request.
     * @return the strategy, or null.
     */
    static RecordDistributionStrategy strategy(final RequestReader in) {
        final String strategy = in.string("RecordDistributionStrategy");
        if (strategy == null) {
            return null;
        }
        if (!STRATEGIES.contains(strategy)) {
            new ValidationErrors().add("recordDistributionStrategy", strategy, "Member must satisfy enum value set: "
                + STRATEGIES).throwIfAny();
        }
        return RecordDistributionStrategy.valueOf(strategy);
    }

    private static MinimumThroughputBillingCommitmentInput commitment(final RequestReader in) {
        final RequestReader commitment = in.structure("MinimumThroughputBillingCommitment");
        if (commitment == null) {
            return null;
        }
        final String status = commitment.string("Status");
        if (status != null && !COMMITMENT_STATUSES.contains(status)) {
            new ValidationErrors().add("minimumThroughputBillingCommitment.status", status,
                "Member must satisfy enum value set: " + COMMITMENT_STATUSES).throwIfAny();
        }
        return new MinimumThroughputBillingCommitmentInput(
            status == null ? null : MinimumThroughputBillingCommitmentInputStatus.valueOf(status));
    }

    private static void accountSettings(final ResponseWriter out, final AccountSettingsResult result) {
        final MinimumThroughputBillingCommitmentOutput commitment = result.minimumThroughputBillingCommitment();
        if (commitment == null) {
            return;
        }
        out.startObject("MinimumThroughputBillingCommitment").string("Status", commitment.status().name());
        timestamp(out, "StartedAt", commitment.startedAt());
        timestamp(out, "EndedAt", commitment.endedAt());
        timestamp(out, "EarliestAllowedEndAt", commitment.earliestAllowedEndAt());
        out.endObject();
    }

    private static void timestamp(final ResponseWriter out, final String name, final Instant time) {
        if (time != null) {
            ModelWriter.timestamp(out, name, time);
        }
    }

    private static void warmThroughput(final ResponseWriter out, final UpdateStreamWarmThroughputResult result) {
        out.string("StreamARN", result.streamARN()).string("StreamName", result.streamName());
        ModelWriter.warmThroughput(out, result.warmThroughput());
    }
}
