package io.embeddedkinesis.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection written and read byte by byte, to see what a library client hides: interim 100
 * responses, whether the connection stays open, and answers sent before the body.
 */
final class RawHttp1Connection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp1Connection(final URI endpoint) throws IOException {
        this(new Socket(endpoint.getHost(), endpoint.getPort()));
    }

    RawHttp1Connection(final Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A response: status line, headers with lower-case names, and the body Content-Length announced. */
    record Response(String statusLine, Map<String, String> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    void write(final String text) throws IOException {
        write(text.getBytes(StandardCharsets.US_ASCII));
    }

    void write(final byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static String post(final String operation, final String extraHeaders, final int contentLength) {
        return "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Kinesis_20131202." + operation + "\r\n"
            + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + contentLength + "\r\n"
            + extraHeaders + "\r\n";
    }

    Response read() throws IOException {
        final String statusLine = line();
        final Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            final int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        final byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Response(statusLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * One chunk of a chunked body.
     *
     * @return its bytes; empty for the last chunk, which ends the body.
     */
    byte[] readChunk() throws IOException {
        final int size = Integer.parseInt(line().trim(), 16);
        final byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
            throw new IOException("connection closed mid-chunk");
        }
        line();
        return chunk;
    }

    /** Whether the server closed the connection: a read sees the end of the stream. */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
