package dev.s3legacy.client.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.QueryStringAuthGenerator;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Response;
import dev.s3legacy.client.SignatureVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret key never shows: not in any log line at any level (ours through System.Logger, SLF4J/logback,
 * the JDK HTTP client's own logs), not in an exception, not in a toString.
 */
class SecretLeakTest {

    static final String ACCESS_KEY = "AKIDLEAKCHECK";
    static final String SECRET = "Sup3r/Secret+Key=wJalrXUtnFEMI/K7MDENG";
    /** Sent as x-amz-security-token: it must reach the wire and nothing else. */
    static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESessionToken/Leak+Check=";
    private static final String[] LOGGERS = {"dev.s3legacy", "jdk.internal.httpclient", "jdk.httpclient.HttpClient",
            "jdk.internal.httpclient.debug", "jdk.internal.httpclient.websocket.debug", "jdk.internal.httpclient.hpack.debug"};

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<String> julLines = new CopyOnWriteArrayList<>();
    private final Handler julCapture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            julLines.add(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<java.util.logging.Level> julLevels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logback = new ListAppender<>();
    private final List<Level> logbackLevels = new ArrayList<>();

    @BeforeEach
    void captureEverything() {
        // System.Logger goes to java.util.logging here (no SLF4J bridge on the class path): capture both.
        julCapture.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Logger.getLogger("").addHandler(julCapture);
        logback.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logback);
        for (String name : LOGGERS) {
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger(name);
            julLevels.add(jul.getLevel());
            jul.setLevel(java.util.logging.Level.ALL);
            Logger lb = (Logger) LoggerFactory.getLogger(name);
            logbackLevels.add(lb.getLevel());
            lb.setLevel(Level.TRACE);
        }
    }

    @AfterEach
    void restore() {
        java.util.logging.Logger.getLogger("").removeHandler(julCapture);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logback);
        for (int i = 0; i < LOGGERS.length; i++) {
            java.util.logging.Logger.getLogger(LOGGERS[i]).setLevel(julLevels.get(i));
            ((Logger) LoggerFactory.getLogger(LOGGERS[i])).setLevel(logbackLevels.get(i));
        }
    }

    static S3ClientConfig config(String endpoint, SignatureVersion version) {
        return S3ClientConfig.builder().credentials(ACCESS_KEY, SECRET, TOKEN).endpoint(endpoint).signatureVersion(version)
                .retryBaseDelay(Duration.ofMillis(1)).maxRetries(1).build();
    }

    static void assertNoSecret(String what, String text) {
        for (String secret : new String[] {SECRET, TOKEN}) {
            assertThat(text).as(what).doesNotContain(secret)
                    .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8))
                    .doesNotContain(secret.substring(0, 12));
        }
    }

    static String describe(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String doc = e instanceof S3LegacyException s ? s.getErrorDocument() + s.getS3Message() : "";
        return e + "\n" + e.getMessage() + "\n" + doc + "\n" + trace;
    }

    /** The proxy password: sent to the proxy (Base64, as Basic requires), never in a log line, message or toString. */
    @Test
    void theProxyPasswordLeavesNoTraceInLogsMessagesOrToString() throws Exception {
        String proxyPassword = "Pr0xy/Secret+Pass";
        String basic = java.util.Base64.getEncoder().encodeToString(("proxyuser:" + proxyPassword).getBytes(StandardCharsets.UTF_8));
        wm.stubFor(put(urlPathEqualTo("/b-1/via-proxy")).willReturn(aResponse().withHeader("ETag", "\"abc\"")));
        try (dev.s3legacy.test.ForwardProxy proxy = dev.s3legacy.test.ForwardProxy.withCredentials("proxyuser", proxyPassword)) {
            List<String> texts = new ArrayList<>();
            for (String password : new String[] {proxyPassword, "wrong-" + proxyPassword}) {
                S3ClientConfig config = config("http://127.0.0.1:" + wm.getPort(), SignatureVersion.V4).toBuilder()
                        .proxy("127.0.0.1", proxy.port()).proxyCredentials("proxyuser", password).build();
                try (S3Connection c = new S3Connection(config)) {
                    try {
                        c.put("b-1", "via-proxy", RequestBody.ofString("x"));
                    } catch (S3LegacyException e) {
                        assertThat(e.getErrorCode()).isEqualTo("ProxyAuthenticationRequired");
                        texts.add(describe(e));
                    }
                    texts.add(config.toString());
                    texts.add(c.toString());
                    texts.add(config.transportSettings().toString());
                }
            }
            assertThat(proxy.forwarded).hasSize(1);
            assertThat(proxy.refused).hasValue(1);
            texts.addAll(julLines);
            logback.list.forEach(e -> texts.add(e.getFormattedMessage() + e.getThrowableProxy()));
            for (String text : texts) {
                assertThat(text).doesNotContain(proxyPassword).doesNotContain(basic)
                        .doesNotContain(URLEncoder.encode(proxyPassword, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void signedAndFailingRequestsLeaveNoSecretAnywhere() {
        wm.stubFor(put(urlPathEqualTo("/b-1/ok")).willReturn(aResponse().withHeader("ETag", "\"abc\"")));
        wm.stubFor(get(urlPathEqualTo("/b-1/denied")).willReturn(aResponse().withStatus(403).withBody(
                "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match"
                        + "</Message><AWSAccessKeyId>" + ACCESS_KEY + "</AWSAccessKeyId></Error>")));
        wm.stubFor(get(urlPathEqualTo("/b-1/busy")).willReturn(aResponse().withStatus(503)
                .withBody("<Error><Code>SlowDown</Code></Error>")));
        wm.stubFor(get(urlPathEqualTo("/b-1/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<String> texts = new ArrayList<>();

        for (SignatureVersion version : SignatureVersion.values()) {
            S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), version));
            texts.add(s3.toString());
            texts.add(s3.config().toString());
            texts.add(new QueryStringAuthGenerator(s3).toString());
            try (S3Response r = s3.put("b-1", "ok", RequestBody.ofString("data"))) {
                texts.add(r.toString());
            }
            for (String key : List.of("denied", "busy", "reset")) {
                try {
                    s3.get("b-1", key).close();
                    throw new AssertionError("expected a failure for " + key);
                } catch (S3LegacyException e) {
                    texts.add(describe(e));
                }
            }
        }
        try {
            S3ClientConfig.builder().credentials(null, SECRET).build();
        } catch (IllegalArgumentException e) {
            texts.add(describe(e));
        }

        assertThat(wm.getAllServeEvents()).allSatisfy(e -> {
            assertThat(e.getRequest().getHeader("Authorization")).isNotBlank();
            assertThat(e.getRequest().getHeader("x-amz-security-token")).as("the token is on the wire").isEqualTo(TOKEN);
        });
        for (String t : texts) {
            assertNoSecret("exception or toString", t);
        }
        List<String> ours = julLines.stream().filter(l -> l.contains("S3Connection") || l.contains("RequestPipeline")).toList();
        assertThat(ours).as("our DEBUG lines were captured").anyMatch(l -> l.contains("sending"))
                .anyMatch(l -> l.contains("retry 1 of 1")).anyMatch(l -> l.contains("giving up"));
        for (String line : julLines) {
            assertNoSecret("java.util.logging / System.Logger line", line);
        }
        for (String line : ours) {
            assertThat(line).doesNotContain("Signature=").doesNotContain("AWS4-HMAC-SHA256 Credential")
                    .doesNotContain("AWS " + ACCESS_KEY + ":");
        }
        for (ILoggingEvent event : logback.list) {
            assertNoSecret("logback line", event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()));
        }
    }

    /**
     * An SSE-C customer key goes on the wire (it must) but nowhere else: not in our log lines at TRACE, not in
     * a failure, not in the toString of the options, the key, a request's headers or a response.
     */
    @Test
    void theCustomerKeyIsSentButNeverLoggedPrintedOrInAFailure() {
        String customerKey = java.util.Base64.getEncoder().encodeToString("Cust0mer/Key+ForLeakCheck_32byte".getBytes(StandardCharsets.US_ASCII));
        wm.stubFor(put(urlPathEqualTo("/b-1/ok")).willReturn(aResponse().withHeader("ETag", "\"abc\"")));
        wm.stubFor(put(urlPathEqualTo("/b-1/copy")).willReturn(aResponse().withBody(
                "<CopyObjectResult><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>\"c\"</ETag></CopyObjectResult>")));
        wm.stubFor(get(urlPathEqualTo("/b-1/wrong-key")).willReturn(aResponse().withStatus(403).withBody(
                "<Error><Code>AccessDenied</Code><Message>The calculated MD5 hash of the key did not match the hash that was provided.</Message></Error>")));
        wm.stubFor(get(urlPathEqualTo("/b-1/busy")).willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>")));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/b-1/big")).willReturn(aResponse().withStatus(500)
                .withBody("<Error><Code>InternalError</Code></Error>")));
        dev.s3legacy.client.ObjectWriteOptions options = dev.s3legacy.client.ObjectWriteOptions.builder()
                .customerKey(dev.s3legacy.client.SseCustomerKey.ofBase64("customerKey", customerKey)).storageClass("STANDARD_IA").build();
        List<String> texts = new ArrayList<>();
        texts.add(options.toString());
        texts.add(options.customerKey().toString());
        for (SignatureVersion version : SignatureVersion.values()) {
            S3Connection s3 = new S3Connection(config("http://127.0.0.1:" + wm.getPort(), version));
            var putRequest = options.applyTo(dev.s3legacy.client.S3Requests.put("b-1", "ok", RequestBody.ofString("data"), null, null));
            texts.add(putRequest.headers().toString());
            texts.add(putRequest.toString());
            try (S3Response r = s3.execute(putRequest)) {
                texts.add(r.toString());
                texts.add(r.headers().toString());
            }
            var copy = options.applyToCopy(dev.s3legacy.client.S3Requests.copy("b-1", "ok", "b-1", "copy", null), false);
            texts.add(copy.headers().toString());
            texts.add(String.valueOf(s3.execute(copy)));
            for (String key : List.of("wrong-key", "busy")) {
                try {
                    s3.execute(options.applyToRead(dev.s3legacy.client.S3Requests.get("b-1", key))).close();
                    throw new AssertionError("expected a failure for " + key);
                } catch (S3LegacyException e) {
                    texts.add(describe(e));
                }
            }
            try {
                new dev.s3legacy.client.MultipartUploader(s3).withOptions(options)
                        .upload("b-1", "big", RequestBody.ofString("x"), null, null, null);
                throw new AssertionError("expected the initiate to fail");
            } catch (S3LegacyException e) {
                texts.add(describe(e));
            }
            texts.add(new QueryStringAuthGenerator(s3).presign(options.applyToRead(dev.s3legacy.client.S3Requests.get("b-1", "ok"))));
        }
        try {
            dev.s3legacy.client.SseCustomerKey.ofBase64("customerKey", customerKey.substring(0, 20));
        } catch (IllegalArgumentException e) {
            texts.add(describe(e));
        }

        assertThat(wm.getAllServeEvents()).as("the key did go where S3 needs it")
                .anyMatch(e -> customerKey.equals(e.getRequest().getHeader("x-amz-server-side-encryption-customer-key")))
                .anyMatch(e -> customerKey.equals(e.getRequest().getHeader("x-amz-copy-source-server-side-encryption-customer-key")));
        List<String> lines = new ArrayList<>(julLines);
        logback.list.forEach(event -> lines.add(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())));
        assertThat(julLines).as("our DEBUG lines were captured").anyMatch(l -> l.contains("sending"));
        for (String t : texts) {
            assertThat(t).as("exception or toString").doesNotContain(customerKey).doesNotContain(customerKey.substring(0, 16));
        }
        for (String line : lines) {
            assertThat(line).as("log line").doesNotContain(customerKey).doesNotContain(customerKey.substring(0, 16));
        }
        assertThat(texts).as("request headers print the key as hidden").anyMatch(t -> t.contains("x-amz-server-side-encryption-customer-key=[hidden]"));
    }

    /**
     * The JDK HTTP client reads its logging switches once per JVM, so its logs at full volume (headers,
     * frames, debug) are checked in a JVM of their own, whose whole output is searched.
     */
    @Test
    void jdkHttpClientLogsAtFullVolumeInAFreshJvm(@TempDir Path dir) throws Exception {
        Path julConfig = dir.resolve("logging.properties");
        Files.writeString(julConfig, "handlers=java.util.logging.ConsoleHandler\n.level=ALL\n"
                + "java.util.logging.ConsoleHandler.level=ALL\n");
        Path logbackConfig = dir.resolve("logback.xml");
        Files.writeString(logbackConfig, "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%level %logger - %msg%n</pattern></encoder></appender>"
                + "<root level=\"TRACE\"><appender-ref ref=\"OUT\"/></root></configuration>");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Djdk.httpclient.HttpClient.log=all", "-Djdk.internal.httpclient.debug=true",
                "-Djava.util.logging.config.file=" + julConfig, "-Dlogback.configurationFile=" + logbackConfig,
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("the JDK client logged the request headers").containsIgnoringCase("x-amz-date")
                .contains("S3Connection").contains(Child.DONE);
        // The one exception: with this JVM-wide debug switch the JDK client dumps every request header it
        // sends, the session token's header line included (as it dumps Authorization). Nothing else may hold it.
        String headerDumpLine = "x-amz-security-token: " + TOKEN;
        assertThat(output).as("the JDK's header dump shows the token line").contains(headerDumpLine);
        String withoutTheJdkHeaderDump = output.lines().filter(l -> !l.equals(headerDumpLine))
                .collect(Collectors.joining("\n"));
        assertNoSecret("child JVM output", withoutTheJdkHeaderDump);
    }

    /** Signs and fails requests with every log switched on, printing what it gets. */
    static final class Child {
        static final String DONE = "CHILD-DONE";

        public static void main(String[] args) throws Exception {
            try (RawHttpServer server = new RawHttpServer((n, head, out, s) -> {
                switch (n) {
                    case 1 -> RawHttpServer.writeHead(out, "HTTP/1.1 200 OK", "Content-Length: 0", "ETag: \"e\"");
                    case 2 -> {
                        byte[] doc = "<Error><Code>SignatureDoesNotMatch</Code></Error>".getBytes(StandardCharsets.UTF_8);
                        RawHttpServer.writeHead(out, "HTTP/1.1 403 Forbidden", "Content-Length: " + doc.length);
                        out.write(doc);
                    }
                    case 3 -> {
                        RawHttpServer.writeHead(out, "HTTP/1.1 200 OK", "Content-Length: 100");
                        out.write(new byte[10]); // then close: a short body
                    }
                    default -> RawHttpServer.writeHead(out, "HTTP/1.1 503 Service Unavailable", "Content-Length: 0");
                }
            })) {
                for (SignatureVersion version : SignatureVersion.values()) {
                    S3Connection s3 = new S3Connection(config(server.endpoint(), version));
                    System.out.println(s3 + " " + s3.config());
                    server.requests().clear();
                    s3.put("b-1", "k", RequestBody.ofString("data")).close();
                    for (String key : List.of("denied", "short", "busy")) {
                        try {
                            s3.get("b-1", key).close();
                        } catch (S3LegacyException e) {
                            System.out.println(describe(e));
                        }
                    }
                }
            } catch (IOException e) {
                e.printStackTrace();
                System.exit(2);
            }
            System.out.println(DONE);
            System.exit(0);
        }
    }
}
