package io.embeddedkinesis.benchmarks.baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class LoopbackEchoTest {
    @Test
    void shouldAnswerEveryRequestWithAResponseOfItsSize() {
        try (LoopbackEcho echo = LoopbackEcho.start(1_100, 300)) {
            for (int i = 0; i < 1_000; i++) {
                assertThat(echo.roundTrip()).isEqualTo(300);
            }
        }
    }

    @Test
    void shouldRefuseRoundTripsOnceClosed() {
        final LoopbackEcho echo = LoopbackEcho.start(10, 10);
        echo.roundTrip();
        echo.close();

        assertThatThrownBy(echo::roundTrip).isInstanceOf(UncheckedIOException.class);
    }
}
