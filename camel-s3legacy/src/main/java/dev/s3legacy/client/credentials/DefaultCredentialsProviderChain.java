package dev.s3legacy.client.credentials;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The credentials users know from AWS's SDKs, looked for in the same order: environment variables, Java
 * system properties, web identity, the profile files, container credentials, the EC2 instance metadata
 * service (IMDSv2). The first source that gives credentials is remembered and asked from then on (it
 * refreshes temporary ones itself). When none does, the error lists every source with why it gave nothing.
 */
public final class DefaultCredentialsProviderChain implements CredentialsProvider {

    private static final System.Logger LOG = System.getLogger(DefaultCredentialsProviderChain.class.getName());

    private final List<CredentialsProvider> sources;
    private volatile CredentialsProvider found;

    /** The chain on this JVM's environment and system properties, profile from AWS_PROFILE or "default". */
    public DefaultCredentialsProviderChain() {
        this((String) null);
    }

    /** @param profileName the profile of the shared files, or null for AWS_PROFILE or "default" */
    public DefaultCredentialsProviderChain(String profileName) {
        this(profileName, System::getenv, System::getProperty);
    }

    /**
     * @param profileName the profile of the shared files, or null for AWS_PROFILE or "default"
     * @param refresher   where temporary credentials are refreshed in the background (a Camel endpoint hands its
     *                    component's pool), or null for a daemon thread each
     */
    public DefaultCredentialsProviderChain(String profileName, Executor refresher) {
        this(profileName, System::getenv, System::getProperty, refresher);
    }

    /** The chain reading the environment and the system properties through these lookups. */
    public DefaultCredentialsProviderChain(String profileName, Function<String, String> env, Function<String, String> properties) {
        this(profileName, env, properties, null);
    }

    /** The chain reading the environment and the system properties through these lookups, refreshing on {@code refresher}. */
    public DefaultCredentialsProviderChain(String profileName, Function<String, String> env, Function<String, String> properties,
                                           Executor refresher) {
        this(List.of(LookupCredentialsProvider.environment(env), LookupCredentialsProvider.systemProperties(properties),
                new WebIdentityCredentialsProvider(env, Clock.systemUTC(), refresher),
                new ProfileCredentialsProvider(profileName, env, properties),
                new ContainerCredentialsProvider(env, ContainerCredentialsProvider.ECS_AGENT, Clock.systemUTC(), refresher),
                new InstanceProfileCredentialsProvider(env, InstanceProfileCredentialsProvider.DEFAULT_ENDPOINT, Clock.systemUTC(),
                        refresher)));
    }

    /** A chain of these sources, in this order. */
    public DefaultCredentialsProviderChain(List<CredentialsProvider> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public Credentials resolve() {
        CredentialsProvider source = found;
        return source != null ? source.resolve() : search();
    }

    @Override
    public Credentials refresh(Credentials rejected) {
        CredentialsProvider source = found;
        return source != null ? source.refresh(rejected) : search();
    }

    private synchronized Credentials search() {
        if (found != null) {
            return found.resolve();
        }
        List<String> why = new ArrayList<>();
        for (CredentialsProvider source : sources) {
            try {
                Credentials c = source.resolve();
                found = source;
                LOG.log(System.Logger.Level.INFO, "Using AWS credentials from {0}", source);
                return c;
            } catch (CredentialsException e) {
                why.add(e.getMessage());
            }
        }
        throw new CredentialsException("No AWS credentials found by the default chain; tried, in order: "
                + String.join("; ", why));
    }

    /** The source that gave credentials, or null before one did. */
    public CredentialsProvider source() {
        return found;
    }

    @Override
    public String toString() {
        CredentialsProvider source = found;
        return "DefaultCredentialsProviderChain[" + (source == null ? "no source yet" : source) + "]";
    }
}
