package dev.s3legacy.client.credentials;

import java.util.Objects;
import java.util.function.Function;

/**
 * Keys read from named variables: the environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_SESSION_TOKEN}) or the Java system properties ({@code aws.accessKeyId},
 * {@code aws.secretAccessKey}, {@code aws.sessionToken}), looked up on every call so a change is seen.
 */
public final class LookupCredentialsProvider implements CredentialsProvider {

    private final String source;
    private final Function<String, String> lookup;
    private final String idName;
    private final String secretName;
    private final String tokenName;
    /** The last set made, returned again while the values stay the same (signers are kept per instance). */
    private volatile Credentials last;

    private LookupCredentialsProvider(String source, Function<String, String> lookup, String idName, String secretName,
                                      String tokenName) {
        this.source = source;
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.idName = idName;
        this.secretName = secretName;
        this.tokenName = tokenName;
    }

    /** @param env the environment, e.g. {@code System::getenv} */
    public static LookupCredentialsProvider environment(Function<String, String> env) {
        return new LookupCredentialsProvider("environment", env, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN");
    }

    /** @param properties the system properties, e.g. {@code System::getProperty} */
    public static LookupCredentialsProvider systemProperties(Function<String, String> properties) {
        return new LookupCredentialsProvider("system properties", properties, "aws.accessKeyId", "aws.secretAccessKey",
                "aws.sessionToken");
    }

    @Override
    public Credentials resolve() {
        String id = text(idName);
        String secret = text(secretName);
        if (id == null || secret == null) {
            throw new CredentialsException(source + ": " + (id == null ? idName : secretName) + " not set");
        }
        Credentials c = new Credentials(id, secret, text(tokenName), null);
        Credentials previous = last;
        if (c.equals(previous)) {
            return previous;
        }
        last = c;
        return c;
    }

    private String text(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return source;
    }
}
