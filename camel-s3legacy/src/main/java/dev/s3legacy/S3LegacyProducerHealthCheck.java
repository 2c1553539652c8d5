package dev.s3legacy;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.util.URISupport;

/**
 * Readiness of a producer's store and bucket: a one-key listing of the bucket (under the prefix), which checks
 * the credentials, the bucket and the store's reachability at once and, unlike a HEAD, brings back S3's error
 * code ({@code SignatureDoesNotMatch}, {@code NoSuchBucket}). Its result is reused for the component's
 * {@code healthCheckProducerInterval}, so a readiness probe called every second asks the store at most once
 * per interval. Lives in Camel's "producers" health check repository (off unless
 * {@code camel.health.producersEnabled=true}) while its producer runs.
 */
final class S3LegacyProducerHealthCheck implements HealthCheck {

    private final S3LegacyEndpoint endpoint;
    private final String id;
    private final String sanitizedUri;
    private final long intervalNanos;
    private volatile boolean enabled = true;
    private Result cached;
    private long cachedAt;

    S3LegacyProducerHealthCheck(S3LegacyEndpoint endpoint, long intervalMillis) {
        this.endpoint = endpoint;
        this.id = "producer:s3legacy-" + endpoint.getId();
        this.sanitizedUri = URISupport.sanitizeUri(endpoint.getEndpointUri());
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    /** Adds a check for this endpoint to the context's producers repository, if there is one (camel-health). */
    static S3LegacyProducerHealthCheck register(S3LegacyEndpoint endpoint) {
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (repository == null) {
            return null;
        }
        S3LegacyComponent component = (S3LegacyComponent) endpoint.getComponent();
        S3LegacyProducerHealthCheck check = new S3LegacyProducerHealthCheck(endpoint, component.getHealthCheckProducerInterval());
        check.setEnabled(component.isHealthCheckProducerEnabled());
        repository.addHealthCheck(check);
        return check;
    }

    void unregister() {
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (repository != null) {
            repository.removeHealthCheck(this);
        }
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        // a store that is down makes this JVM not ready, not broken: restarting it would not help
        return false;
    }

    @Override
    public Result call(Map<String, Object> options) {
        if (!enabled) {
            HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this).message("Disabled");
            builder.detail(CHECK_ENABLED, false);
            return builder.unknown().build();
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (cached == null || now - cachedAt >= intervalNanos) {
                cached = probe();
                cachedAt = now;
            }
            return cached;
        }
    }

    private Result probe() {
        S3LegacyConfiguration c = endpoint.getConfiguration();
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        builder.detail(ENDPOINT_URI, sanitizedUri);
        builder.detail("bucket", c.getBucketName());
        builder.detail("store", c.getEndpoint());
        builder.detail("probe.time", Instant.now().toString());
        try {
            endpoint.getConnection().listBucket(c.getBucketName(), c.getPrefix(), null, 1, null);
            return builder.up().build();
        } catch (RuntimeException e) {
            builder.details(S3HealthDetails.of(e));
            builder.message("Cannot list bucket " + c.getBucketName() + " at " + c.getEndpoint() + ": " + e.getMessage());
            builder.error(e);
            return builder.down().build();
        }
    }
}
