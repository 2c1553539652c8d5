package dev.s3legacy.client.credentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * EC2 instance profile credentials through IMDSv2: a session token from {@code PUT /latest/api/token}, then
 * the role's name and its credentials, each asked with that token. One-second timeouts, so that a JVM off
 * EC2 learns quickly that there is no metadata service; never through a proxy. Off with
 * {@code AWS_EC2_METADATA_DISABLED=true}; the service is {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} if set.
 * IMDSv1 (no token) is not used.
 */
public final class InstanceProfileCredentialsProvider implements CredentialsProvider {

    static final String NAME = "instance metadata (IMDSv2)";
    public static final URI DEFAULT_ENDPOINT = URI.create("http://169.254.169.254");
    static final String TOKEN_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    private static final String CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Function<String, String> env;
    private final URI defaultEndpoint;
    private final CredentialsHttp http = new CredentialsHttp(TIMEOUT, true);
    private final RefreshingCredentialsProvider refreshing;

    public InstanceProfileCredentialsProvider(Function<String, String> env) {
        this(env, DEFAULT_ENDPOINT, Clock.systemUTC(), null);
    }

    /**
     * @param defaultEndpoint the metadata service unless AWS_EC2_METADATA_SERVICE_ENDPOINT says otherwise
     * @param refresher       where background refreshes run, or null for a daemon thread each
     */
    public InstanceProfileCredentialsProvider(Function<String, String> env, URI defaultEndpoint, Clock clock, Executor refresher) {
        this.env = Objects.requireNonNull(env, "env");
        this.defaultEndpoint = Objects.requireNonNull(defaultEndpoint, "defaultEndpoint");
        this.refreshing = RefreshingCredentialsProvider.of(NAME, this::load, clock, refresher);
    }

    @Override
    public Credentials resolve() {
        requireEnabled();
        return refreshing.resolve();
    }

    @Override
    public Credentials refresh(Credentials rejected) {
        requireEnabled();
        return refreshing.refresh(rejected);
    }

    private void requireEnabled() {
        if ("true".equalsIgnoreCase(trimmed("AWS_EC2_METADATA_DISABLED"))) {
            throw new CredentialsException(NAME + ": disabled by AWS_EC2_METADATA_DISABLED=true");
        }
    }

    private String trimmed(String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private String endpoint() {
        String override = trimmed("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        return (override != null ? override : defaultEndpoint.toString()).replaceAll("/+$", "");
    }

    private Credentials load() throws IOException {
        String base = endpoint();
        CredentialsHttp.Answer token = http.send(http.request(URI.create(base + "/latest/api/token"))
                .header(TOKEN_TTL_HEADER, "21600").PUT(HttpRequest.BodyPublishers.noBody()).build());
        if (token.status() != 200 || token.body().isBlank()) {
            throw new CredentialsException(NAME + ": the token request to " + base + " answered HTTP " + token.status());
        }
        String session = token.body().trim();
        CredentialsHttp.Answer roles = get(base + CREDENTIALS_PATH, session);
        if (roles.status() == 404) {
            throw new CredentialsException(NAME + ": no IAM role is attached to this instance");
        }
        String role = roles.body().lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(null);
        if (roles.status() != 200 || role == null) {
            throw new CredentialsException(NAME + ": the role request answered HTTP " + roles.status());
        }
        CredentialsHttp.Answer answer = get(base + CREDENTIALS_PATH + role, session);
        if (answer.status() != 200) {
            throw new CredentialsException(NAME + ": the credentials request for role " + role + " answered HTTP "
                    + answer.status());
        }
        Map<String, String> fields = FlatJson.parse(answer.body());
        if (fields.get("Code") != null && !"Success".equals(fields.get("Code"))) {
            throw new CredentialsException(NAME + ": role " + role + " credentials not available: " + fields.get("Code"));
        }
        return ContainerCredentialsProvider.fromJson(NAME, fields);
    }

    private CredentialsHttp.Answer get(String uri, String session) throws IOException {
        return http.send(http.request(URI.create(uri)).header(TOKEN_HEADER, session).GET().build());
    }

    @Override
    public String toString() {
        return NAME;
    }
}
