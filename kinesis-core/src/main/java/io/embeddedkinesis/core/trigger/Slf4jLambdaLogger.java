package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * A function's {@link LambdaLogger} on SLF4J: what Lambda would send to the function's CloudWatch log group
 * goes to the logger {@code io.embeddedkinesis.core.trigger.function.<functionName>}, at the level the
 * function gives ({@code FATAL} as error; none, or {@code UNDEFINED}, as info).
 *
 * <p>Thread-safe, as SLF4J loggers are.
 */
final class Slf4jLambdaLogger implements LambdaLogger {
    private final Logger logger;

    Slf4jLambdaLogger(final String functionName) {
        this.logger = LoggerFactory.getLogger("io.embeddedkinesis.core.trigger.function." + functionName);
    }

    @Override
    public void log(final String message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(final byte[] message) {
        log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
    }

    @Override
    public void log(final byte[] message, final LogLevel level) {
        log(new String(message, StandardCharsets.UTF_8), level);
    }

    @Override
    public void log(final String message, final LogLevel level) {
        switch (level == null ? LogLevel.UNDEFINED : level) {
            case TRACE -> logger.trace(message);
            case DEBUG -> logger.debug(message);
            case WARN -> logger.warn(message);
            case ERROR, FATAL -> logger.error(message);
            default -> logger.info(message);
        }
    }
}
