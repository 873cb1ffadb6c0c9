package io.embeddedkinesis.server.protocol;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.AddTagsToStreamRequest;
import io.embeddedkinesis.core.model.ChildShard;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.DeleteResourcePolicyRequest;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.DescribeLimitsResult;
import io.embeddedkinesis.core.model.DescribeStreamRequest;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.EnhancedMonitoringRequest;
import io.embeddedkinesis.core.model.EnhancedMonitoringResult;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.GetResourcePolicyRequest;
import io.embeddedkinesis.core.model.GetShardIteratorRequest;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.ListShardsResult;
import io.embeddedkinesis.core.model.ListStreamsRequest;
import io.embeddedkinesis.core.model.ListStreamsResult;
import io.embeddedkinesis.core.model.ListTagsForResourceRequest;
import io.embeddedkinesis.core.model.ListTagsForStreamRequest;
import io.embeddedkinesis.core.model.ListTagsForStreamResult;
import io.embeddedkinesis.core.model.MergeShardsRequest;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;
import io.embeddedkinesis.core.model.PutResourcePolicyRequest;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.RemoveTagsFromStreamRequest;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.SplitShardRequest;
import io.embeddedkinesis.core.model.StreamDescription;
import io.embeddedkinesis.core.model.StreamDescriptionSummary;
import io.embeddedkinesis.core.model.StreamEncryptionRequest;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamRetentionRequest;
import io.embeddedkinesis.core.model.StreamSummary;
import io.embeddedkinesis.core.model.TagResourceRequest;
import io.embeddedkinesis.core.model.UntagResourceRequest;
import io.embeddedkinesis.core.model.UpdateMaxRecordSizeRequest;
import io.embeddedkinesis.core.model.UpdateShardCountRequest;
import io.embeddedkinesis.core.model.UpdateShardCountResult;
import io.embeddedkinesis.core.model.UpdateStreamModeRequest;
import io.embeddedkinesis.core.stream.RequestPatterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.embeddedkinesis.server.protocol.MemberType.BLOB;
import static io.embeddedkinesis.server.protocol.MemberType.BOOLEAN;
import static io.embeddedkinesis.server.protocol.MemberType.INTEGER;
import static io.embeddedkinesis.server.protocol.MemberType.LIST;
import static io.embeddedkinesis.server.protocol.MemberType.STRING;
import static io.embeddedkinesis.server.protocol.MemberType.STRING_LIST;
import static io.embeddedkinesis.server.protocol.MemberType.STRING_MAP;
import static io.embeddedkinesis.server.protocol.MemberType.STRUCTURE;
import static io.embeddedkinesis.server.protocol.MemberType.TIMESTAMP;

/**
 * The Kinesis Data Streams operations the endpoint serves, each mapping its wire request onto the
 * broker's Java API and the result back onto the wire response, member names as in the Kinesis API.
 *
 * <p>Validation and errors are the broker's: it already checks and words everything as Kinesis does, so
 * this class only translates. Thread-safe.
 */
public final class KinesisOperations {
    private static final Member STREAM_NAME = Member.of("StreamName", STRING);
    private static final Member STREAM_ARN = Member.of("StreamARN", STRING);
    /**
     * Checks a data-plane request without acting on it: the puts, GetShardIterator and GetRecords; SubscribeToShard
     * ignores it and serves the request.
     */
    private static final Member DRY_RUN = Member.of("DryRun", BOOLEAN);
    private static final Member TAGS = Member.of("Tags", STRING_MAP);
    private static final Member TAG_KEYS = Member.of("TagKeys", STRING_LIST);
    private static final Member RESOURCE_ARN = Member.of("ResourceARN", STRING);
    private static final Member STREAM_MODE_DETAILS = new Member("StreamModeDetails", STRUCTURE,
        List.of(Member.of("StreamMode", STRING)));
    private static final List<String> STREAM_MODES = List.of("PROVISIONED", "ON_DEMAND");
    private static final List<String> ENCRYPTION_TYPES = List.of("NONE", "KMS");
    private static final List<String> FILTER_TYPES = List.of("AFTER_SHARD_ID", "AT_TRIM_HORIZON",
        "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP");
    /** The shard iterator types, in the order the service lists them in its enum errors. */
    static final List<String> ITERATOR_TYPES =
        List.of("AFTER_SEQUENCE_NUMBER", "LATEST", "AT_TIMESTAMP", "AT_SEQUENCE_NUMBER", "TRIM_HORIZON");

    private final KinesisBroker broker;
    private final Map<String, Operation> operations = new HashMap<>();

    /**
     * @param broker the broker that serves every call.
     */
    public KinesisOperations(final KinesisBroker broker) {
        this.broker = broker;
        add("CreateStream", this::createStream,
            Member.of("ShardCount", INTEGER), STREAM_NAME, STREAM_MODE_DETAILS, TAGS,
            Member.of("WarmThroughputMiBps", INTEGER), Member.of("MaxRecordSizeInKiB", INTEGER),
            Member.of("RecordDistributionStrategy", STRING));
        add("DeleteStream", this::deleteStream,
            STREAM_NAME, Member.of("EnforceConsumerDeletion", BOOLEAN), STREAM_ARN);
        add("DescribeStream", this::describeStream,
            Member.of("Limit", INTEGER), Member.of("ExclusiveStartShardId", STRING), STREAM_NAME, STREAM_ARN);
        add("DescribeStreamSummary", this::describeStreamSummary, STREAM_NAME, STREAM_ARN);
        add("ListStreams", this::listStreams,
            Member.of("Limit", INTEGER), Member.of("ExclusiveStartStreamName", STRING), Member.of("NextToken", STRING));
        add("ListShards", this::listShards,
            Member.of("ExclusiveStartShardId", STRING), Member.of("MaxResults", INTEGER),
            Member.of("NextToken", STRING), Member.of("StreamCreationTimestamp", TIMESTAMP), STREAM_NAME,
            new Member("ShardFilter", STRUCTURE, List.of(Member.of("Type", STRING), Member.of("ShardId", STRING),
                Member.of("Timestamp", TIMESTAMP))),
            STREAM_ARN);
        add("SplitShard", this::splitShard,
            Member.of("NewStartingHashKey", STRING), STREAM_NAME, Member.of("ShardToSplit", STRING), STREAM_ARN);
        add("MergeShards", this::mergeShards,
            Member.of("ShardToMerge", STRING), Member.of("AdjacentShardToMerge", STRING), STREAM_NAME, STREAM_ARN);
        add("UpdateShardCount", this::updateShardCount,
            Member.of("TargetShardCount", INTEGER), Member.of("ScalingType", STRING), STREAM_NAME, STREAM_ARN);
        add("PutRecord", this::putRecord,
            Member.of("SequenceNumberForOrdering", STRING), Member.of("PartitionKey", STRING),
            Member.of("ExplicitHashKey", STRING), Member.of("Data", BLOB), STREAM_NAME, STREAM_ARN, DRY_RUN);
        add("PutRecords", this::putRecords,
            new Member("Records", LIST, List.of(Member.of("PartitionKey", STRING),
                Member.of("ExplicitHashKey", STRING), Member.of("Data", BLOB))),
            STREAM_NAME, STREAM_ARN, DRY_RUN);
        add("GetShardIterator", this::getShardIterator,
            Member.of("ShardId", STRING), Member.of("ShardIteratorType", STRING),
            Member.of("StartingSequenceNumber", STRING), STREAM_NAME, Member.of("Timestamp", TIMESTAMP), STREAM_ARN,
            DRY_RUN);
        add("GetRecords", this::getRecords,
            Member.of("Limit", INTEGER), Member.of("ShardIterator", STRING), STREAM_ARN, DRY_RUN);
        add("IncreaseStreamRetentionPeriod", (in, out) -> broker.increaseStreamRetentionPeriod(retention(in)),
            Member.of("RetentionPeriodHours", INTEGER), STREAM_NAME, STREAM_ARN);
        add("DecreaseStreamRetentionPeriod", (in, out) -> broker.decreaseStreamRetentionPeriod(retention(in)),
            Member.of("RetentionPeriodHours", INTEGER), STREAM_NAME, STREAM_ARN);
        // No StreamName member in these two, as in the model: a StreamName sent anyway is ignored like any
        // unknown member.
        add("UpdateStreamMode", (in, out) -> broker.updateStreamMode(new UpdateStreamModeRequest(
                in.string("StreamARN"), streamMode(in.structure("StreamModeDetails")),
                in.integer("WarmThroughputMiBps"))),
            STREAM_ARN, STREAM_MODE_DETAILS, Member.of("WarmThroughputMiBps", INTEGER));
        add("UpdateMaxRecordSize", (in, out) -> broker.updateMaxRecordSize(new UpdateMaxRecordSizeRequest(
                in.string("StreamARN"), in.integer("MaxRecordSizeInKiB"))),
            Member.of("MaxRecordSizeInKiB", INTEGER), STREAM_ARN);
        add("EnableEnhancedMonitoring",
            (in, out) -> enhancedMonitoring(out, broker.enableEnhancedMonitoring(monitoring(in))),
            STREAM_NAME, Member.of("ShardLevelMetrics", STRING_LIST), STREAM_ARN);
        add("DisableEnhancedMonitoring",
            (in, out) -> enhancedMonitoring(out, broker.disableEnhancedMonitoring(monitoring(in))),
            STREAM_NAME, Member.of("ShardLevelMetrics", STRING_LIST), STREAM_ARN);
        add("StartStreamEncryption", (in, out) -> broker.startStreamEncryption(encryption(in)),
            STREAM_NAME, Member.of("EncryptionType", STRING), Member.of("KeyId", STRING), STREAM_ARN);
        add("StopStreamEncryption", (in, out) -> broker.stopStreamEncryption(encryption(in)),
            STREAM_NAME, Member.of("EncryptionType", STRING), Member.of("KeyId", STRING), STREAM_ARN);
        addTagging();
        addResourcePolicies();
        add("DescribeLimits", this::describeLimits);
        new ConsumerOperations(broker).registerWith(this::add);
        new CapacityOperations(broker).registerWith(this::add);
        final Operation subscribeToShard = new SubscribeToShardOperation(broker).operation();
        operations.put(subscribeToShard.name(), subscribeToShard);
    }

    /** The tagging operations, their members in the order of the Kinesis model's shapes. */
    private void addTagging() {
        add("AddTagsToStream", (in, out) -> broker.addTagsToStream(
            new AddTagsToStreamRequest(stream(in), in.stringMap("Tags"))), STREAM_NAME, TAGS, STREAM_ARN);
        add("RemoveTagsFromStream", (in, out) -> broker.removeTagsFromStream(
            new RemoveTagsFromStreamRequest(stream(in), in.stringList("TagKeys"))), STREAM_NAME, TAG_KEYS, STREAM_ARN);
        add("ListTagsForStream", this::listTagsForStream,
            STREAM_NAME, Member.of("ExclusiveStartTagKey", STRING), Member.of("Limit", INTEGER), STREAM_ARN);
        add("TagResource", (in, out) -> broker.tagResource(
            new TagResourceRequest(in.string("ResourceARN"), in.stringMap("Tags"))), TAGS, RESOURCE_ARN);
        add("UntagResource", (in, out) -> broker.untagResource(
            new UntagResourceRequest(in.string("ResourceARN"), in.stringList("TagKeys"))), TAG_KEYS, RESOURCE_ARN);
        add("ListTagsForResource", (in, out) -> ModelWriter.tags(out, broker.listTagsForResource(
            new ListTagsForResourceRequest(in.string("ResourceARN"))).tags()), RESOURCE_ARN);
    }

    /**
     * The resource policy operations, their members in the order of the Kinesis model's shapes (its reserved
     * StreamId is ignored like any unknown member). The broker stores policies and does not enforce them.
     */
    private void addResourcePolicies() {
        add("PutResourcePolicy", (in, out) -> broker.putResourcePolicy(
            new PutResourcePolicyRequest(in.string("ResourceARN"), in.string("Policy"))),
            RESOURCE_ARN, Member.of("Policy", STRING));
        add("GetResourcePolicy", (in, out) -> out.string("Policy", broker.getResourcePolicy(
            new GetResourcePolicyRequest(in.string("ResourceARN"))).policy()), RESOURCE_ARN);
        add("DeleteResourcePolicy", (in, out) -> broker.deleteResourcePolicy(
            new DeleteResourcePolicyRequest(in.string("ResourceARN"))), RESOURCE_ARN);
    }

    private void add(final String name, final Operation.Handler handler, final Member... members) {
        operations.put(name, new Operation(name, List.of(members), handler));
    }

    /**
     * Finds an operation by name.
     *
     * @param name the operation's name.
     * @return the operation, or null if the endpoint does not serve it.
     */
    public Operation find(final String name) {
        return operations.get(name);
    }

    private static StreamRequest stream(final RequestReader in) {
        return new StreamRequest(in.string("StreamName"), in.string("StreamARN"));
    }

    private void createStream(final RequestReader in, final ResponseWriter out) {
        broker.createStream(new CreateStreamRequest(in.string("StreamName"), in.integer("ShardCount"),
            streamMode(in.structure("StreamModeDetails")), null, in.integer("MaxRecordSizeInKiB"),
            in.stringMap("Tags"), in.integer("WarmThroughputMiBps"),
            CapacityOperations.strategy(in)));
    }

    private void deleteStream(final RequestReader in, final ResponseWriter out) {
        broker.deleteStream(new DeleteStreamRequest(stream(in), in.bool("EnforceConsumerDeletion")));
    }

    private void describeStream(final RequestReader in, final ResponseWriter out) {
        final StreamDescription description = broker.describeStream(
            new DescribeStreamRequest(stream(in), in.integer("Limit"), in.string("ExclusiveStartShardId")));
        out.startObject("StreamDescription")
            .string("StreamName", description.streamName())
            .string("StreamARN", description.streamARN())
            .string("StreamStatus", description.streamStatus().name());
        ModelWriter.streamMode(out, description.streamModeDetails());
        out.startArray("Shards");
        for (final Shard shard : description.shards()) {
            ModelWriter.shard(out, shard);
        }
        out.endArray()
            .bool("HasMoreShards", description.hasMoreShards())
            .number("RetentionPeriodHours", description.retentionPeriodHours());
        ModelWriter.timestamp(out, "StreamCreationTimestamp", description.streamCreationTimestamp());
        ModelWriter.enhancedMonitoring(out, description.enhancedMonitoring());
        out.string("EncryptionType", description.encryptionType().name())
            .string("KeyId", description.keyId())
            .endObject();
    }

    private void describeStreamSummary(final RequestReader in, final ResponseWriter out) {
        final StreamDescriptionSummary summary = broker.describeStreamSummary(stream(in));
        out.startObject("StreamDescriptionSummary")
            .string("StreamName", summary.streamName())
            .string("StreamARN", summary.streamARN())
            .string("StreamStatus", summary.streamStatus().name());
        ModelWriter.streamMode(out, summary.streamModeDetails());
        out.number("RetentionPeriodHours", summary.retentionPeriodHours());
        ModelWriter.timestamp(out, "StreamCreationTimestamp", summary.streamCreationTimestamp());
        ModelWriter.enhancedMonitoring(out, summary.enhancedMonitoring());
        out.string("EncryptionType", summary.encryptionType().name())
            .string("KeyId", summary.keyId())
            .number("OpenShardCount", summary.openShardCount())
            .number("ConsumerCount", summary.consumerCount());
        ModelWriter.warmThroughput(out, summary.warmThroughput());
        out.number("MaxRecordSizeInKiB", summary.maxRecordSizeInKiB())
            .string("RecordDistributionStrategy", summary.recordDistributionStrategy().name())
            .endObject();
    }

    private void listStreams(final RequestReader in, final ResponseWriter out) {
        final ListStreamsResult result = broker.listStreams(new ListStreamsRequest(in.integer("Limit"),
            in.string("ExclusiveStartStreamName"), in.string("NextToken")));
        out.startArray("StreamNames");
        result.streamNames().forEach(out::element);
        out.endArray()
            .bool("HasMoreStreams", result.hasMoreStreams())
            .string("NextToken", result.nextToken())
            .startArray("StreamSummaries");
        for (final StreamSummary summary : result.streamSummaries()) {
            out.startObject()
                .string("StreamName", summary.streamName())
                .string("StreamARN", summary.streamARN())
                .string("StreamStatus", summary.streamStatus().name());
            ModelWriter.streamMode(out, summary.streamModeDetails());
            ModelWriter.timestamp(out, "StreamCreationTimestamp", summary.streamCreationTimestamp());
            out.endObject();
        }
        out.endArray();
    }

    private void listShards(final RequestReader in, final ResponseWriter out) {
        final StreamRequest stream = stream(in);
        final ListShardsResult result = broker.listShards(new ListShardsRequest(
            stream.streamName() == null && stream.streamARN() == null ? null : stream, in.string("NextToken"),
            in.string("ExclusiveStartShardId"), in.integer("MaxResults"), in.timestamp("StreamCreationTimestamp"),
            shardFilter(in.structure("ShardFilter"))));
        out.startArray("Shards");
        for (final Shard shard : result.shards()) {
            ModelWriter.shard(out, shard);
        }
        out.endArray().string("NextToken", result.nextToken());
    }

    /**
     * A ShardFilter; a type outside the enum is a model violation, named as the service names it.
     */
    private static ShardFilter shardFilter(final RequestReader filter) {
        if (filter == null) {
            return null;
        }
        final String type = filter.string("Type");
        if (type != null && !FILTER_TYPES.contains(type)) {
            new ValidationErrors().add("shardFilter.type", type, "Member must satisfy enum value set: " + FILTER_TYPES)
                .throwIfAny();
        }
        return new ShardFilter(type == null ? null : ShardFilterType.valueOf(type), filter.string("ShardId"),
            filter.timestamp("Timestamp"));
    }

    /**
     * The mode of a StreamModeDetails, which must name one when present; a missing or unknown mode is a model
     * violation, named as the service names it.
     */
    private static StreamMode streamMode(final RequestReader details) {
        if (details == null) {
            return null;
        }
        final String mode = details.string("StreamMode");
        if (mode == null || !STREAM_MODES.contains(mode)) {
            new ValidationErrors().add("streamModeDetails.streamMode", mode, mode == null ? "Member must not be null"
                : "Member must satisfy enum value set: " + STREAM_MODES).throwIfAny();
        }
        return StreamMode.valueOf(mode);
    }

    /** The members of Start and StopStreamEncryption; a type outside the model's enum is a model violation. */
    private static StreamEncryptionRequest encryption(final RequestReader in) {
        final String type = in.string("EncryptionType");
        if (type != null && !ENCRYPTION_TYPES.contains(type)) {
            new ValidationErrors().add("encryptionType", type, "Member must satisfy enum value set: "
                + ENCRYPTION_TYPES).throwIfAny();
        }
        return new StreamEncryptionRequest(stream(in), type == null ? null : EncryptionType.valueOf(type),
            in.string("KeyId"));
    }

    private void splitShard(final RequestReader in, final ResponseWriter out) {
        broker.splitShard(new SplitShardRequest(stream(in), in.string("ShardToSplit"), in.string(
            "NewStartingHashKey")));
    }

    private void mergeShards(final RequestReader in, final ResponseWriter out) {
        broker.mergeShards(new MergeShardsRequest(stream(in), in.string("ShardToMerge"),
            in.string("AdjacentShardToMerge")));
    }

    private void updateShardCount(final RequestReader in, final ResponseWriter out) {
        final UpdateShardCountResult result = broker.updateShardCount(new UpdateShardCountRequest(stream(in),
            in.integer("TargetShardCount"), in.string("ScalingType")));
        out.string("StreamName", result.streamName())
            .number("CurrentShardCount", result.currentShardCount())
            .number("TargetShardCount", result.targetShardCount())
            .string("StreamARN", result.streamARN());
    }

    private void putRecord(final RequestReader in, final ResponseWriter out) {
        final PutRecordRequest request = new PutRecordRequest(stream(in), in.string("PartitionKey"),
            in.blob("Data"), in.string("ExplicitHashKey"), in.string("SequenceNumberForOrdering"));
        if (Boolean.TRUE.equals(in.bool("DryRun"))) {
            broker.dryRunPutRecord(request);
        }
        final PutRecordResult result = broker.putRecord(request);
        out.asciiString("ShardId", result.shardId()).asciiString("SequenceNumber", result.sequenceNumber())
            .string("EncryptionType", ModelWriter.encryptionType(result.encryptionType()));
    }

    private void putRecords(final RequestReader in, final ResponseWriter out) {
        final List<RequestReader> records = in.list("Records");
        List<PutRecordsRequestEntry> entries = null;
        if (records != null) {
            entries = new ArrayList<>(records.size());
            for (final RequestReader record : records) {
                entries.add(record == null ? null : new PutRecordsRequestEntry(record.blob("Data"),
                    record.string("PartitionKey"), record.string("ExplicitHashKey")));
            }
        }
        final PutRecordsRequest request = new PutRecordsRequest(stream(in), entries);
        if (Boolean.TRUE.equals(in.bool("DryRun"))) {
            broker.dryRunPutRecords(request);
        }
        putRecords(request, out);
    }

    /**
     * Serves a {@code PutRecords} request read without a document tree ({@link PutRecordsParser}).
     *
     * @param request the request.
     * @param out     where the response goes.
     */
    public void putRecords(final PutRecordsRequest request, final ResponseWriter out) {
        final PutRecordsResult result = broker.putRecords(request);
        out.number("FailedRecordCount", result.failedRecordCount());
        if (result.failedRecordCount() == 0) {
            out.writtenPutResults("Records", result.records());
        } else {
            out.startArray("Records");
            for (final PutRecordsResultEntry entry : result.records()) {
                out.startObject()
                    .asciiString("SequenceNumber", entry.sequenceNumber(out.sequenceNumbers()))
                    .asciiString("ShardId", entry.shardId())
                    .string("ErrorCode", entry.errorCode())
                    .string("ErrorMessage", entry.errorMessage())
                    .endObject();
            }
            out.endArray();
        }
        out.string("EncryptionType", ModelWriter.encryptionType(result.encryptionType()));
    }

    private void getShardIterator(final RequestReader in, final ResponseWriter out) {
        final String type = in.string("ShardIteratorType");
        if (type != null && !ITERATOR_TYPES.contains(type)) {
            refuseIteratorType(in, type);
        }
        final GetShardIteratorRequest request = new GetShardIteratorRequest(stream(in), in.string("ShardId"),
            type == null ? null : ShardIteratorType.valueOf(type), in.string("StartingSequenceNumber"),
            in.timestamp("Timestamp"));
        if (Boolean.TRUE.equals(in.bool("DryRun"))) {
            broker.dryRunGetShardIterator(request);
        }
        final String iterator = broker.getShardIterator(request);
        out.string("ShardIterator", iterator);
    }

    /**
     * An iterator type outside the enum is a model violation, reported with the request's other
     * violations in the order the service checks them.
     */
    private static void refuseIteratorType(final RequestReader in, final String type) {
        final ValidationErrors errors = new ValidationErrors()
            .string("shardId", in.string("ShardId"), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1, 128)
            .add("shardIteratorType", type, "Member must satisfy enum value set: " + ITERATOR_TYPES)
            .string("startingSequenceNumber", in.string("StartingSequenceNumber"), false,
                RequestPatterns.SEQUENCE_NUMBER, RequestPatterns.SEQUENCE_NUMBER_TEXT, 0, Integer.MAX_VALUE);
        io.embeddedkinesis.core.stream.StreamRegistry.check(errors, stream(in)).throwIfAny();
    }

    private void getRecords(final RequestReader in, final ResponseWriter out) {
        final GetRecordsRequest request =
            new GetRecordsRequest(in.string("ShardIterator"), in.integer("Limit"), in.string("StreamARN"));
        if (Boolean.TRUE.equals(in.bool("DryRun"))) {
            broker.dryRunGetRecords(request);
        }
        final GetRecordsResult result = broker.getRecords(request);
        out.startArray("Records");
        for (final Record record : result.records()) {
            ModelWriter.record(out, record);
        }
        out.endArray()
            .string("NextShardIterator", result.nextShardIterator())
            .number("MillisBehindLatest", result.millisBehindLatest());
        if (!result.childShards().isEmpty()) {
            out.startArray("ChildShards");
            for (final ChildShard child : result.childShards()) {
                ModelWriter.childShard(out, child);
            }
            out.endArray();
        }
    }

    private void listTagsForStream(final RequestReader in, final ResponseWriter out) {
        final ListTagsForStreamResult result = broker.listTagsForStream(new ListTagsForStreamRequest(stream(in),
            in.string("ExclusiveStartTagKey"), in.integer("Limit")));
        ModelWriter.tags(out, result.tags());
        out.bool("HasMoreTags", result.hasMoreTags());
    }

    private void describeLimits(final RequestReader in, final ResponseWriter out) {
        final DescribeLimitsResult limits = broker.describeLimits();
        out.number("ShardLimit", limits.shardLimit())
            .number("OpenShardCount", limits.openShardCount())
            .number("OnDemandStreamCount", limits.onDemandStreamCount())
            .number("OnDemandStreamCountLimit", limits.onDemandStreamCountLimit());
    }

    /**
     * The request of Enable/DisableEnhancedMonitoring; a name outside the enum is a model violation, named as
     * the service names it (the wording for a list member is inferred from the service's general format).
     */
    private static EnhancedMonitoringRequest monitoring(final RequestReader in) {
        final List<String> names = in.stringList("ShardLevelMetrics");
        if (names == null) {
            return new EnhancedMonitoringRequest(stream(in), null);
        }
        final List<MetricsName> metrics = new ArrayList<>(names.size());
        for (final String name : names) {
            final MetricsName metric = name == null ? null : MetricsName.fromMetricName(name);
            if (name != null && metric == null) {
                new ValidationErrors().add("shardLevelMetrics", names.toString(), "Member must satisfy constraint: "
                    + "[Member must satisfy enum value set: " + MetricsName.metricNames() + "]").throwIfAny();
            }
            metrics.add(metric);
        }
        return new EnhancedMonitoringRequest(stream(in), metrics);
    }

    private static void enhancedMonitoring(final ResponseWriter out, final EnhancedMonitoringResult result) {
        out.string("StreamName", result.streamName());
        ModelWriter.metricsNames(out, "CurrentShardLevelMetrics", result.currentShardLevelMetrics());
        ModelWriter.metricsNames(out, "DesiredShardLevelMetrics", result.desiredShardLevelMetrics());
        out.string("StreamARN", result.streamARN());
    }

    private static StreamRetentionRequest retention(final RequestReader in) {
        return new StreamRetentionRequest(stream(in), in.integer("RetentionPeriodHours"));
    }
}
