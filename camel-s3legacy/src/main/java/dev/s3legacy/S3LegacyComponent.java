package dev.s3legacy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import dev.s3legacy.client.S3Names;
import dev.s3legacy.client.Spooler;
import dev.s3legacy.client.TransportRegistry;
import javax.net.ssl.SSLContext;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code s3legacy} component. Options set here (credentials, endpoint, region, ...) are the
 * defaults of every endpoint it creates. Its health checks follow Camel's {@link HealthCheckComponent}
 * conventions: {@code healthCheckConsumerEnabled}, {@code healthCheckProducerEnabled}.
 */
@Component("s3legacy")
public class S3LegacyComponent extends HealthCheckComponent implements SSLContextParametersAware {

    private static final Logger LOG = LoggerFactory.getLogger(S3LegacyComponent.class);

    @Metadata(description = "Default options of every endpoint")
    private S3LegacyConfiguration configuration = new S3LegacyConfiguration();
    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSL context parameters for endpoints that set no sslContextParameters"
                            + " (and do not trust all certificates).")
    private boolean useGlobalSslContextParameters;

    // ---- health (issue 14)
    @Metadata(label = "health", defaultValue = "30s", javaType = "java.time.Duration",
              description = "How long a producer health check's result is reused before it asks the store again (a one-key listing"
                      + " of the bucket), so readiness probes, however frequent, do not hammer the store. 0: ask on every call.")
    private long healthCheckProducerInterval = 30_000;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Bucket name must be given: s3legacy:bucketName[?options]");
        }
        S3Names.requireValidBucket(remaining);
        requireWholeNumbers(parameters);
        S3LegacyConfiguration config = configuration.copy();
        config.setBucketName(remaining);
        S3LegacyEndpoint endpoint = new S3LegacyEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        if (config.getSslContextParameters() == null && !config.isTrustAllCertificates()) {
            config.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        // Check every value now, so a bad option fails at endpoint creation and not on the first message.
        config.toClientConfig();
        config.toWriteOptions();
        return endpoint;
    }

    /**
     * Options that count something. Camel binds a text value of an int or long option as a duration
     * where it can, so "abc" would silently become 0 and "5s" 5000: these must be plain whole numbers.
     */
    private static final Set<String> WHOLE_NUMBER_OPTIONS = Set.of("maxKeys", "maxMessagesPerPoll", "expiresIn",
            "multipartConcurrency", "multipartThreshold", "partSize", "maxRetries", "spoolThreshold", "proxyPort",
            "downloadPartSize", "downloadConcurrency");

    private static void requireWholeNumbers(Map<String, Object> parameters) {
        parameters.forEach((name, value) -> {
            if (value instanceof String text && WHOLE_NUMBER_OPTIONS.stream().anyMatch(name::equalsIgnoreCase)
                    && !text.trim().matches("[+-]?\\d+")) {
                throw new IllegalArgumentException("Option " + name + " must be a whole number, was '" + text + "'");
            }
        });
    }

    /**
     * Threads of every endpoint of this component, from the CamelContext's ExecutorServiceManager: a
     * cached pool for the HTTP client and blocking work (multipart stream reads), and one timer thread
     * for retry pauses and read timeouts. Made on first use, stopped with the component.
     */
    private ExecutorService workers;
    private ScheduledExecutorService timer;

    synchronized ExecutorService workers() {
        if (workers == null) {
            workers = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "S3Legacy");
        }
        return workers;
    }

    synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "S3LegacyTimer");
        }
        return timer;
    }

    /** Spool files older than this in a spool directory are left over from a JVM that died. */
    static final Duration STALE_SPOOL_AGE = Duration.ofHours(24);
    private final Set<Path> sweptSpoolDirectories = ConcurrentHashMap.newKeySet();

    /**
     * Deletes, once per directory and in the background, the spool files a crashed JVM left there: only
     * this component's own (by name) and only those untouched for {@link #STALE_SPOOL_AGE}, so files of a
     * live exchange, here or in another JVM sharing the directory, stay.
     */
    void sweepStaleSpoolFiles(Path directory) {
        if (sweptSpoolDirectories.add(directory)) {
            workers().execute(() -> {
                int deleted = Spooler.sweepStale(directory, STALE_SPOOL_AGE);
                if (deleted > 0) {
                    LOG.info("Deleted {} spool file(s) older than {} left in {} by an earlier run", deleted,
                            STALE_SPOOL_AGE, directory);
                }
            });
        }
    }

    /**
     * HTTP clients of this component's endpoints, shared by endpoints with equal TLS and proxy settings
     * (one pool of kept-alive connections each) and all running on {@link #workers()}.
     */
    private final TransportRegistry transports = new TransportRegistry();
    /** One SSLContext per SSLContextParameters instance, so endpoints sharing the parameters share a client. */
    private final Map<SSLContextParameters, SSLContext> sslContexts = new IdentityHashMap<>();

    TransportRegistry transports() {
        return transports;
    }

    synchronized SSLContext sslContext(SSLContextParameters parameters) {
        if (parameters == null) {
            return null;
        }
        SSLContext context = sslContexts.get(parameters);
        if (context == null) {
            try {
                context = parameters.createSSLContext(getCamelContext());
            } catch (Exception e) {
                throw new IllegalArgumentException("Option sslContextParameters: cannot make its SSL context: " + e.getMessage(), e);
            }
            sslContexts.put(parameters, context);
        }
        return context;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        super.doStop();
        transports.close();
        sslContexts.clear();
        if (workers != null) {
            getCamelContext().getExecutorServiceManager().shutdown(workers);
            workers = null;
        }
        if (timer != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
        sweptSpoolDirectories.clear();
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public S3LegacyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(S3LegacyConfiguration configuration) {
        this.configuration = configuration;
    }

    public long getHealthCheckProducerInterval() {
        return healthCheckProducerInterval;
    }

    public void setHealthCheckProducerInterval(long healthCheckProducerInterval) {
        if (healthCheckProducerInterval < 0) {
            throw new IllegalArgumentException("Option healthCheckProducerInterval must be 0 or more, was " + healthCheckProducerInterval);
        }
        this.healthCheckProducerInterval = healthCheckProducerInterval;
    }
}
