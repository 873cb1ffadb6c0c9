package io.embeddedkinesis.server;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The server's own threads still alive, told apart from the SDK's and the JDK client's by their names.
 */
final class ServerThreads {
    /** A thread whose event loop has terminated may still be returning from its run method. */
    private static final long EXIT_WAIT_MS = 5_000;

    private ServerThreads() {
    }

    static List<String> aliveAfterClose() throws InterruptedException {
        final List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith(KinesisServer.THREAD_PREFIX))
            .collect(Collectors.toList());
        for (final Thread thread : threads) {
            thread.join(EXIT_WAIT_MS);
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList());
    }
}
