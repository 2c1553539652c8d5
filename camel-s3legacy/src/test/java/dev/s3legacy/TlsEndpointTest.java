package dev.s3legacy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.test.S3ProxyServer;
import dev.s3legacy.test.TestCertificates;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS per endpoint against s3proxy over https, with a CA and certificates made at test time: trust comes
 * from the endpoint's own settings, never from a JVM-wide change, so endpoints side by side in one
 * CamelContext trust differently.
 */
class TlsEndpointTest {

    static TestCertificates certificates;
    /** Certificate signed by the test CA for 127.0.0.1. */
    static S3ProxyServer caSigned;
    /** Self-signed certificate for another host name. */
    static S3ProxyServer selfSigned;

    private CamelContext camel;
    private ProducerTemplate template;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<ILoggingEvent> warnings = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        certificates = TestCertificates.shared();
        caSigned = S3ProxyServer.startHttps(certificates.serverKeyStore, TestCertificates.PASSWORD);
        selfSigned = S3ProxyServer.startHttps(certificates.selfSignedKeyStore, TestCertificates.PASSWORD);
    }

    @AfterAll
    static void stopServers() {
        caSigned.close();
        selfSigned.close();
    }

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("testCa", certificates.trustingTheCa());
        camel.start();
        template = camel.createProducerTemplate();
        log.start();
        ((Logger) LoggerFactory.getLogger(S3LegacyEndpoint.class)).addAppender(log);
    }

    @AfterEach
    void stopCamel() {
        ((Logger) LoggerFactory.getLogger(S3LegacyEndpoint.class)).detachAppender(log);
        camel.stop();
    }

    static String uri(S3ProxyServer server, String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + server.httpsEndpoint() + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")" + (options.isEmpty() ? "" : "&" + options);
    }

    private static String and(String options, String more) {
        return options.isEmpty() ? more : options + "&" + more;
    }

    /** Creates the bucket, puts an object and reads it back through the endpoint of {@code options}. */
    private void roundTrip(S3ProxyServer server, String bucket, String options) {
        template.sendBody(uri(server, bucket, and(options, "operation=createBucket")), null);
        template.sendBodyAndHeader(uri(server, bucket, options), "over TLS", S3LegacyConstants.KEY, "k");
        Object body = template.requestBodyAndHeader(uri(server, bucket, and(options, "operation=get")), null, S3LegacyConstants.KEY, "k");
        assertThat(camel.getTypeConverter().convertTo(String.class, body)).isEqualTo("over TLS");
    }

    private S3LegacyException failure(String uri) {
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> template.sendBody(uri, null));
        assertThat(e.getCause()).isInstanceOf(S3LegacyException.class);
        return (S3LegacyException) e.getCause();
    }

    @Test
    void withoutTheCaTheHandshakeFailsWithAClearError() {
        S3LegacyException e = failure(uri(caSigned, "plain", "operation=createBucket"));
        assertThat(e.getErrorCode()).isEqualTo("ConnectionFailed");
        assertThat(e.getMessage()).contains("TLS handshake failed").contains("certificate").contains("sslContextParameters");
        assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void sslContextParametersWithTheCaWorkWhileAnotherEndpointInTheSameContextStillFails() {
        roundTrip(caSigned, "trusted", "sslContextParameters=#testCa");
        // the same context, the same server, no sslContextParameters: nothing JVM-wide changed
        S3LegacyException e = failure(uri(caSigned, "untrusted", "operation=createBucket"));
        assertThat(e.getErrorCode()).isEqualTo("ConnectionFailed");
        assertThat(e.getMessage()).contains("certificate");
        // and the first endpoint still works after the second one failed
        roundTrip(caSigned, "trusted2", "sslContextParameters=#testCa");
    }

    @Test
    void theCamelContextsGlobalSslContextParametersServeEndpointsOnlyWhenTheComponentSaysSo() throws Exception {
        camel.setSSLContextParameters(certificates.trustingTheCa());
        assertThat(failure(uri(caSigned, "noglobal", "operation=createBucket")).getMessage()).contains("certificate");

        camel.stop();
        camel = new DefaultCamelContext();
        camel.setSSLContextParameters(certificates.trustingTheCa());
        S3LegacyComponent component = new S3LegacyComponent();
        component.setUseGlobalSslContextParameters(true);
        camel.addComponent("s3legacy", component);
        camel.start();
        template = camel.createProducerTemplate();
        roundTrip(caSigned, "global", "");
    }

    @Test
    void trustAllCertificatesAcceptsASelfSignedCertificateForAnotherHostAndWarns() {
        // the certificate is neither trusted nor for 127.0.0.1: the usual client refuses it
        assertThat(failure(uri(selfSigned, "strict", "operation=createBucket")).getMessage()).contains("certificate");

        roundTrip(selfSigned, "dev", "trustAllCertificates=true");
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("trustAllCertificates=true").contains("development only"));
        // trust-all belongs to its endpoint alone
        assertThat(failure(uri(selfSigned, "strict2", "operation=createBucket")).getMessage()).contains("certificate");
    }

    @Test
    void trustAllCertificatesAndSslContextParametersExcludeEachOther() {
        assertThatThrownBy(() -> camel.getEndpoint(uri(caSigned, "both", "trustAllCertificates=true&sslContextParameters=#testCa")))
                .hasStackTraceContaining("trustAllCertificates and sslContextParameters exclude each other");
    }
}
