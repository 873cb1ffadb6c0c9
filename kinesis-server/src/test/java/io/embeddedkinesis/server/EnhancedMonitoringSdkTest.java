package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnhancedMetrics;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.util.List;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code EnableEnhancedMonitoring}, {@code DisableEnhancedMonitoring} and the {@code EnhancedMonitoring}
 * member of {@code DescribeStream} and {@code DescribeStreamSummary}, through the AWS SDK for Java v2, once
 * per wire encoding.
 */
abstract class EnhancedMonitoringSdkTest extends SdkTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final List<MetricsName> SEVEN = List.of(MetricsName.INCOMING_BYTES, MetricsName.INCOMING_RECORDS,
        MetricsName.OUTGOING_BYTES, MetricsName.OUTGOING_RECORDS, MetricsName.WRITE_PROVISIONED_THROUGHPUT_EXCEEDED,
        MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED, MetricsName.ITERATOR_AGE_MILLISECONDS);

    @BeforeEach
    void createStream() {
        kinesis.createStream(b -> b.streamName("s").shardCount(2));
    }

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldEnableMetricsAndReturnTheSetsBeforeAndAfter() {
        final EnableEnhancedMonitoringResponse first = kinesis.enableEnhancedMonitoring(b -> b.streamName("s")
            .shardLevelMetrics(MetricsName.OUTGOING_BYTES, MetricsName.INCOMING_BYTES));
        final EnableEnhancedMonitoringResponse second = kinesis.enableEnhancedMonitoring(b -> b.streamARN(ARN)
            .shardLevelMetrics(MetricsName.ITERATOR_AGE_MILLISECONDS));

        assertThat(first.streamName()).isEqualTo("s");
        assertThat(first.streamARN()).isEqualTo(ARN);
        assertThat(first.currentShardLevelMetrics()).isEmpty();
        assertThat(first.desiredShardLevelMetrics()).containsExactly(MetricsName.INCOMING_BYTES,
            MetricsName.OUTGOING_BYTES);
        assertThat(second.currentShardLevelMetrics()).containsExactly(MetricsName.INCOMING_BYTES,
            MetricsName.OUTGOING_BYTES);
        assertThat(second.desiredShardLevelMetrics()).containsExactly(MetricsName.INCOMING_BYTES,
            MetricsName.OUTGOING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS);
    }

    @Test
    void shouldExpandAllAndDisableIt() {
        final EnableEnhancedMonitoringResponse enabled = kinesis.enableEnhancedMonitoring(b -> b.streamName("s")
            .shardLevelMetrics(MetricsName.ALL));
        final DisableEnhancedMonitoringResponse disabled = kinesis.disableEnhancedMonitoring(b -> b.streamName("s")
            .shardLevelMetrics(MetricsName.ALL));

        assertThat(enabled.desiredShardLevelMetrics()).containsExactlyElementsOf(SEVEN);
        assertThat(disabled.currentShardLevelMetrics()).containsExactlyElementsOf(SEVEN);
        assertThat(disabled.desiredShardLevelMetrics()).isEmpty();
    }

    @Test
    void shouldDescribeTheEnabledMetrics() {
        assertThat(kinesis.describeStream(b -> b.streamName("s")).streamDescription().enhancedMonitoring())
            .extracting(EnhancedMetrics::shardLevelMetrics).containsExactly(List.of());

        kinesis.enableEnhancedMonitoring(b -> b.streamName("s").shardLevelMetrics(MetricsName.INCOMING_RECORDS,
            MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED));

        final List<MetricsName> expected = List.of(MetricsName.INCOMING_RECORDS,
            MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED);
        assertThat(kinesis.describeStream(b -> b.streamName("s")).streamDescription().enhancedMonitoring())
            .extracting(EnhancedMetrics::shardLevelMetrics).containsExactly(expected);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .enhancedMonitoring()).extracting(EnhancedMetrics::shardLevelMetrics).containsExactly(expected);

        kinesis.disableEnhancedMonitoring(b -> b.streamName("s").shardLevelMetrics(MetricsName.INCOMING_RECORDS));

        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .enhancedMonitoring()).extracting(EnhancedMetrics::shardLevelMetrics)
            .containsExactly(List.of(MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED));
    }

    @Test
    void shouldRefuseAnUnknownStream() {
        assertThatThrownBy(() -> kinesis.enableEnhancedMonitoring(b -> b.streamName("missing")
            .shardLevelMetrics(MetricsName.ALL)))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Stream missing under account 000000000000 not found."));
    }

    @Test
    void shouldRefuseAnUnknownMetricAndAnEmptyList() {
        assertThatThrownBy(() -> kinesis.enableEnhancedMonitoring(b -> b.streamName("s")
            .shardLevelMetricsWithStrings("IncomingBytes", "Foo")))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value '[IncomingBytes,"
                + " Foo]' at 'shardLevelMetrics' failed to satisfy constraint: Member must satisfy constraint:"
                + " [Member must satisfy enum value set: [IncomingBytes, IncomingRecords, OutgoingBytes,"
                + " OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded,"
                + " IteratorAgeMilliseconds, ALL]]"));
        assertThatThrownBy(() -> kinesis.disableEnhancedMonitoring(b -> b.streamName("s")
            .shardLevelMetricsWithStrings(List.of())))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value '[]' at"
                + " 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or"
                + " equal to 1"));
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends EnhancedMonitoringSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends EnhancedMonitoringSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
