package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ARNs begin with the partition of the broker's region, as they do in AWS's other partitions. */
class PartitionArnTest extends BrokerTestSupport {
    @ParameterizedTest
    @CsvSource({"us-east-1, aws", "eu-west-1, aws", "cn-north-1, aws-cn", "cn-northwest-1, aws-cn",
        "us-gov-west-1, aws-us-gov", "us-iso-east-1, aws-iso", "us-isob-east-1, aws-iso-b",
        "eu-isoe-west-1, aws-iso-e", "us-isof-south-1, aws-iso-f", "eusc-de-east-1, aws-eusc"})
    void shouldNameThePartitionOfTheRegion(final String region, final String partition) {
        assertThat(BrokerConfig.builder().region(region).build().partition()).isEqualTo(partition);
    }

    @Test
    void shouldBeginStreamAndConsumerArnsWithTheRegionsPartition() {
        open(b -> b.region("cn-north-1")).createStream("orders", 1);
        final String arn = broker.describeStreamSummary("orders").streamARN();

        assertThat(arn).isEqualTo("arn:aws-cn:kinesis:cn-north-1:000000000000:stream/orders");
        assertThat(broker.describeStream(arn).streamName()).isEqualTo("orders");
        assertThat(broker.registerStreamConsumer(arn, "c").consumerARN()).startsWith(arn + "/consumer/c:");
        assertThatThrownBy(() -> broker.describeStream("arn:aws:kinesis:cn-north-1:000000000000:stream/orders"))
            .isInstanceOf(ResourceNotFoundException.class);
    }
}
