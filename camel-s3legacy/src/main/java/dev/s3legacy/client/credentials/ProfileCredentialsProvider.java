package dev.s3legacy.client.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A profile of the AWS shared files: {@code ~/.aws/credentials} ({@code AWS_SHARED_CREDENTIALS_FILE}) and
 * {@code ~/.aws/config} ({@code AWS_CONFIG_FILE}); the profile is the one named here, else
 * {@code AWS_PROFILE}, else {@code default}. Static keys and a session token
 * ({@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_session_token}); the credentials
 * file wins over the config file. Read once, when first asked. Not supported: {@code role_arn} /
 * {@code source_profile}, SSO and {@code credential_process} profiles (they fail naming the setting).
 */
public final class ProfileCredentialsProvider implements CredentialsProvider {

    static final String NAME = "profile";
    private static final List<String> UNSUPPORTED = List.of("role_arn", "source_profile", "credential_source",
            "sso_session", "sso_start_url", "sso_account_id", "credential_process", "web_identity_token_file");

    private final String profileName;
    private final Function<String, String> env;
    private final Function<String, String> properties;
    private volatile Credentials loaded;

    /**
     * @param profileName the profile, or null for AWS_PROFILE or "default"
     * @param properties  system properties (for {@code user.home})
     */
    public ProfileCredentialsProvider(String profileName, Function<String, String> env, Function<String, String> properties) {
        this.profileName = profileName == null || profileName.isBlank() ? null : profileName.trim();
        this.env = Objects.requireNonNull(env, "env");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public Credentials resolve() {
        Credentials c = loaded;
        if (c == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load();
                }
                c = loaded;
            }
        }
        return c;
    }

    String profile() {
        if (profileName != null) {
            return profileName;
        }
        String fromEnv = text(env.apply("AWS_PROFILE"));
        return fromEnv != null ? fromEnv : "default";
    }

    private Path file(String variable, String defaultName) {
        String path = text(env.apply(variable));
        String home = text(properties.apply("user.home"));
        if (path != null) {
            return path.startsWith("~/") && home != null ? Path.of(home, path.substring(2)) : Path.of(path);
        }
        return home == null ? null : Path.of(home, ".aws", defaultName);
    }

    private Credentials load() {
        String profile = profile();
        Path credentialsFile = file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
        Path configFile = file("AWS_CONFIG_FILE", "config");
        Map<String, String> settings = new LinkedHashMap<>();
        boolean anyFile = false;
        try {
            if (credentialsFile != null && Files.isRegularFile(credentialsFile)) {
                anyFile = true;
                settings.putAll(ProfileFiles.read(credentialsFile, false).getOrDefault(profile, Map.of()));
            }
            if (configFile != null && Files.isRegularFile(configFile)) {
                anyFile = true;
                ProfileFiles.read(configFile, true).getOrDefault(profile, Map.of()).forEach(settings::putIfAbsent);
            }
        } catch (IOException e) {
            throw new CredentialsException(NAME + ": cannot read " + credentialsFile + " or " + configFile + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (!anyFile) {
            throw new CredentialsException(NAME + ": neither " + credentialsFile + " nor " + configFile + " exists");
        }
        if (settings.isEmpty()) {
            throw new CredentialsException(NAME + ": no profile '" + profile + "' in " + credentialsFile + " or " + configFile);
        }
        String id = text(settings.get("aws_access_key_id"));
        String secret = text(settings.get("aws_secret_access_key"));
        if (id != null && secret != null) {
            return new Credentials(id, secret, text(settings.get("aws_session_token")), null);
        }
        for (String setting : UNSUPPORTED) {
            if (settings.containsKey(setting)) {
                throw new CredentialsException(NAME + ": profile '" + profile + "' uses " + setting + ", which s3legacy does"
                        + " not support (only aws_access_key_id, aws_secret_access_key and aws_session_token)");
            }
        }
        throw new CredentialsException(NAME + ": profile '" + profile + "' has no aws_access_key_id and aws_secret_access_key");
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return NAME + " '" + profile() + "'";
    }
}
