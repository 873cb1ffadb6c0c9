package io.embeddedkinesis.core.exception;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects the constraint violations of one request and reports them as one {@link ValidationException},
 * worded exactly as AWS words model validation errors:
 * {@code "2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must
 * have value greater than or equal to 1; Value null at 'streamName' ..."}.
 *
 * <p>Members are checked in the order the service checks them, and within a member in the order
 * not-null, minimum, maximum, pattern, minimum length, maximum length, enum; at most ten errors are
 * listed, as AWS lists them. Not thread-safe: one instance per request.
 */
public final class ValidationErrors {
    private static final int MAX_REPORTED = 10;

    private final List<String> errors = new ArrayList<>(2);

    /**
     * Checks a string member.
     *
     * @param member      the member name as AWS prints it, e.g. {@code streamName}.
     * @param value       the value, or null if absent.
     * @param required    whether absence is an error.
     * @param pattern     the pattern the value must match, or null for none.
     * @param patternText the pattern as AWS prints it.
     * @param minLength   the minimum length in characters.
     * @param maxLength   the maximum length in characters.
     * @return this, for chaining.
     */
    public ValidationErrors string(
        final String member, final String value, final boolean required,
        final Pattern pattern, final String patternText, final int minLength, final int maxLength) {
        if (value == null) {
            if (required) {
                add(member, null, "Member must not be null");
            }
            return this;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            add(member, value, "Member must satisfy regular expression pattern: " + patternText);
        }
        if (value.length() < minLength) {
            add(member, value, "Member must have length greater than or equal to " + minLength);
        }
        if (value.length() > maxLength) {
            add(member, value, "Member must have length less than or equal to " + maxLength);
        }
        return this;
    }

    /**
     * Checks an integer member.
     *
     * @param member   the member name as AWS prints it.
     * @param value    the value, or null if absent.
     * @param required whether absence is an error.
     * @param min      the smallest allowed value.
     * @param max      the largest allowed value.
     * @return this, for chaining.
     */
    public ValidationErrors number(
        final String member, final Long value, final boolean required, final long min, final long max) {
        if (value == null) {
            if (required) {
                add(member, null, "Member must not be null");
            }
            return this;
        }
        if (value < min) {
            add(member, value.toString(), "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            add(member, value.toString(), "Member must have value less than or equal to " + max);
        }
        return this;
    }

    /**
     * Checks a binary member; AWS prints its value as the {@code ByteBuffer} that held it.
     *
     * @param member    the member name as AWS prints it.
     * @param length    the value's length, or -1 if absent.
     * @param required  whether absence is an error.
     * @param maxLength the largest allowed length in bytes.
     * @return this, for chaining.
     */
    public ValidationErrors blob(final String member, final long length, final boolean required, final long maxLength) {
        if (length < 0) {
            if (required) {
                add(member, null, "Member must not be null");
            }
            return this;
        }
        if (length > maxLength) {
            add(member, "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]",
                "Member must have length less than or equal to " + maxLength);
        }
        return this;
    }

    /**
     * Records a blob longer than a limit that the service sets per resource rather than the model (a
     * stream's maximum record size). AWS words this one differently from the model's checks: without the
     * value and with a closing period, e.g. {@code "Value at 'records.1.member.data' failed to satisfy
     * constraint: Member must have length less than or equal to 1048576."}.
     *
     * @param member    the member name as AWS prints it.
     * @param maxLength the largest allowed length in bytes.
     * @return this, for chaining.
     */
    public ValidationErrors tooLong(final String member, final long maxLength) {
        if (errors.size() < MAX_REPORTED) {
            errors.add("Value at '" + member + "' failed to satisfy constraint: Member must have length less than or"
                + " equal to " + maxLength + ".");
        }
        return this;
    }

    /**
     * Checks that a required member is present.
     *
     * @param member  the member name as AWS prints it.
     * @param present whether the member is present.
     * @return this, for chaining.
     */
    public ValidationErrors notNull(final String member, final boolean present) {
        if (!present) {
            add(member, null, "Member must not be null");
        }
        return this;
    }

    /**
     * Records a violation found by a check of the caller's own.
     *
     * @param member     the member name as AWS prints it.
     * @param value      the value as AWS prints it (without quotes), or null.
     * @param constraint the constraint, e.g. {@code "Member must have length less than or equal to 500"}.
     * @return this, for chaining.
     */
    public ValidationErrors add(final String member, final String value, final String constraint) {
        if (errors.size() < MAX_REPORTED) {
            errors.add("Value " + (value == null ? "null" : "'" + value + "'") + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
        }
        return this;
    }

    /**
     * Whether no violation was recorded.
     *
     * @return true if the request is valid so far.
     */
    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /**
     * Throws if any violation was recorded.
     *
     * @throws ValidationException listing every recorded violation.
     */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s")
                + " detected: " + String.join("; ", errors));
        }
    }
}
