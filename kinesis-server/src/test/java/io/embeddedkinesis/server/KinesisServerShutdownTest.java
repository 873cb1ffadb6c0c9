package io.embeddedkinesis.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a server waits a bounded time for each of its event loop groups, so that a loop that does not stop
 * (stuck in a task, or in {@code select} as once seen with a profiler attached) cannot keep a SIGTERM'd process
 * from closing its broker.
 */
class KinesisServerShutdownTest {
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldGoOnWithoutAGroupWhoseLoopDoesNotStop() throws InterruptedException {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        group.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
        try {
            assertThat(KinesisServer.shutDown(group, 100)).isFalse();
            assertThat(group.isTerminated()).isFalse();
        } finally {
            release.countDown();
        }
        assertThat(group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldWaitForAGroupThatStops() {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        group.submit(() -> { }).syncUninterruptibly();

        assertThat(KinesisServer.shutDown(group, TimeUnit.SECONDS.toMillis(5))).isTrue();
        assertThat(group.isTerminated()).isTrue();
    }
}
