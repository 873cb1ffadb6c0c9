package io.embeddedkinesis.server.protocol;

import io.embeddedkinesis.core.model.ChildShard;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.EnhancedMetrics;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.StreamModeDetails;
import io.embeddedkinesis.core.model.Tag;
import io.embeddedkinesis.core.model.WarmThroughputObject;

import java.time.Instant;
import java.util.List;

/**
 * Writes the shapes that several responses share (shards, records, stream mode, tags) as the Kinesis API
 * names their members.
 */
final class ModelWriter {
    private ModelWriter() {
    }

    static void shard(final ResponseWriter out, final Shard shard) {
        out.startObject()
            .string("ShardId", shard.shardId())
            .string("ParentShardId", shard.parentShardId())
            .string("AdjacentParentShardId", shard.adjacentParentShardId())
            .startObject("HashKeyRange")
            .string("StartingHashKey", shard.hashKeyRange().startingHashKey().toString())
            .string("EndingHashKey", shard.hashKeyRange().endingHashKey().toString())
            .endObject()
            .startObject("SequenceNumberRange")
            .string("StartingSequenceNumber", shard.sequenceNumberRange().startingSequenceNumber())
            .string("EndingSequenceNumber", shard.sequenceNumberRange().endingSequenceNumber())
            .endObject()
            .endObject();
    }

    static void childShard(final ResponseWriter out, final ChildShard child) {
        out.startObject().string("ShardId", child.shardId()).startArray("ParentShards");
        child.parentShards().forEach(out::element);
        out.endArray()
            .startObject("HashKeyRange")
            .string("StartingHashKey", child.hashKeyRange().startingHashKey().toString())
            .string("EndingHashKey", child.hashKeyRange().endingHashKey().toString())
            .endObject()
            .endObject();
    }

    static void record(final ResponseWriter out, final Record record) {
        out.startObject()
            .asciiString("SequenceNumber", record.sequenceNumber(out.sequenceNumbers()))
            .timestamp("ApproximateArrivalTimestamp", record.approximateArrivalTimestampMs())
            .blob("Data", record.data())
            .string("PartitionKey", record.partitionKey())
            .string("EncryptionType", encryptionType(record.encryptionType()))
            .endObject();
    }

    /**
     * The {@code EncryptionType} member of a put's result or a record: {@code KMS} for a record the stream
     * encrypted, absent otherwise, as Kinesis leaves it out of unencrypted records.
     *
     * @param type the type.
     * @return the member's value, or null to leave it out.
     */
    static String encryptionType(final EncryptionType type) {
        return type == EncryptionType.KMS ? type.name() : null;
    }

    static void streamMode(final ResponseWriter out, final StreamModeDetails details) {
        out.startObject("StreamModeDetails").string("StreamMode", details.streamMode().name()).endObject();
    }

    /**
     * Writes a stream's {@code WarmThroughput}, unless it has none (a provisioned stream, or an on-demand one
     * never given any).
     *
     * @param out  the response.
     * @param warm the warm throughput, or null.
     */
    static void warmThroughput(final ResponseWriter out, final WarmThroughputObject warm) {
        if (warm != null) {
            out.startObject("WarmThroughput")
                .number("TargetMiBps", warm.targetMiBps())
                .number("CurrentMiBps", warm.currentMiBps())
                .endObject();
        }
    }

    static void enhancedMonitoring(final ResponseWriter out, final List<EnhancedMetrics> monitoring) {
        out.startArray("EnhancedMonitoring");
        for (final EnhancedMetrics metrics : monitoring) {
            out.startObject();
            metricsNames(out, "ShardLevelMetrics", metrics.shardLevelMetrics());
            out.endObject();
        }
        out.endArray();
    }

    static void metricsNames(final ResponseWriter out, final String name, final List<MetricsName> metrics) {
        out.startArray(name);
        for (final MetricsName metric : metrics) {
            out.element(metric.metricName());
        }
        out.endArray();
    }

    static void tags(final ResponseWriter out, final List<Tag> tags) {
        out.startArray("Tags");
        for (final Tag tag : tags) {
            out.startObject().string("Key", tag.key()).string("Value", tag.value()).endObject();
        }
        out.endArray();
    }

    static void timestamp(final ResponseWriter out, final String name, final Instant time) {
        out.timestamp(name, time.toEpochMilli());
    }
}
