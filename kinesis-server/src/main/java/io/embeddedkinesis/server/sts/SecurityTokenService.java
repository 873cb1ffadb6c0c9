package io.embeddedkinesis.server.sts;

import io.embeddedkinesis.server.auth.AuthenticationException;
import io.embeddedkinesis.server.auth.RequestAuthenticator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers the one AWS STS call that Kinesis clients make of their own, {@code GetCallerIdentity}, on the
 * Kinesis endpoint, so that they run against it with both endpoints set to it. The Kinesis Producer Library
 * (0.15 and later) calls it before its first put, to learn the account for the stream's ARN, and stops if it
 * fails; scripts call it ({@code aws sts get-caller-identity}) to check their credentials.
 *
 * <p>A request is taken for STS, not Kinesis, when it is a form-encoded {@code POST} without an
 * {@code X-Amz-Target} whose SigV4 credential names the service {@code sts}: the Query protocol STS speaks,
 * signed the way every SDK signs for STS. It is authenticated as a Kinesis request is, but for the service
 * {@code sts}, and answered in STS's XML: the caller is the account's root,
 * {@code arn:<partition>:iam::<account>:root}, the identity AWS reports for an account's own keys. Any other
 * action is refused as STS refuses an action it does not have.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecurityTokenService {
    /** The service a request's credential scope names when it is for STS. */
    public static final String SERVICE = "sts";

    private static final String VERSION = "2011-06-15";
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/" + VERSION + "/";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CREDENTIAL = "Credential=";
    private static final String REQUEST_ID = "x-amzn-RequestId";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final String accountId;
    private final String partition;
    private final RequestAuthenticator authenticator;

    /**
     * @param accountId     the account the caller belongs to, as in the broker's ARNs.
     * @param partition     the partition of the broker's region, e.g. {@code aws}.
     * @param authenticator checks each request's signature, as for Kinesis requests.
     */
    public SecurityTokenService(final String accountId, final String partition,
        final RequestAuthenticator authenticator) {
        this.accountId = accountId;
        this.partition = partition;
        this.authenticator = authenticator;
    }

    /**
     * Whether a request is for STS rather than Kinesis.
     *
     * @param request the request's head.
     * @return true for a form-encoded {@code POST} without {@code X-Amz-Target}, signed for {@code sts}.
     */
    public static boolean isFor(final HttpRequest request) {
        // Every Kinesis request passes here: the cheap tests that rule it out come first.
        return HttpMethod.POST.equals(request.method()) && !request.headers().contains("X-Amz-Target")
            && request.headers().get(HttpHeaderNames.CONTENT_TYPE, "").regionMatches(true, 0, FORM, 0, FORM.length())
            && SERVICE.equals(scopedService(request.headers().get(HttpHeaderNames.AUTHORIZATION, "")));
    }

    /** The service named in an {@code Authorization} header's credential, or null if it names none. */
    private static String scopedService(final String authorization) {
        final int start = authorization.indexOf(CREDENTIAL);
        if (start < 0) {
            return null;
        }
        int end = start + CREDENTIAL.length();
        while (end < authorization.length() && authorization.charAt(end) != ','
            && !Character.isWhitespace(authorization.charAt(end))) {
            end++;
        }
        final String[] scope = authorization.substring(start + CREDENTIAL.length(), end).split("/", -1);
        return scope.length == 5 ? scope[3] : null;
    }

    /**
     * Answers an STS request.
     *
     * @param request a request {@link #isFor} accepts, body included.
     * @return the answer: the caller's identity, or STS's error.
     */
    public FullHttpResponse answer(final FullHttpRequest request) {
        final String requestId = UUID.randomUUID().toString();
        try {
            authenticator.authenticate(request, SERVICE);
        } catch (final AuthenticationException ex) {
            return error(requestId, isSignatureFault(ex) ? HttpResponseStatus.FORBIDDEN
                : HttpResponseStatus.valueOf(ex.status()), queryCode(ex.errorType()), ex.getMessage());
        }
        final Map<String, List<String>> form = new QueryStringDecoder(
            request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
        final String action = first(form, "Action");
        if (action == null) {
            return error(requestId, HttpResponseStatus.BAD_REQUEST, "MissingAction",
                "The request is missing an action or a required parameter.");
        }
        if (!"GetCallerIdentity".equals(action) || !VERSION.equals(first(form, "Version"))) {
            return error(requestId, HttpResponseStatus.BAD_REQUEST, "InvalidAction",
                "Could not find operation " + action + " for version " + first(form, "Version"));
        }
        return callerIdentity(requestId);
    }

    private FullHttpResponse callerIdentity(final String requestId) {
        return xml(requestId, HttpResponseStatus.OK, writer -> {
            writer.writeStartElement("GetCallerIdentityResponse");
            writer.writeDefaultNamespace(NAMESPACE);
            writer.writeStartElement("GetCallerIdentityResult");
            element(writer, "Arn", "arn:" + partition + ":iam::" + accountId + ":root");
            element(writer, "UserId", accountId);
            element(writer, "Account", accountId);
            writer.writeEndElement();
            writer.writeStartElement("ResponseMetadata");
            element(writer, "RequestId", requestId);
            writer.writeEndElement();
            writer.writeEndElement();
        });
    }

    private static FullHttpResponse error(final String requestId, final HttpResponseStatus status, final String code,
        final String message) {
        return xml(requestId, status, writer -> {
            writer.writeStartElement("ErrorResponse");
            writer.writeDefaultNamespace(NAMESPACE);
            writer.writeStartElement("Error");
            element(writer, "Type", "Sender");
            element(writer, "Code", code);
            element(writer, "Message", message);
            writer.writeEndElement();
            element(writer, "RequestId", requestId);
            writer.writeEndElement();
        });
    }

    /**
     * The Query protocol's name for a signature refusal: STS says {@code SignatureDoesNotMatch} where Kinesis
     * says {@code InvalidSignatureException}, and drops the {@code Exception} suffix from the others.
     */
    private static String queryCode(final String kinesisErrorType) {
        return switch (kinesisErrorType) {
            case "InvalidSignatureException" -> "SignatureDoesNotMatch";
            case "UnrecognizedClientException" -> "InvalidClientTokenId";
            default -> kinesisErrorType.endsWith("Exception")
                ? kinesisErrorType.substring(0, kinesisErrorType.length() - "Exception".length()) : kinesisErrorType;
        };
    }

    /** STS answers a refused signature or key with 403, where Kinesis's JSON protocol answers 400. */
    private static boolean isSignatureFault(final AuthenticationException ex) {
        return switch (ex.errorType()) {
            case "InvalidSignatureException", "UnrecognizedClientException", "MissingAuthenticationTokenException" ->
                true;
            default -> false;
        };
    }

    private static String first(final Map<String, List<String>> form, final String name) {
        final List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void element(final XMLStreamWriter writer, final String name, final String text)
        throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text == null ? "" : text);
        writer.writeEndElement();
    }

    private static FullHttpResponse xml(final String requestId, final HttpResponseStatus status, final Body body) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            final XMLStreamWriter writer;
            // StAX promises nothing about a factory shared by threads; making a writer is quick.
            synchronized (XML) {
                writer = XML.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            }
            body.write(writer);
            writer.writeCharacters("\n");
            writer.close();
        } catch (final XMLStreamException ex) {
            throw new IllegalStateException("could not write an STS answer", ex);
        }
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.wrappedBuffer(bytes.toByteArray()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml").set(REQUEST_ID, requestId);
        return response;
    }

    /** Writes an answer's document. */
    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }
}
