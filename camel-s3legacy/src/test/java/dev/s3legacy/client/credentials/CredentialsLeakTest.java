package dev.s3legacy.client.credentials;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.signing.V2RequestSigner;
import dev.s3legacy.client.signing.V4RequestSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Secret keys and session tokens of every kind of credentials stay out of toString(), exception messages and
 * the WARN of a failed refresh (see also SecretLeakTest, which sends requests with a token).
 */
class CredentialsLeakTest {

    static final String SECRET = "leak/Secret+Key0123456789abcdef";
    static final String TOKEN = "leakSessionToken0123456789/+=";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static void assertClean(String what, String text) {
        assertThat(text).as(what).doesNotContain(SECRET).doesNotContain(TOKEN)
                .doesNotContain(SECRET.substring(0, 10)).doesNotContain(TOKEN.substring(0, 10));
    }

    @Test
    void toStringsShowNoSecretOrToken() {
        Credentials c = new Credentials("ASIALEAKCHECK", SECRET, TOKEN, null);
        S3ClientConfig config = S3ClientConfig.builder().credentials("ASIALEAKCHECK", SECRET, TOKEN).build();
        RefreshingCredentialsProvider refreshing = new RefreshingCredentialsProvider("test", () -> c);
        refreshing.resolve();
        DefaultCredentialsProviderChain chain = new DefaultCredentialsProviderChain(
                List.of(new StaticCredentialsProvider(c)));
        chain.resolve();
        try (S3Connection s3 = new S3Connection(config)) {
            for (Object o : List.of(c, new StaticCredentialsProvider(c), refreshing, chain, config, s3,
                    new V4RequestSigner("ASIALEAKCHECK", SECRET, TOKEN, "us-east-1"),
                    new V2RequestSigner("ASIALEAKCHECK", SECRET, TOKEN))) {
                assertClean(o.getClass().getSimpleName(), o.toString());
                assertThat(o.toString()).as(o.getClass().getSimpleName()).doesNotContain("ASIALEAKCHECK");
            }
        }
        assertThat(c.toString()).contains("ASIA****").contains("sessionToken=****");
    }

    @Test
    void failuresAndTheRefreshWarningNameNoSecret() {
        // documents that hold the secrets, answered where they cannot be used
        wm.stubFor(get(urlEqualTo("/broken-json")).willReturn(aResponse().withBody(
                "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"" + SECRET + "\",\"Token\":\"" + TOKEN + "\" oops")));
        wm.stubFor(get(urlEqualTo("/no-expiry")).willReturn(aResponse().withBody(
                "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"" + SECRET + "\",\"Token\":\"" + TOKEN + "\"}")));
        wm.stubFor(get(urlEqualTo("/denied")).willReturn(aResponse().withStatus(403).withBody(
                "{\"Code\":\"AccessDenied\",\"Message\":\"no\"}")));
        String base = "http://127.0.0.1:" + wm.getPort();
        for (String path : List.of("/broken-json", "/no-expiry", "/denied")) {
            Throwable e = catchThrowable(() -> new ContainerCredentialsProvider(
                    Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", base + path, "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN)::get)
                    .resolve());
            assertThat(e).isInstanceOf(CredentialsException.class);
            assertClean(path, e.toString());
        }

        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            public void publish(LogRecord r) {
                lines.add(new SimpleFormatter().format(r));
            }

            public void flush() {
            }

            public void close() {
            }
        };
        Logger jul = Logger.getLogger(RefreshingCredentialsProvider.class.getName());
        Level level = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(capture);
        try {
            RefreshAndChainTest.MovableClock clock = new RefreshAndChainTest.MovableClock();
            int[] calls = {0};
            RefreshingCredentialsProvider p = new RefreshingCredentialsProvider("leak source", () -> {
                if (calls[0]++ == 0) {
                    return new Credentials("ASIA1", SECRET, TOKEN, clock.now.plus(Duration.ofMinutes(10)));
                }
                throw new CredentialsException("leak source: HTTP 500");
            }, Duration.ofMinutes(5), clock, Runnable::run);
            p.resolve();
            clock.now = clock.now.plus(Duration.ofMinutes(6));
            p.resolve(); // the refresh runs inline here and fails
        } finally {
            jul.removeHandler(capture);
            jul.setLevel(level);
        }
        assertThat(lines).anyMatch(l -> l.contains("WARNING") && l.contains("Refreshing credentials from leak source failed"));
        lines.forEach(l -> assertClean("refresh log line", l));
    }
}
