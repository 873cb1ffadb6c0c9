package io.embeddedkinesis.core.stream;

import java.util.regex.Pattern;

/**
 * The patterns of the Kinesis model that requests are validated against, with their text as AWS prints
 * it in validation messages.
 */
public final class RequestPatterns {
    /** Stream and consumer names, and shard ids. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** {@link #NAME} as AWS prints it. */
    public static final String NAME_TEXT = "[a-zA-Z0-9_.-]+";
    /** Sequence numbers. */
    public static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");
    /** {@link #SEQUENCE_NUMBER} as AWS prints it. */
    public static final String SEQUENCE_NUMBER_TEXT = "0|([1-9]\\d{0,128})";
    /** Hash keys. */
    public static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    /** {@link #HASH_KEY} as AWS prints it. */
    public static final String HASH_KEY_TEXT = "0|([1-9]\\d{0,38})";
    /** Stream ARNs. */
    public static final Pattern STREAM_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    /** {@link #STREAM_ARN} as AWS prints it. */
    public static final String STREAM_ARN_TEXT = "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+";
    /** The ARNs of taggable resources: streams and their consumers ({@code ResourceARN}). */
    public static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");
    /** {@link #RESOURCE_ARN} as AWS prints it. */
    public static final String RESOURCE_ARN_TEXT = "arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+";

    /** Consumer ARNs ({@code ConsumerARN}): {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}. */
    public static final Pattern CONSUMER_ARN = Pattern.compile(
        "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
    /** {@link #CONSUMER_ARN} as AWS prints it. */
    public static final String CONSUMER_ARN_TEXT =
        "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+";

    private RequestPatterns() {
    }
}
