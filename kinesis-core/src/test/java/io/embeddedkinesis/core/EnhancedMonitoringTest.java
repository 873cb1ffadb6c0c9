package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.EnhancedMetrics;
import io.embeddedkinesis.core.model.EnhancedMonitoringRequest;
import io.embeddedkinesis.core.model.EnhancedMonitoringResult;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.StreamRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static io.embeddedkinesis.core.model.MetricsName.ALL;
import static io.embeddedkinesis.core.model.MetricsName.INCOMING_BYTES;
import static io.embeddedkinesis.core.model.MetricsName.INCOMING_RECORDS;
import static io.embeddedkinesis.core.model.MetricsName.ITERATOR_AGE_MILLISECONDS;
import static io.embeddedkinesis.core.model.MetricsName.OUTGOING_BYTES;
import static io.embeddedkinesis.core.model.MetricsName.OUTGOING_RECORDS;
import static io.embeddedkinesis.core.model.MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED;
import static io.embeddedkinesis.core.model.MetricsName.WRITE_PROVISIONED_THROUGHPUT_EXCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnhancedMonitoringTest extends BrokerTestSupport {
    private static final List<MetricsName> SEVEN = List.of(INCOMING_BYTES, INCOMING_RECORDS, OUTGOING_BYTES,
        OUTGOING_RECORDS, WRITE_PROVISIONED_THROUGHPUT_EXCEEDED, READ_PROVISIONED_THROUGHPUT_EXCEEDED,
        ITERATOR_AGE_MILLISECONDS);

    @Test
    void shouldReturnTheMetricsBeforeAndAfterEnabling() {
        open().createStream("s", 1);

        final EnhancedMonitoringResult first = broker.enableEnhancedMonitoring("s", OUTGOING_BYTES, INCOMING_BYTES);
        final EnhancedMonitoringResult second = broker.enableEnhancedMonitoring("s", INCOMING_RECORDS);

        assertThat(first.streamName()).isEqualTo("s");
        assertThat(first.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/s");
        assertThat(first.currentShardLevelMetrics()).isEmpty();
        assertThat(first.desiredShardLevelMetrics()).containsExactly(INCOMING_BYTES, OUTGOING_BYTES);
        assertThat(second.currentShardLevelMetrics()).containsExactly(INCOMING_BYTES, OUTGOING_BYTES);
        assertThat(second.desiredShardLevelMetrics()).containsExactly(INCOMING_BYTES, INCOMING_RECORDS,
            OUTGOING_BYTES);
    }

    @Test
    void shouldExpandAllIntoTheSevenMetricsAndClearThemAll() {
        open().createStream("s", 1);

        final EnhancedMonitoringResult enabled = broker.enableEnhancedMonitoring("s", ALL);
        final EnhancedMonitoringResult disabled = broker.disableEnhancedMonitoring("s", ALL);

        assertThat(enabled.desiredShardLevelMetrics()).containsExactlyElementsOf(SEVEN);
        assertThat(disabled.currentShardLevelMetrics()).containsExactlyElementsOf(SEVEN);
        assertThat(disabled.desiredShardLevelMetrics()).isEmpty();
    }

    @Test
    void shouldDisableOnlyTheMetricsNamed() {
        open().createStream("s", 1);
        broker.enableEnhancedMonitoring("s", ALL);

        final EnhancedMonitoringResult result =
            broker.disableEnhancedMonitoring("s", INCOMING_BYTES, ITERATOR_AGE_MILLISECONDS);

        assertThat(result.desiredShardLevelMetrics()).containsExactly(INCOMING_RECORDS, OUTGOING_BYTES,
            OUTGOING_RECORDS, WRITE_PROVISIONED_THROUGHPUT_EXCEEDED, READ_PROVISIONED_THROUGHPUT_EXCEEDED);
    }

    @Test
    void shouldReportTheEnabledMetricsInDescribeStreamAndItsSummary() {
        open().createStream("s", 1);
        assertThat(broker.describeStream("s").enhancedMonitoring())
            .containsExactly(new EnhancedMetrics(List.of()));

        broker.enableEnhancedMonitoring("s", ITERATOR_AGE_MILLISECONDS, INCOMING_RECORDS);

        final List<EnhancedMetrics> expected = List.of(new EnhancedMetrics(List.of(INCOMING_RECORDS,
            ITERATOR_AGE_MILLISECONDS)));
        assertThat(broker.describeStream("s").enhancedMonitoring()).isEqualTo(expected);
        assertThat(broker.describeStreamSummary("s").enhancedMonitoring()).isEqualTo(expected);
    }

    @Test
    void shouldKeepTheSettingAcrossARestart() {
        open().createStream("s", 1);
        broker.enableEnhancedMonitoring("s", OUTGOING_RECORDS);

        reopen();

        assertThat(broker.describeStreamSummary("s").enhancedMonitoring().get(0).shardLevelMetrics())
            .containsExactly(OUTGOING_RECORDS);
    }

    @Test
    void shouldReadMetadataWrittenBeforeEnhancedMonitoringExisted() throws IOException {
        open().createStream("s", 1);
        broker.enableEnhancedMonitoring("s", OUTGOING_RECORDS);
        broker.close();
        final Path metadata = streamJson();
        final String json = Files.readString(metadata);
        final String older = json.replaceAll(",\\s*\"shardLevelMetrics\"\\s*:\\s*\\[[^\\]]*\\]", "");
        assertThat(older).isNotEqualTo(json).doesNotContain("shardLevelMetrics");
        Files.writeString(metadata, older);

        open();

        assertThat(broker.describeStreamSummary("s").enhancedMonitoring())
            .containsExactly(new EnhancedMetrics(List.of()));
        assertThat(broker.enableEnhancedMonitoring("s", INCOMING_BYTES).currentShardLevelMetrics()).isEmpty();
    }

    @Test
    void shouldRefuseAMissingOrEmptyOrTooLongList() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.enableEnhancedMonitoring(
            new EnhancedMonitoringRequest(StreamRequest.of("s"), null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'shardLevelMetrics' failed to satisfy"
                + " constraint: Member must not be null");
        assertThatThrownBy(() -> broker.disableEnhancedMonitoring("s"))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> broker.enableEnhancedMonitoring(new EnhancedMonitoringRequest(
            StreamRequest.of("s"), Collections.nCopies(8, INCOMING_BYTES))))
            .isInstanceOf(ValidationException.class)
            .hasMessageContaining("at 'shardLevelMetrics' failed to satisfy constraint: Member must have length"
                + " less than or equal to 7");
    }

    @Test
    void shouldRefuseAStreamThatDoesNotExistOrIsNotNamed() {
        open();

        assertThatThrownBy(() -> broker.enableEnhancedMonitoring("missing", ALL))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.enableEnhancedMonitoring(
            new EnhancedMonitoringRequest(new StreamRequest(null, null), List.of(ALL))))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Either StreamName or StreamARN must be provided.");
    }

    @Test
    void shouldRefuseAStreamThatIsNotActive() {
        open(b -> b.streamCreationDelayMs(10_000)).createStream("s", 1);

        assertThatThrownBy(() -> broker.enableEnhancedMonitoring("s", ALL))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account 000000000000 not ACTIVE, instead in state CREATING");

        clock.advance(10_000);

        assertThat(broker.enableEnhancedMonitoring("s", ALL).desiredShardLevelMetrics()).hasSize(7);
    }

    private Path streamJson() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(path -> path.getFileName().toString().equals("stream.json")).findFirst()
                .orElseThrow();
        }
    }
}
