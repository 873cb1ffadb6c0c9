package io.embeddedkinesis.benchmarks.baseline;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The network half of the client's floor: a bare TCP round trip over 127.0.0.1. The caller's thread sends a
 * message the size of a request and waits for one the size of a response, which a thread of this class sends
 * back as soon as the request is in, on blocking sockets with Nagle's algorithm off. No HTTP is parsed on
 * either side: it is the least any request and response over loopback can take on the machine, two thread
 * wake-ups and the kernel's TCP path included.
 *
 * <p>{@link #roundTrip()} is for one thread at a time.
 */
public final class LoopbackEcho implements AutoCloseable {
    private final ServerSocket listener;
    private final Socket client;
    private final Thread responder;
    private final byte[] request;
    private final byte[] response;

    private LoopbackEcho(final int requestBytes, final int responseBytes) throws IOException {
        this.request = new byte[requestBytes];
        this.response = new byte[responseBytes];
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.responder = new Thread(this::respond, "loopback-echo");
        responder.setDaemon(true);
        responder.start();
        try {
            this.client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            client.setTcpNoDelay(true);
        } catch (final IOException ex) {
            listener.close();
            throw ex;
        }
    }

    /**
     * Opens a connection over loopback with a responder at its far end.
     *
     * @param requestBytes  the size of each message sent.
     * @param responseBytes the size of each message answered.
     * @return the open connection.
     * @throws UncheckedIOException if the sockets cannot be opened.
     */
    public static LoopbackEcho start(final int requestBytes, final int responseBytes) {
        try {
            return new LoopbackEcho(requestBytes, responseBytes);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Sends one request-sized message and waits for the response-sized answer.
     *
     * @return the answer's size, for JMH to consume.
     * @throws UncheckedIOException if the connection fails or the responder has stopped.
     */
    public int roundTrip() {
        try {
            final OutputStream out = client.getOutputStream();
            out.write(request);
            out.flush();
            final int read = client.getInputStream().readNBytes(response, 0, response.length);
            if (read < response.length) {
                throw new EOFException("the responder closed the connection");
            }
            return read;
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void respond() {
        try (Socket socket = listener.accept()) {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            final byte[] received = new byte[request.length];
            while (in.readNBytes(received, 0, received.length) == received.length) {
                out.write(response);
                out.flush();
            }
        } catch (final IOException ex) {
            // Closing the connection ends the responder; there is no one to tell.
        }
    }

    /** Closes the connection, which ends the responder; idempotent. */
    @Override
    public void close() {
        try {
            client.close();
            listener.close();
            responder.join(2_000);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
