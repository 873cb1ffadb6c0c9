package io.embeddedkinesis.core.throttle;

import io.embeddedkinesis.core.ShardLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShardWriteLimiterTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void shouldAdmitAThousandRecordsASecondAndNoMore() {
        final ShardWriteLimiter limiter = new ShardWriteLimiter(ShardLimits.KINESIS_DEFAULTS, 0);

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(1, 10, 0)).isTrue();
        }
        assertThat(limiter.tryAcquire(1, 10, 0)).isFalse();
        assertThat(limiter.tryAcquire(1, 10, 1)).isTrue();
        assertThat(limiter.tryAcquire(1, 10, 1)).isFalse();
    }

    @Test
    void shouldAdmitOneMebibyteASecond() {
        final ShardWriteLimiter limiter = new ShardWriteLimiter(ShardLimits.KINESIS_DEFAULTS, 0);

        assertThat(limiter.tryAcquire(1, MIB, 0)).isTrue();
        assertThat(limiter.tryAcquire(1, 1, 0)).isFalse();
        assertThat(limiter.tryAcquire(1, MIB / 2, 499)).isFalse();
        assertThat(limiter.tryAcquire(1, MIB / 2, 500)).isTrue();
    }

    @Test
    void shouldCountWhatItWasOfferedAndWhatItRefused() {
        final ShardWriteLimiter limiter = new ShardWriteLimiter(ShardLimits.KINESIS_DEFAULTS, 0);
        limiter.tryAcquire(1, MIB - 100, 0);
        final WriteLoad before = limiter.load();

        limiter.tryAcquire(1, 200, 0);
        limiter.tryAcquire(1, 100, 0);

        assertThat(before).isEqualTo(new WriteLoad(1, MIB - 100, 0));
        assertThat(limiter.load()).isEqualTo(new WriteLoad(3, MIB + 200, 1));
        assertThat(limiter.load().since(before)).isEqualTo(new WriteLoad(2, 300, 1));
        assertThat(new ShardWriteLimiter(ShardLimits.NONE, 0).load()).isEqualTo(WriteLoad.NONE);
    }

    @Test
    void shouldChargeNothingForARefusedWrite() {
        final ShardWriteLimiter limiter = new ShardWriteLimiter(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquire(1, MIB - 100, 0)).isTrue();

        assertThat(limiter.tryAcquire(1, 200, 0)).isFalse();
        assertThat(limiter.tryAcquire(1, 100, 0)).isTrue();
    }

    @Test
    void shouldAdmitARecordLargerThanASecondsWorthOnlyWithAFullBucketAndPayItBack() {
        final ShardWriteLimiter limiter = new ShardWriteLimiter(ShardLimits.KINESIS_DEFAULTS, 0);
        assertThat(limiter.tryAcquire(1, 1, 0)).isTrue();

        assertThat(limiter.tryAcquire(1, 10 * MIB, 0)).as("one byte short of full").isFalse();
        assertThat(limiter.tryAcquire(1, 10 * MIB, 1)).isTrue();
        assertThat(limiter.tryAcquire(1, 1, 9_001)).as("nine seconds to pay back nine MiB of debt").isFalse();
        assertThat(limiter.tryAcquire(1, 1, 9_002)).isTrue();
        assertThat(limiter.tryAcquire(1, 10 * MIB, 9_002)).isFalse();
        assertThat(limiter.tryAcquire(1, 10 * MIB, 10_002)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0, 1000", "1000, 1000", "5000, 1000"})
    void shouldNotAccumulateMoreThanOneSecondOfBurst(final long idleMs, final int expectedAdmitted) {
        final ShardWriteLimiter limiter = new ShardWriteLimiter(ShardLimits.KINESIS_DEFAULTS, 0);

        int admitted = 0;
        while (limiter.tryAcquire(1, 1, idleMs)) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(expectedAdmitted);
    }

    @Test
    void shouldAdmitEverythingWhenUnlimited() {
        final ShardWriteLimiter limiter = new ShardWriteLimiter(ShardLimits.NONE, 0);

        for (int i = 0; i < 100_000; i++) {
            assertThat(limiter.tryAcquire(1, MIB, 0)).isTrue();
        }
        assertThat(limiter.isUnlimited()).isTrue();
    }
}
