package dev.s3legacy.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLException;

import dev.s3legacy.client.model.ErrorDocument;
import dev.s3legacy.client.xml.S3Xml;
import dev.s3legacy.client.xml.S3XmlErrorDocumentException;
import dev.s3legacy.client.xml.S3XmlException;

/**
 * Turns what the transport brought back, a response or the error that stood in for one, into an
 * {@link Outcome}: the operation's parsed result, or a typed failure. Reads error documents, checks
 * a body against its Content-Length, and bounds the documents it parses.
 */
final class ResponseClassifier {

    /** Error documents are read up to this size; the rest is drained. */
    static final int MAX_ERROR_BODY = 64 * 1024;
    /** Codes of credentials that expired (400 or 403): worth one refresh and one retry. */
    private static final Set<String> EXPIRED_CREDENTIALS_CODES = Set.of("ExpiredToken", "TokenRefreshRequired");
    private static final Set<String> THROTTLING_CODES = Set.of("SlowDown", "TooManyRequests", "Throttling",
            "ThrottlingException", "RequestLimitExceeded");

    private ResponseClassifier() {
    }

    static boolean isError(int status) {
        return status >= 300 && status != 304;
    }

    /** A response whose body has arrived (bounded for errors, spooled for results). */
    static Outcome classify(S3Request<?> request, HttpResponse<SpooledBody> http) {
        Headers headers = new Headers(http.headers().map());
        S3Response response = new S3Response(http.statusCode(), headers, http.body());
        if (isError(http.statusCode())) {
            try (response) {
                return classifyError(request, response);
            }
        }
        return parse(request, response);
    }

    private static Outcome parse(S3Request<?> request, S3Response response) {
        ResponseParser<?> parser = request.operation().parser();
        try {
            Outcome.Failure bad = checkBody(request, response);
            if (bad != null) {
                response.close();
                return bad;
            }
            Object result = parser.parse(response);
            if (!parser.keepsResponse()) {
                response.close();
            }
            return new Outcome.Ok(result);
        } catch (S3XmlErrorDocumentException e) {
            // a 200 whose body is an <Error> (CompleteMultipartUpload, CopyObject may answer so)
            response.close();
            ErrorDocument doc = e.getErrorDocument();
            return new Outcome.ServiceError(response.statusCode(), doc.getCode(), doc.getMessage(), doc.getRequestId(), null);
        } catch (S3XmlException | IOException e) {
            response.close();
            return new Outcome.InvalidResponse(response.statusCode(), "unreadable response: " + e.getMessage(),
                    response.requestId(), e);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /**
     * A body shorter or longer than its Content-Length is a failed transfer, never a short object; a
     * document (anything the operation parses rather than hands over) is bounded.
     */
    private static Outcome.Failure checkBody(S3Request<?> request, S3Response response) {
        long received = response.body().length();
        if (!request.operation().method().equals("HEAD") && response.statusCode() != 304 && response.statusCode() != 204
                && !response.headers().contains("Content-Encoding")) {
            long declared = response.contentLength();
            if (declared >= 0 && declared != received) {
                return new Outcome.TransportError(Outcome.TransportKind.INCOMPLETE_BODY, response.statusCode(),
                        "received " + received + " bytes of " + declared, null);
            }
        }
        if (!request.operation().parser().keepsResponse() && received > S3Limits.MAX_DOCUMENT_BYTES) {
            return new Outcome.InvalidResponse(response.statusCode(), "the " + request.operation() + " document is "
                    + received + " bytes, more than the " + S3Limits.MAX_DOCUMENT_BYTES + " bytes this client reads",
                    response.requestId(), null);
        }
        return null;
    }

    private static Outcome classifyError(S3Request<?> request, S3Response response) {
        byte[] body = response.body().bytes();
        ErrorDocument doc = S3Xml.parseError(body);
        int status = response.statusCode();
        String code = doc.getCode() != null ? doc.getCode() : codeForStatus(status, request);
        String requestId = doc.getRequestId() != null ? doc.getRequestId() : response.requestId();
        String text = body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
        String message = doc.getMessage() != null || status != 407 ? doc.getMessage() : PROXY_AUTHENTICATION_HINT;
        Outcome.ServiceError error = new Outcome.ServiceError(status, code, message, requestId, text);

        String region = response.header("x-amz-bucket-region") != null ? response.header("x-amz-bucket-region") : doc.getRegion();
        if (status == 301 || status == 307 || "PermanentRedirect".equals(code) || "TemporaryRedirect".equals(code)) {
            return new Outcome.Redirect(error, StoreHosts.redirectHost(doc.getEndpoint()), region);
        }
        if ("AuthorizationHeaderMalformed".equals(code) && region != null) {
            // a V4 signature for the wrong region: S3 names the right one
            return new Outcome.Redirect(error, null, region);
        }
        if (EXPIRED_CREDENTIALS_CODES.contains(code)) {
            return new Outcome.ExpiredCredentials(error);
        }
        if ("RequestTimeTooSkewed".equals(code)) {
            Instant serverTime = S3Response.parseHttpDate(response.header("Date"));
            if (serverTime == null) {
                serverTime = doc.getServerTime();
            }
            if (serverTime != null) {
                return new Outcome.ClockSkew(error, serverTime.toEpochMilli() - System.currentTimeMillis());
            }
        }
        Duration retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"));
        if (THROTTLING_CODES.contains(code) || status == 429 || status == 503 || retryAfter != null) {
            return new Outcome.Throttled(error, retryAfter);
        }
        return error;
    }

    static final String PROXY_AUTHENTICATION_HINT = "the HTTP proxy refused the request without valid credentials:"
            + " set proxyUsername and proxyPassword; for an https endpoint the JVM must also allow Basic credentials"
            + " on CONNECT, by starting with -Djdk.http.auth.tunneling.disabledSchemes=\"\" (the JDK's default disables them)";

    /** S3's code for a status whose response has no error document (HEAD, or a proxy's page). */
    static String codeForStatus(int status, S3Request<?> request) {
        return switch (status) {
            case 301 -> "PermanentRedirect";
            case 307 -> "TemporaryRedirect";
            case 400 -> "BadRequest";
            case 403 -> "AccessDenied";
            case 404 -> request.key() != null ? "NoSuchKey" : "NoSuchBucket";
            case 405 -> "MethodNotAllowed";
            case 407 -> "ProxyAuthenticationRequired";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 416 -> "InvalidRange";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 501 -> "NotImplemented";
            case 503 -> "ServiceUnavailable";
            default -> "HttpStatus" + status;
        };
    }

    /**
     * The error that stood in for a response. Bad input and programming errors (any other runtime
     * exception) are not outcomes: they are rethrown as they are.
     */
    static Outcome classify(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof SpoolingBodySubscriber.DigestMismatchException) {
            return new Outcome.DigestMismatch(t.getMessage(), t);
        }
        if (t instanceof RuntimeException r && !(t instanceof UncheckedIOException)) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        Throwable cause = t instanceof UncheckedIOException u ? u.getCause() : t;
        Outcome.TransportKind kind = cause instanceof HttpTimeoutException ? Outcome.TransportKind.TIMEOUT
                : cause instanceof ConnectException ? Outcome.TransportKind.CONNECTION_REFUSED
                : cause instanceof InterruptedException ? Outcome.TransportKind.INTERRUPTED
                : Outcome.TransportKind.CONNECTION_FAILED;
        return new Outcome.TransportError(kind, S3LegacyException.NO_RESPONSE, describe(cause),
                cause instanceof IOException ? cause : new IOException(cause));
    }

    private static String describe(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (isCertificateFailure(cause)) {
            return "TLS handshake failed: the server's certificate is not trusted or does not match the host (" + message
                    + "); for a private CA set sslContextParameters with a trust store holding it";
        }
        return cause instanceof SSLException ? "TLS failure: " + message : message;
    }

    /** A TLS failure over the server's certificate: sending again cannot help. */
    static boolean isCertificateFailure(Throwable t) {
        boolean tls = false;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            tls |= c instanceof SSLException;
            if (tls && c instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
