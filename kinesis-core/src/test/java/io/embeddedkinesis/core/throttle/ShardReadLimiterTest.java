package io.embeddedkinesis.core.throttle;

import io.embeddedkinesis.core.ShardLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardReadLimiterTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void shouldAdmitFiveCallsASecond() {
        final ShardReadLimiter limiter = ShardReadLimiter.forGetRecords(ShardLimits.KINESIS_DEFAULTS, 0);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquireCall(0)).isTrue();
        }
        assertThat(limiter.tryAcquireCall(0)).isFalse();
        assertThat(limiter.tryAcquireCall(199)).isFalse();
        assertThat(limiter.tryAcquireCall(200)).isTrue();
    }

    @Test
    void shouldRefuseGetRecordsForFiveSecondsAfterAResponseOfTenMib() {
        final ShardReadLimiter limiter = ShardReadLimiter.forGetRecords(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        limiter.onBytesRead(10 * MIB);

        assertThat(limiter.tryAcquireCall(1_000)).isFalse();
        assertThat(limiter.tryAcquireCall(4_999)).isFalse();
        assertThat(limiter.tryAcquireCall(5_001)).isTrue();
    }

    @Test
    void shouldRefuseGetRecordsForASecondMoreThanAnOverdraftTakesToRepay() {
        final ShardReadLimiter limiter = ShardReadLimiter.forGetRecords(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        limiter.onBytesRead(3 * MIB);

        // 1 MiB over the full 2 MiB budget: half a second to repay it, and the second it costs.
        assertThat(limiter.tryAcquireCall(1_499)).isFalse();
        assertThat(limiter.tryAcquireCall(1_501)).isTrue();
    }

    @Test
    void shouldChargeTheExtraSecondOnlyToTheResponseThatOverdrewTheBudget() {
        final ShardReadLimiter limiter = ShardReadLimiter.forGetRecords(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        limiter.onBytesRead(10 * MIB);
        // The second call was admitted before the first was charged; what it returns is charged into the debt.
        limiter.onBytesRead(0);

        assertThat(limiter.tryAcquireCall(4_999)).isFalse();
        assertThat(limiter.tryAcquireCall(5_001)).isTrue();
    }

    @Test
    void shouldChargeNoExtraSecondForAResponseWithinTheBudget() {
        final ShardReadLimiter limiter = ShardReadLimiter.forGetRecords(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        limiter.onBytesRead(MIB);
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        limiter.onBytesRead(MIB - 1);

        assertThat(limiter.tryAcquireCall(0)).isTrue();
    }

    @Test
    void shouldPaceASubscriptionByItsDebtAlone() {
        final ShardReadLimiter limiter = ShardReadLimiter.forSubscription(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquireCall(0)).isTrue();
        limiter.onBytesRead(10 * MIB);

        assertThat(limiter.tryAcquireCall(3_999)).isFalse();
        assertThat(limiter.tryAcquireCall(4_001)).isTrue();
    }
}
