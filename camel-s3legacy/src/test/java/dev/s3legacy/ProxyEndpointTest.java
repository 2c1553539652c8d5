package dev.s3legacy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.test.ForwardProxy;
import dev.s3legacy.test.ProxiedClientMain;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Endpoints behind an HTTP proxy (a small one written for the test, counting what it carries): plain
 * requests forwarded in absolute form, https through a CONNECT tunnel, with and without proxy
 * credentials; and the HTTP clients endpoints share or not.
 */
class ProxyEndpointTest {

    static final String USER = "proxyuser";
    static final String PASSWORD = "Pr0xy-Pa55word!";

    static TestCertificates certificates;
    static S3ProxyServer plain;
    static S3ProxyServer secure;

    private CamelContext camel;
    private ProducerTemplate template;
    private final List<ForwardProxy> proxies = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        certificates = TestCertificates.shared();
        plain = S3ProxyServer.start();
        secure = S3ProxyServer.startHttps(certificates.serverKeyStore, TestCertificates.PASSWORD);
    }

    @AfterAll
    static void stopServers() {
        plain.close();
        secure.close();
    }

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("testCa", certificates.trustingTheCa());
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        for (ForwardProxy p : proxies) {
            p.close();
        }
    }

    private ForwardProxy proxy(boolean withCredentials) throws Exception {
        ForwardProxy p = withCredentials ? ForwardProxy.withCredentials(USER, PASSWORD) : ForwardProxy.open();
        proxies.add(p);
        return p;
    }

    static String uri(String endpoint, String bucket, String options) {
        return "s3legacy:" + bucket + "?endpoint=" + endpoint + "&accessKey=" + S3ProxyServer.ACCESS_KEY
                + "&secretKey=RAW(" + S3ProxyServer.SECRET_KEY + ")&" + options;
    }

    static String via(ForwardProxy proxy) {
        return "proxyHost=127.0.0.1&proxyPort=" + proxy.port();
    }

    static String credentials(String password) {
        return "proxyUsername=" + USER + "&proxyPassword=RAW(" + password + ")";
    }

    private void roundTrip(String endpoint, String bucket, String options) {
        template.sendBody(uri(endpoint, bucket, options + "&operation=createBucket"), null);
        template.sendBodyAndHeader(uri(endpoint, bucket, options), "via the proxy", S3LegacyConstants.KEY, "k");
        Object body = template.requestBodyAndHeader(uri(endpoint, bucket, options + "&operation=get"), null, S3LegacyConstants.KEY, "k");
        assertThat(camel.getTypeConverter().convertTo(String.class, body)).isEqualTo("via the proxy");
    }

    private S3LegacyException failure(String uri) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, null));
        assertThat(e.getCause()).isInstanceOf(S3LegacyException.class);
        return (S3LegacyException) e.getCause();
    }

    @Test
    void plainRequestsGoThroughTheProxyInAbsoluteForm() throws Exception {
        ForwardProxy proxy = proxy(false);
        roundTrip(plain.endpoint(), "viaproxy", via(proxy));
        String origin = "http://127.0.0.1:" + plain.port() + "/viaproxy";
        assertThat(proxy.forwarded).containsExactly("PUT " + origin + "/ HTTP/1.1", "PUT " + origin + "/k HTTP/1.1",
                "GET " + origin + "/k HTTP/1.1");
        assertThat(proxy.tunnels).isEmpty();
    }

    @Test
    void proxyCredentialsGoWithEachRequestAndTheStoreStillSeesTheSignature() throws Exception {
        ForwardProxy proxy = proxy(true);
        // s3proxy checks every signature: the Authorization header survived next to the proxy's
        roundTrip(plain.endpoint(), "authproxy", via(proxy) + "&" + credentials(PASSWORD));
        assertThat(proxy.forwarded).hasSize(3);
        assertThat(proxy.refused).hasValue(0);
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(proxy.authorizations).hasSize(3).containsOnly(basic);
    }

    @Test
    void aProxyRefusingTheCredentialsFailsWithA407ThatSaysWhatToDoAndHidesThePassword() throws Exception {
        ForwardProxy proxy = proxy(true);
        S3LegacyException noCredentials = failure(uri(plain.endpoint(), "refused", via(proxy) + "&operation=createBucket"));
        assertThat(noCredentials.getStatusCode()).isEqualTo(407);
        assertThat(noCredentials.getErrorCode()).isEqualTo("ProxyAuthenticationRequired");
        assertThat(noCredentials.getMessage()).contains("proxyUsername").contains("jdk.http.auth.tunneling.disabledSchemes");

        S3LegacyException wrong = failure(uri(plain.endpoint(), "refused", via(proxy) + "&" + credentials("wrong-" + PASSWORD)
                + "&operation=createBucket"));
        assertThat(wrong.getErrorCode()).isEqualTo("ProxyAuthenticationRequired");
        assertThat(wrong.toString()).doesNotContain(PASSWORD);
        assertThat(proxy.refused).hasValue(2);
        assertThat(proxy.forwarded).isEmpty();
    }

    @Test
    void httpsGoesThroughAConnectTunnel() throws Exception {
        ForwardProxy proxy = proxy(false);
        roundTrip(secure.httpsEndpoint(), "tunnel", via(proxy) + "&sslContextParameters=#testCa");
        assertThat(proxy.tunnels).isNotEmpty().containsOnly("127.0.0.1:" + secure.httpsEndpoint().substring("https://127.0.0.1:".length()));
        assertThat(proxy.forwarded).isEmpty();
    }

    @Test
    void anUntrustedCertificateBehindTheProxyIsTriedOnceOnly() throws Exception {
        ForwardProxy proxy = proxy(false);
        S3LegacyException e = failure(uri(secure.httpsEndpoint(), "once", via(proxy) + "&maxRetries=3&operation=createBucket"));
        assertThat(e.getMessage()).contains("certificate");
        assertThat(proxy.tunnels).as("one handshake, no retries").hasSize(1);
    }

    /**
     * The JDK sends no Basic credentials on CONNECT unless the JVM allows it: in this JVM (default settings) the
     * tunnel is refused with a message naming the setting; a JVM started with it makes the round trip.
     */
    @Test
    void httpsThroughAProxyWithCredentialsNeedsTheJvmToAllowBasicOnConnect() throws Exception {
        ForwardProxy proxy = proxy(true);
        S3LegacyException e = failure(uri(secure.httpsEndpoint(), "jvmsetting", via(proxy) + "&" + credentials(PASSWORD)
                + "&sslContextParameters=#testCa&operation=createBucket"));
        assertThat(e.getErrorCode()).isEqualTo("ProxyAuthenticationRequired");
        assertThat(e.getMessage()).contains("-Djdk.http.auth.tunneling.disabledSchemes=\"\"");
        assertThat(proxy.authorizations).as("the JDK dropped Basic from the CONNECT").containsOnlyNulls();
        proxy.authorizations.clear();

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.http.auth.tunneling.disabledSchemes=", "-cp", classpath, ProxiedClientMain.class.getName(),
                secure.httpsEndpoint(), certificates.trustStore.toString(), String.valueOf(proxy.port()), USER, PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("ROUND-TRIP OK");
        assertThat(proxy.tunnels).isNotEmpty();
        assertThat(proxy.refused).hasValue(1); // only the CONNECT of this JVM above
        assertThat(proxy.authorizations).isNotEmpty().doesNotContainNull();
    }

    @Test
    void endpointsWithEqualSettingsShareOneHttpClientAndOthersGetTheirOwn() throws Exception {
        ForwardProxy proxy = proxy(false);
        ForwardProxy other = proxy(false);
        S3LegacyComponent component = camel.getComponent("s3legacy", S3LegacyComponent.class);
        S3LegacyEndpoint a = started(uri(plain.endpoint(), "bucket-a", via(proxy) + "&operation=createBucket"));
        S3LegacyEndpoint b = started(uri(plain.endpoint(), "bucket-b", via(proxy) + "&region=eu-west-1&operation=createBucket"));
        S3LegacyEndpoint viaOther = started(uri(plain.endpoint(), "bucket-c", via(other)));
        S3LegacyEndpoint tls = started(uri(secure.httpsEndpoint(), "bucket-d", via(proxy) + "&sslContextParameters=#testCa"));
        S3LegacyEndpoint tls2 = started(uri(secure.httpsEndpoint(), "bucket-e", via(proxy) + "&sslContextParameters=#testCa"));
        S3LegacyEndpoint slowConnect = started(uri(plain.endpoint(), "bucket-f", via(proxy) + "&connectTimeout=30s"));

        assertThat(a.getConnection().transport()).isSameAs(b.getConnection().transport());
        assertThat(tls.getConnection().transport()).as("the same sslContextParameters bean").isSameAs(tls2.getConnection().transport());
        assertThat(viaOther.getConnection().transport()).isNotSameAs(a.getConnection().transport());
        assertThat(tls.getConnection().transport()).isNotSameAs(a.getConnection().transport());
        assertThat(slowConnect.getConnection().transport()).isNotSameAs(a.getConnection().transport());
        assertThat(component.transports().size()).isEqualTo(4);

        // a shared client serves both endpoints, and stays while one of them is still running
        template.sendBody(a, null);
        a.stop();
        template.sendBody(b, null);
        assertThat(proxy.forwarded).hasSize(2);
        assertThat(component.transports().size()).isEqualTo(4);
        b.stop();
        assertThat(component.transports().size()).isEqualTo(3);
        camel.stop();
        assertThat(component.transports().size()).isZero();
    }

    private S3LegacyEndpoint started(String uri) {
        S3LegacyEndpoint endpoint = camel.getEndpoint(uri, S3LegacyEndpoint.class);
        assertThat(endpoint.getConnection()).isNotNull();
        return endpoint;
    }

    @Test
    void incompleteProxyOptionsFailEarlyNamingTheOption() {
        assertThatThrownBy(() -> camel.getEndpoint(uri(plain.endpoint(), "bucket-x", "proxyPort=3128")))
                .hasStackTraceContaining("Option proxyPort needs proxyHost");
        assertThatThrownBy(() -> camel.getEndpoint(uri(plain.endpoint(), "bucket-x", "proxyHost=127.0.0.1")))
                .hasStackTraceContaining("Option proxyHost needs proxyPort");
        assertThatThrownBy(() -> camel.getEndpoint(uri(plain.endpoint(), "bucket-x", "proxyHost=127.0.0.1&proxyPort=3128&proxyUsername=u")))
                .hasStackTraceContaining("Option proxyUsername needs proxyPassword");
        assertThatThrownBy(() -> camel.getEndpoint(uri(plain.endpoint(), "bucket-x", "proxyHost=127.0.0.1&proxyPort=3128&proxyPassword=p")))
                .hasStackTraceContaining("Option proxyPassword needs proxyUsername");
        assertThatThrownBy(() -> camel.getEndpoint(uri(plain.endpoint(), "bucket-x", "proxyHost=127.0.0.1&proxyPort=70000")))
                .hasStackTraceContaining("Option proxyPort must be 1 to 65535");
        assertThatThrownBy(() -> camel.getEndpoint(uri(plain.endpoint(), "bucket-x", "proxyHost=127.0.0.1&proxyPort=abc")))
                .hasStackTraceContaining("Option proxyPort must be a whole number");
    }

    @Test
    void theProxyPasswordNeverShows() throws Exception {
        ForwardProxy proxy = proxy(true);
        S3LegacyEndpoint endpoint = started(uri(plain.endpoint(), "secret", via(proxy) + "&" + credentials(PASSWORD)));
        for (String text : new String[] {endpoint.toString(), endpoint.getClientConfig().toString(),
                endpoint.getConnection().toString(), endpoint.getConnection().transport().settings().toString()}) {
            assertThat(text).doesNotContain(PASSWORD);
        }
        assertThat(endpoint.getConnection().toString()).contains("proxy=127.0.0.1:" + proxy.port()).contains("password ****");
    }
}
