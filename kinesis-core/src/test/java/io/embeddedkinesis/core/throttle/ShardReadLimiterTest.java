package io.embeddedkinesis.core.throttle;

import io.embeddedkinesis.core.ShardLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardReadLimiterTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void shouldAdmitFiveCallsASecond() {
        final ShardReadLimiter limiter = new ShardReadLimiter(ShardLimits.KINESIS_DEFAULTS, 0);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquireCall(0)).isTrue();
        }
        assertThat(limiter.tryAcquireCall(0)).isFalse();
        assertThat(limiter.tryAcquireCall(199)).isFalse();
        assertThat(limiter.tryAcquireCall(200)).isTrue();
    }

    @Test
    void shouldRefuseCallsUntilALargeReadIsPaidBack() {
        final ShardReadLimiter limiter = new ShardReadLimiter(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        limiter.onBytesRead(10 * MIB);

        assertThat(limiter.tryAcquireCall(1_000)).isFalse();
        assertThat(limiter.tryAcquireCall(3_999)).isFalse();
        assertThat(limiter.tryAcquireCall(4_001)).isTrue();
    }
}
