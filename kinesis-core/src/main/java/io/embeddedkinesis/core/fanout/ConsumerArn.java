package io.embeddedkinesis.core.fanout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A consumer ARN taken apart: {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}, as Kinesis
 * forms it. The creation time tells apart consumers of one name registered at different times.
 *
 * @param streamArn            the ARN of the consumer's stream.
 * @param consumerName         the consumer's name.
 * @param creationEpochSeconds when it was registered, in epoch seconds.
 */
record ConsumerArn(String streamArn, String consumerName, long creationEpochSeconds) {
    private static final Pattern PARTS = Pattern.compile(
        "(arn:aws.*:kinesis:.*:\\d{12}:.*stream/[a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):([0-9]{1,18})");

    /**
     * The ARN of a consumer.
     *
     * @param streamArn    its stream's ARN.
     * @param consumerName its name.
     * @param createdAtMs  when it was registered.
     * @return the ARN.
     */
    static String of(final String streamArn, final String consumerName, final long createdAtMs) {
        return streamArn + "/consumer/" + consumerName + ":" + createdAtMs / 1000;
    }

    /**
     * Takes an ARN apart.
     *
     * @param arn an ARN that passed the model's pattern.
     * @return its parts, or null if it cannot name a consumer of this broker (a creation time too large).
     */
    static ConsumerArn parse(final String arn) {
        final Matcher matcher = PARTS.matcher(arn);
        if (!matcher.matches()) {
            return null;
        }
        return new ConsumerArn(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3)));
    }
}
