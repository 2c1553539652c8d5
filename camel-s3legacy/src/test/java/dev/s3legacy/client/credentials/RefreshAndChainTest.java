package dev.s3legacy.client.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.client.RequestBody;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import dev.s3legacy.client.S3Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refresh before expiry (one load, by one thread, nobody blocked), waiting only for expired credentials,
 * ExpiredToken from the store (one refresh, one retry), and the default chain's order.
 */
class RefreshAndChainTest {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = T0;

        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    /** Keeps background refresh tasks until the test runs them. */
    static final class HeldTasks implements java.util.concurrent.Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    private static List<Credentials> concurrently(int threads, java.util.function.Supplier<Credentials> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Credentials>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            List<Credentials> results = new ArrayList<>();
            for (Future<Credentials> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refreshAheadOfExpiryIsOneBackgroundLoadWhileEveryCallerGoesOn() throws Exception {
        MovableClock clock = new MovableClock();
        HeldTasks refresher = new HeldTasks();
        AtomicInteger loads = new AtomicInteger();
        RefreshingCredentialsProvider p = new RefreshingCredentialsProvider("test", () -> {
            int n = loads.incrementAndGet();
            return new Credentials("ASIA" + n, "secret-" + n, "token-" + n, clock.now.plus(Duration.ofHours(1)));
        }, Duration.ofMinutes(5), clock, refresher);
        Credentials first = p.resolve();
        assertThat(loads).hasValue(1);

        clock.now = T0.plus(Duration.ofMinutes(56)); // 4 minutes before expiry
        List<Credentials> seen = concurrently(32, p::resolve);
        assertThat(seen).as("nobody waited for the refresh").allMatch(c -> c == first);
        assertThat(refresher.tasks).as("exactly one refresh scheduled").hasSize(1);
        assertThat(loads).hasValue(1);

        refresher.runAll();
        assertThat(loads).hasValue(2);
        assertThat(p.resolve().accessKeyId()).isEqualTo("ASIA2");
        assertThat(refresher.tasks).isEmpty();
    }

    @Test
    void expiredCredentialsMakeCallersWaitForOneLoad() throws Exception {
        MovableClock clock = new MovableClock();
        AtomicInteger loads = new AtomicInteger();
        RefreshingCredentialsProvider p = new RefreshingCredentialsProvider("test", () -> {
            int n = loads.incrementAndGet();
            return new Credentials("ASIA" + n, "secret-" + n, "token-" + n, clock.now.plus(Duration.ofHours(1)));
        }, Duration.ofMinutes(5), clock, new HeldTasks());
        p.resolve();
        clock.now = T0.plus(Duration.ofHours(2));
        List<Credentials> seen = concurrently(32, p::resolve);
        assertThat(loads).as("one load for all waiting callers").hasValue(2);
        assertThat(seen).allMatch(c -> c.accessKeyId().equals("ASIA2"));
    }

    @Test
    void aFailedRefreshIsReportedAndTriedAgainAfterABackoff() {
        MovableClock clock = new MovableClock();
        HeldTasks refresher = new HeldTasks();
        AtomicInteger loads = new AtomicInteger();
        RefreshingCredentialsProvider p = new RefreshingCredentialsProvider("test", () -> {
            if (loads.incrementAndGet() == 2) {
                throw new java.io.IOException("STS unreachable");
            }
            return new Credentials("ASIA" + loads.get(), "s", "t", clock.now.plus(Duration.ofHours(1)));
        }, Duration.ofMinutes(5), clock, refresher);
        Credentials first = p.resolve();
        clock.now = T0.plus(Duration.ofMinutes(56));
        assertThat(p.resolve()).isSameAs(first);
        refresher.runAll(); // fails
        assertThat(loads).hasValue(2);
        assertThat(p.resolve()).as("still the current ones").isSameAs(first);
        assertThat(refresher.tasks).as("no new attempt during the backoff").isEmpty();

        clock.now = clock.now.plus(RefreshingCredentialsProvider.backoff(1));
        assertThat(p.resolve()).isSameAs(first);
        refresher.runAll();
        assertThat(loads).hasValue(3);
        assertThat(p.resolve().accessKeyId()).isEqualTo("ASIA3");
    }

    @Test
    void refreshUnderLoadThroughTheConnectionCallsStsOnce() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "jwt");
        AtomicInteger n = new AtomicInteger();
        MovableClock clock = new MovableClock();
        wm.stubFor(post(urlEqualTo("/sts/")).willReturn(aResponse().withBody(
                CredentialSourcesTest.stsAnswer("ASIAFIRST", "first/secret", "first-token", "2030-01-01T01:00:00Z"))));
        wm.stubFor(put(urlPathEqualTo("/bucket-1/k")).willReturn(aResponse().withHeader("ETag", "\"e\"")));
        Map<String, String> env = Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(), "AWS_ROLE_ARN", "arn:r",
                "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + wm.getPort() + "/sts");
        HeldTasks refresher = new HeldTasks();
        WebIdentityCredentialsProvider provider = new WebIdentityCredentialsProvider(env::get, clock, refresher);
        try (S3Connection s3 = new S3Connection(S3ClientConfig.builder().credentialsProvider(provider)
                .endpoint("http://127.0.0.1:" + wm.getPort()).build())) {
            s3.put("bucket-1", "k", RequestBody.ofString("x")).close();
            wm.stubFor(post(urlEqualTo("/sts/")).willReturn(aResponse().withBody(
                    CredentialSourcesTest.stsAnswer("ASIASECOND", "second/secret", "second-token", "2030-01-01T02:00:00Z"))));
            clock.now = T0.plus(Duration.ofMinutes(57));
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                inFlight.add(s3.executeAsync(S3Requests.put("bucket-1", "k", RequestBody.ofString("x" + i), null, null)));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            assertThat(refresher.tasks).hasSize(1);
            refresher.runAll();
            s3.put("bucket-1", "k", RequestBody.ofString("after")).close();
        }
        wm.verify(2, postRequestedFor(urlEqualTo("/sts/"))); // the first load, then exactly one refresh
        var puts = wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/bucket-1"))
                .map(e -> e.getRequest()).toList();
        assertThat(puts).hasSize(52);
        assertThat(puts.stream().filter(r -> r.getHeader("x-amz-security-token").equals("first-token"))).hasSize(51);
        assertThat(puts.get(0).getHeader("x-amz-security-token")).as("newest first").isEqualTo("second-token");
        assertThat(puts.get(0).getHeader("Authorization")).contains("Credential=ASIASECOND/");
    }

    /** A provider that counts refreshes and hands out token-1, token-2, ... */
    static final class CountingProvider implements CredentialsProvider {
        final AtomicInteger refreshes = new AtomicInteger();
        volatile Credentials current = new Credentials("ASIA1", "secret-1", "token-1", null);

        public Credentials resolve() {
            return current;
        }

        public synchronized Credentials refresh(Credentials rejected) {
            if (rejected == current) {
                int n = refreshes.incrementAndGet() + 1;
                current = new Credentials("ASIA" + n, "secret-" + n, "token-" + n, null);
            }
            return current;
        }
    }

    @Test
    void expiredTokenFromTheStoreMeansOneRefreshAndOneRetry() {
        wm.stubFor(get(urlPathEqualTo("/bucket-1/k")).withHeader("x-amz-security-token", equalTo("token-1"))
                .willReturn(aResponse().withStatus(400).withBody(
                        "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>")));
        wm.stubFor(get(urlPathEqualTo("/bucket-1/k")).withHeader("x-amz-security-token", equalTo("token-2"))
                .willReturn(aResponse().withBody("fresh")));
        wm.stubFor(get(urlPathEqualTo("/bucket-1/always")).willReturn(aResponse().withStatus(403).withBody(
                "<Error><Code>ExpiredToken</Code><Message>expired</Message></Error>")));
        CountingProvider provider = new CountingProvider();
        try (S3Connection s3 = new S3Connection(S3ClientConfig.builder().credentialsProvider(provider)
                .endpoint("http://127.0.0.1:" + wm.getPort()).maxRetries(3).retryBaseDelay(Duration.ofMillis(1)).build())) {
            try (var r = s3.get("bucket-1", "k")) {
                assertThat(r.body().asString()).isEqualTo("fresh");
            }
            assertThat(provider.refreshes).hasValue(1);
            assertThat(wm.getAllServeEvents()).hasSize(2);

            wm.resetRequests();
            assertThatThrownBy(() -> s3.get("bucket-1", "always"))
                    .isInstanceOf(S3LegacyException.class).hasMessageContaining("ExpiredToken");
            assertThat(provider.refreshes).as("one more refresh, then it gives up").hasValue(2);
            assertThat(wm.getAllServeEvents()).as("one retry, not maxRetries").hasSize(2);
        }
    }

    // ---------------------------------------------------------------- the chain

    @Test
    void theChainFollowsTheSdkOrderAndRemembersTheSourceThatWorked() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("AWS_EC2_METADATA_DISABLED", "true"));
        Map<String, String> props = new HashMap<>(Map.of("user.home", dir.toString()));
        Files.createDirectories(dir.resolve(".aws"));
        Files.writeString(dir.resolve(".aws/credentials"), "[default]\naws_access_key_id=AKIAPROFILE\naws_secret_access_key=p\n");
        props.put("aws.accessKeyId", "AKIAPROPS");
        props.put("aws.secretAccessKey", "s");
        env.put("AWS_ACCESS_KEY_ID", "AKIAENV");
        env.put("AWS_SECRET_ACCESS_KEY", "e");

        assertThat(new DefaultCredentialsProviderChain(null, env::get, props::get).resolve().accessKeyId())
                .as("environment before system properties and profile").isEqualTo("AKIAENV");
        env.remove("AWS_ACCESS_KEY_ID");
        DefaultCredentialsProviderChain chain = new DefaultCredentialsProviderChain(null, env::get, props::get);
        assertThat(chain.resolve().accessKeyId()).as("system properties before profile").isEqualTo("AKIAPROPS");
        assertThat(chain.source()).hasToString("system properties");
        env.put("AWS_ACCESS_KEY_ID", "AKIAENV");
        assertThat(chain.resolve().accessKeyId()).as("the source that worked is kept").isEqualTo("AKIAPROPS");

        props.remove("aws.accessKeyId");
        env.remove("AWS_ACCESS_KEY_ID");
        assertThat(new DefaultCredentialsProviderChain(null, env::get, props::get).resolve().accessKeyId())
                .as("profile when neither variables nor properties are set").isEqualTo("AKIAPROFILE");
    }

    @Test
    void webIdentityComesBeforeTheProfile() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "jwt");
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(
                CredentialSourcesTest.stsAnswer("ASIAWEB", "w", "web-token", "2099-01-01T00:00:00Z"))));
        Files.createDirectories(dir.resolve(".aws"));
        Files.writeString(dir.resolve(".aws/credentials"), "[default]\naws_access_key_id=AKIAPROFILE\naws_secret_access_key=p\n");
        Map<String, String> env = Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(), "AWS_ROLE_ARN", "arn:r",
                "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + wm.getPort());
        assertThat(new DefaultCredentialsProviderChain(null, env::get, Map.of("user.home", dir.toString())::get)
                .resolve().accessKeyId()).isEqualTo("ASIAWEB");
    }

    @Test
    void theChainRefreshesOnTheExecutorItIsGivenNotOnAThreadOfItsOwn() throws Exception {
        // short-lived credentials are refreshed half-way through their life: 3 s into these 6
        String soon = Instant.now().plus(Duration.ofSeconds(6)).toString();
        wm.stubFor(get(urlEqualTo("/creds")).willReturn(aResponse().withBody(
                CredentialSourcesTest.jsonCredentials("ASIACONT", "c", "ct", soon))));
        Map<String, String> props = Map.of("user.home", dir.toString());
        Map<String, String> env = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + wm.getPort() + "/creds");
        HeldTasks refresher = new HeldTasks();
        DefaultCredentialsProviderChain chain = new DefaultCredentialsProviderChain(null, env::get, props::get, refresher);
        assertThat(chain.resolve().accessKeyId()).isEqualTo("ASIACONT");
        assertThat(refresher.tasks).isEmpty();
        Thread.sleep(3_500); // past half-way, before the expiry: the current ones serve, a refresh goes to the background
        assertThat(chain.resolve().accessKeyId()).isEqualTo("ASIACONT");
        assertThat(refresher.tasks).as("the refresh went to the executor handed to the chain").hasSize(1);
        refresher.runAll();
        assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/creds")))).hasSize(2);
    }

    @Test
    void containerAndImdsComeLastAndNothingFoundListsEverySource() {
        wm.stubFor(get(urlEqualTo("/creds")).willReturn(aResponse().withBody(
                CredentialSourcesTest.jsonCredentials("ASIACONT", "c", "ct", "2099-01-01T00:00:00Z"))));
        Map<String, String> props = Map.of("user.home", dir.toString());
        Map<String, String> env = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + wm.getPort() + "/creds",
                "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + wm.getPort());
        assertThat(new DefaultCredentialsProviderChain(null, env::get, props::get).resolve().accessKeyId()).isEqualTo("ASIACONT");

        Map<String, String> nothing = Map.of("AWS_EC2_METADATA_DISABLED", "true");
        assertThatThrownBy(() -> new DefaultCredentialsProviderChain(null, nothing::get, props::get).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith("No AWS credentials found by the default chain; tried, in order: environment:")
                .hasMessageContaining("; system properties: aws.accessKeyId not set; web identity:")
                .hasMessageContaining("; profile: neither")
                .hasMessageContaining("; container: ")
                .hasMessageEndingWith("; instance metadata (IMDSv2): disabled by AWS_EC2_METADATA_DISABLED=true");
    }
}
