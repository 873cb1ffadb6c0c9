package io.embeddedkinesis.server.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * The two encodings of the Kinesis JSON protocol: AWS JSON 1.1, and CBOR, which the AWS SDK for Java
 * sends by default. They carry the same documents; they differ in how blobs (base64 text or byte strings)
 * and timestamps (epoch seconds or tag 1 with epoch milliseconds) are written.
 */
public enum WireFormat {
    /** {@code application/x-amz-json-1.1}. */
    JSON("application/x-amz-json-1.1", new ObjectMapper()),
    /** {@code application/x-amz-cbor-1.1}. */
    CBOR("application/x-amz-cbor-1.1", new ObjectMapper(new CBORFactory()));

    private final String contentType;
    private final ObjectMapper mapper;

    WireFormat(final String contentType, final ObjectMapper mapper) {
        this.contentType = contentType;
        this.mapper = mapper;
    }

    /**
     * The media type of requests and responses in this encoding.
     *
     * @return e.g. {@code application/x-amz-json-1.1}.
     */
    public String contentType() {
        return contentType;
    }

    /**
     * A mapper that reads and writes this encoding; thread-safe.
     *
     * @return the mapper.
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Finds the encoding of a request's content type.
     *
     * @param contentType the {@code Content-Type} header, parameters allowed.
     * @return the encoding, or null if the content type is not one of the two.
     */
    public static WireFormat of(final String contentType) {
        if (contentType == null) {
            return null;
        }
        final int semicolon = contentType.indexOf(';');
        final String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        for (final WireFormat format : values()) {
            if (format.contentType.equalsIgnoreCase(type)) {
                return format;
            }
        }
        return null;
    }
}
