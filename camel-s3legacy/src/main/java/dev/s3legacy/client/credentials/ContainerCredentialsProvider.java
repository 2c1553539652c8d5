package dev.s3legacy.client.credentials;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Container credentials (ECS tasks, EKS Pod Identity): {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} on the
 * ECS agent at 169.254.170.2, or {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (https, or http to a loopback
 * or the ECS/EKS agent address only), with the {@code Authorization} header from
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} (re-read for every refresh) or
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}.
 */
public final class ContainerCredentialsProvider implements CredentialsProvider {

    static final String NAME = "container";
    public static final URI ECS_AGENT = URI.create("http://169.254.170.2");
    private static final Set<String> AGENT_HOSTS = Set.of("169.254.170.2", "169.254.170.23", "[fd00:ec2::23]", "fd00:ec2::23");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Function<String, String> env;
    private final URI relativeBase;
    private final CredentialsHttp http = new CredentialsHttp(TIMEOUT, true);
    private final RefreshingCredentialsProvider refreshing;

    public ContainerCredentialsProvider(Function<String, String> env) {
        this(env, ECS_AGENT, Clock.systemUTC(), null);
    }

    /**
     * @param relativeBase where a relative URI points (the ECS agent; tests point it elsewhere)
     * @param refresher    where background refreshes run, or null for a daemon thread each
     */
    public ContainerCredentialsProvider(Function<String, String> env, URI relativeBase, Clock clock, Executor refresher) {
        this.env = Objects.requireNonNull(env, "env");
        this.relativeBase = Objects.requireNonNull(relativeBase, "relativeBase");
        this.refreshing = RefreshingCredentialsProvider.of(NAME, this::load, clock, refresher);
    }

    @Override
    public Credentials resolve() {
        uri();
        return refreshing.resolve();
    }

    @Override
    public Credentials refresh(Credentials rejected) {
        uri();
        return refreshing.refresh(rejected);
    }

    private String env(String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The credentials URI; fails when neither variable is set or the full URI is not allowed. */
    URI uri() {
        String relative = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (relative != null) {
            return URI.create(relativeBase.toString().replaceAll("/+$", "") + (relative.startsWith("/") ? "" : "/") + relative);
        }
        String full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (full == null) {
            throw new CredentialsException(NAME + ": AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and"
                    + " AWS_CONTAINER_CREDENTIALS_FULL_URI not set");
        }
        URI uri;
        try {
            uri = URI.create(full);
        } catch (IllegalArgumentException e) {
            throw new CredentialsException(NAME + ": AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URI");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !("http".equalsIgnoreCase(uri.getScheme()) && allowedHttpHost(uri.getHost()))) {
            throw new CredentialsException(NAME + ": AWS_CONTAINER_CREDENTIALS_FULL_URI " + uri + " must be https, or http to"
                    + " a loopback address or the ECS/EKS agent (169.254.170.2, 169.254.170.23, fd00:ec2::23)");
        }
        return uri;
    }

    private static boolean allowedHttpHost(String host) {
        if (host == null) {
            return false;
        }
        if (AGENT_HOSTS.contains(host)) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private String authorization() throws IOException {
        String file = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        String token;
        if (file != null) {
            try {
                token = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new CredentialsException(NAME + ": cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file
                        + " (" + e.getClass().getSimpleName() + ")", e);
            }
        } else {
            token = env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        }
        if (token != null && token.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new CredentialsException(NAME + ": the authorization token holds a line break");
        }
        return token;
    }

    private Credentials load() throws IOException {
        URI uri = uri();
        var request = http.request(uri).header("Accept", "application/json");
        String token = authorization();
        if (token != null) {
            request.header("Authorization", token);
        }
        CredentialsHttp.Answer answer = http.send(request.GET().build());
        if (answer.status() != 200) {
            throw new CredentialsException(NAME + ": " + uri + " answered HTTP " + answer.status() + errorOf(answer.body()));
        }
        return fromJson(NAME, FlatJson.parse(answer.body()));
    }

    /** {@code Code: Message} of a JSON error answer, if it is one. */
    static String errorOf(String body) {
        try {
            Map<String, String> fields = FlatJson.parse(body);
            String code = fields.get("Code");
            return code == null ? "" : " " + code + (fields.get("Message") == null ? "" : ": " + fields.get("Message"));
        } catch (CredentialsException notJson) {
            return "";
        }
    }

    /** Credentials from the JSON members the container and instance metadata endpoints share. */
    static Credentials fromJson(String source, Map<String, String> fields) {
        for (String name : new String[] {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}) {
            if (fields.get(name) == null) {
                throw new CredentialsException(source + ": the credentials document has no " + name);
            }
        }
        Instant expiry;
        try {
            expiry = java.time.OffsetDateTime.parse(fields.get("Expiration")).toInstant();
        } catch (DateTimeParseException e) {
            throw new CredentialsException(source + ": Expiration is not an ISO-8601 time: " + fields.get("Expiration"));
        }
        return new Credentials(fields.get("AccessKeyId"), fields.get("SecretAccessKey"), fields.get("Token"), expiry);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
