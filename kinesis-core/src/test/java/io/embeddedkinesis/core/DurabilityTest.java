package io.embeddedkinesis.core;

import io.embeddedkinesis.core.log.Durability;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DurabilityTest extends BrokerTestSupport {
    @ParameterizedTest
    @EnumSource(Durability.class)
    void shouldWriteAndReopenUnderEveryDurability(final Durability durability) {
        open(b -> b.durability(durability).fsyncIntervalMs(1)).createStream("s", 2);
        broker.putRecord("s", "k", bytes("one"));
        clock.advance(5);
        broker.putRecords("s", List.of(PutRecordsRequestEntry.of("a", bytes("two")),
            PutRecordsRequestEntry.of("b", bytes("three"))));

        reopen();

        assertThat(readAll("s")).extracting(BrokerTestSupport::text).containsExactlyInAnyOrder("one", "two", "three");
    }
}
