package dev.s3legacy.client;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A certificate the client does not trust fails at once and says so; other TLS hiccups are retried. */
class CertificateFailureTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), true);

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void anUntrustedCertificateIsReportedAsATlsProblemAndNotRetried() {
        Outcome outcome = ResponseClassifier.classify(new IOException(handshake("PKIX path building failed",
                new CertificateException("unable to find valid certification path to requested target"))));
        Outcome.TransportError error = (Outcome.TransportError) outcome;
        assertThat(error.kind()).isEqualTo(Outcome.TransportKind.CONNECTION_FAILED);
        assertThat(error.detail()).contains("TLS handshake failed").contains("certificate").contains("sslContextParameters");
        RetryPolicy.Next next = policy.next(error, new RetryPolicy.Attempts(), S3Requests.get("bucket", "key"), null);
        assertThat(next).isInstanceOf(RetryPolicy.Next.GiveUp.class);
    }

    @Test
    void aHandshakeCutShortIsRetriedLikeAnyConnectionFault() {
        Outcome outcome = ResponseClassifier.classify(handshake("Remote host terminated the handshake", new java.io.EOFException()));
        Outcome.TransportError error = (Outcome.TransportError) outcome;
        assertThat(error.detail()).startsWith("TLS failure: ");
        RetryPolicy.Next next = policy.next(error, new RetryPolicy.Attempts(), S3Requests.get("bucket", "key"), null);
        assertThat(next).isInstanceOf(RetryPolicy.Next.Retry.class);
    }
}
