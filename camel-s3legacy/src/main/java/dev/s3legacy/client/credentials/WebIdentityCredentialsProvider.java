package dev.s3legacy.client.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.s3legacy.client.xml.S3Xml;
import dev.s3legacy.client.xml.S3XmlException;

/**
 * Web identity (EKS IRSA and the like): the token in {@code AWS_WEB_IDENTITY_TOKEN_FILE}, re-read for every
 * refresh, exchanged with STS {@code AssumeRoleWithWebIdentity} for temporary credentials of
 * {@code AWS_ROLE_ARN} (session {@code AWS_ROLE_SESSION_NAME}). STS is the regional endpoint of
 * {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}), the global one without a region, or
 * {@code AWS_ENDPOINT_URL_STS}. The call is unsigned: the token is the proof.
 */
public final class WebIdentityCredentialsProvider implements CredentialsProvider {

    static final String NAME = "web identity";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Function<String, String> env;
    private final Clock clock;
    private final CredentialsHttp http = new CredentialsHttp(TIMEOUT, false);
    private final RefreshingCredentialsProvider refreshing;

    public WebIdentityCredentialsProvider(Function<String, String> env) {
        this(env, Clock.systemUTC(), null);
    }

    /** @param refresher where background refreshes run, or null for a daemon thread each */
    public WebIdentityCredentialsProvider(Function<String, String> env, Clock clock, Executor refresher) {
        this.env = Objects.requireNonNull(env, "env");
        this.clock = clock;
        this.refreshing = RefreshingCredentialsProvider.of(NAME, this::assumeRole, clock, refresher);
    }

    @Override
    public Credentials resolve() {
        requireConfigured();
        return refreshing.resolve();
    }

    @Override
    public Credentials refresh(Credentials rejected) {
        requireConfigured();
        return refreshing.refresh(rejected);
    }

    private void requireConfigured() {
        for (String name : new String[] {"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"}) {
            if (env(name) == null) {
                throw new CredentialsException(NAME + ": " + name + " not set");
            }
        }
    }

    private String env(String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The STS endpoint: AWS_ENDPOINT_URL_STS, else the region's, else the global one. */
    URI stsEndpoint() {
        String override = env("AWS_ENDPOINT_URL_STS");
        if (override != null) {
            return URI.create(override.endsWith("/") ? override : override + "/");
        }
        String region = env("AWS_REGION") != null ? env("AWS_REGION") : env("AWS_DEFAULT_REGION");
        if (region == null) {
            return URI.create("https://sts.amazonaws.com/");
        }
        return URI.create("https://sts." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn/" : "/"));
    }

    private Credentials assumeRole() throws IOException {
        Path tokenFile = Path.of(env("AWS_WEB_IDENTITY_TOKEN_FILE"));
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CredentialsException(NAME + ": cannot read the token file " + tokenFile + " (" + e.getClass().getSimpleName() + ")", e);
        }
        String session = env("AWS_ROLE_SESSION_NAME") != null ? env("AWS_ROLE_SESSION_NAME") : "s3legacy-" + clock.millis();
        String form = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" + encode(env("AWS_ROLE_ARN"))
                + "&RoleSessionName=" + encode(session) + "&WebIdentityToken=" + encode(token);
        URI endpoint = stsEndpoint();
        CredentialsHttp.Answer answer = http.send(http.request(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (answer.status() != 200) {
            String error = S3Xml.parseStsError(answer.body().getBytes(StandardCharsets.UTF_8));
            throw new CredentialsException(NAME + ": STS " + endpoint + " answered HTTP " + answer.status()
                    + (error == null ? "" : " " + error));
        }
        try {
            return S3Xml.parseAssumeRoleWithWebIdentity(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
        } catch (S3XmlException | IllegalArgumentException e) {
            throw new CredentialsException(NAME + ": unreadable STS answer: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return NAME + " (" + env("AWS_ROLE_ARN") + ")";
    }
}
