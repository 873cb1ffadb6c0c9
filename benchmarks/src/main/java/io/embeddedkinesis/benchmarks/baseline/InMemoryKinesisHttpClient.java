package io.embeddedkinesis.benchmarks.baseline;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The other half of the client's floor: an AWS SDK HTTP client that never touches the network, answering each
 * {@code PutRecord}, {@code PutRecords} and {@code GetRecords} call in memory with
 * {@link CannedKinesisEndpoint}'s fixed responses, after reading the request body as a real client would send
 * it. A {@code KinesisClient} built on it does everything a call does except the HTTP exchange: building,
 * marshalling and signing the request, and unmarshalling the response.
 *
 * <p>Thread-safe; the responses are encoded once, at construction.
 */
public final class InMemoryKinesisHttpClient implements SdkHttpClient {
    private static final int OK = 200;
    private static final int BAD_REQUEST = 400;

    private final CannedResponses json;
    private final CannedResponses cbor;

    /**
     * Encodes the responses.
     *
     * @param putRecordsCount how many entries each {@code PutRecords} response has.
     * @param getRecordsCount how many records each {@code GetRecords} response has.
     * @param dataSizeBytes   the data length of each of those records.
     */
    public InMemoryKinesisHttpClient(final int putRecordsCount, final int getRecordsCount,
        final int dataSizeBytes) {
        this.json = new CannedResponses(false, putRecordsCount, getRecordsCount, dataSizeBytes);
        this.cbor = new CannedResponses(true, putRecordsCount, getRecordsCount, dataSizeBytes);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(final HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return respond(request);
            }

            @Override
            public void abort() {
                // Answered synchronously in call(): there is nothing in flight to abort.
            }
        };
    }

    private HttpExecuteResponse respond(final HttpExecuteRequest request) {
        request.contentStreamProvider().ifPresent(InMemoryKinesisHttpClient::drain);
        final SdkHttpRequest head = request.httpRequest();
        final String contentType = head.firstMatchingHeader(CannedResponses.CONTENT_TYPE).orElse("");
        final CannedResponses responses = contentType.startsWith(CannedResponses.CBOR_TYPE) ? cbor : json;
        final byte[] body = responses.forTarget(head.firstMatchingHeader(CannedResponses.TARGET).orElse(""));
        final SdkHttpResponse.Builder response = SdkHttpResponse.builder()
            .statusCode(body == null ? BAD_REQUEST : OK)
            .putHeader(CannedResponses.CONTENT_TYPE, responses.contentType())
            .putHeader(CannedResponses.REQUEST_ID, CannedResponses.REQUEST_ID_VALUE);
        final byte[] content = body == null ? responses.unknownOperation() : body;
        if (body == null) {
            response.putHeader(CannedResponses.ERROR_TYPE, CannedResponses.UNKNOWN_OPERATION);
        }
        response.putHeader("Content-Length", Integer.toString(content.length));
        return HttpExecuteResponse.builder()
            .response(response.build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(content)))
            .build();
    }

    private static void drain(final ContentStreamProvider provider) {
        try (InputStream body = provider.newStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String clientName() {
        return "InMemory";
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
