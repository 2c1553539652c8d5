package dev.s3legacy.examples.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.s3legacy.S3LegacyComponent;
import dev.s3legacy.client.S3ClientConfig;
import dev.s3legacy.client.S3Connection;
import dev.s3legacy.client.S3LegacyException;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an example with Camel Main: reads {@code classpath:<name>/application.properties} (every value
 * there can be overridden by an environment variable or a {@code -D} system property), starts the
 * embedded S3 server when {@code s3.endpoint} is {@code embedded} (the default), creates the buckets
 * the example needs, and stops everything after {@code camel.main.durationMaxSeconds} or on Ctrl-C.
 *
 * <p>Properties read here: {@code s3.endpoint}, {@code s3.accessKey}, {@code s3.secretKey},
 * {@code example.workDir} (the embedded server keeps its buckets in {@code <workDir>/s3}),
 * {@code example.cleanStart} (delete the work directory first), {@code example.createBuckets}.
 */
public final class ExampleRunner implements AutoCloseable {

    /** The value of {@code s3.endpoint} that starts the embedded server. */
    public static final String EMBEDDED = "embedded";

    private static final Logger LOG = LoggerFactory.getLogger(ExampleRunner.class);

    private final String name;
    private final Main main;
    private final List<String> bucketProperties = new ArrayList<>();
    private volatile EmbeddedS3 server;
    private final AtomicBoolean serverStopped = new AtomicBoolean();
    private volatile Path workDir;

    private ExampleRunner(String name) {
        this.name = name;
        this.main = new Main();
        main.setPropertyPlaceholderLocations("classpath:" + name + "/application.properties");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                prepare(m.getCamelContext());
            }

            @Override
            public void afterConfigure(BaseMainSupport m) {
                createBuckets(m.getCamelContext());
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                logDevConsole(m.getCamelContext());
            }
        });
    }

    /** An example whose settings are in {@code classpath:<name>/application.properties}. */
    public static ExampleRunner of(String name) {
        return new ExampleRunner(name);
    }

    public ExampleRunner routes(RoutesBuilder... builders) {
        for (RoutesBuilder b : builders) {
            main.configure().addRoutesBuilder(b);
        }
        return this;
    }

    /** Routes Camel Main loads from files (YAML, XML), e.g. {@code classpath:yaml-poller/poller.camel.yaml}. */
    public ExampleRunner routesIncludePattern(String pattern) {
        main.configure().withRoutesIncludePattern(pattern);
        return this;
    }

    /** Creates the bucket named by this property at start (unless {@code example.createBuckets=false}). */
    public ExampleRunner bucket(String property) {
        bucketProperties.add(property);
        return this;
    }

    /** A property that wins over application.properties (tests use it for short delays and their own directories). */
    public ExampleRunner property(String key, String value) {
        main.addOverrideProperty(key, value);
        return this;
    }

    /** Runs until {@code camel.main.durationMaxSeconds} pass or Ctrl-C, then stops the routes and the server. */
    public void run() throws Exception {
        Thread hook = new Thread(this::stopServer, name + "-s3-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            main.run();
        } finally {
            close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs anyway
            }
        }
    }

    /** Starts without blocking (for tests); {@link #close()} stops. */
    public ExampleRunner start() throws Exception {
        main.start();
        return this;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The embedded server, or null when the example talks to another store. */
    public EmbeddedS3 server() {
        return server;
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Camel failed: {}", e.getMessage());
        } finally {
            stopServer();
        }
    }

    private void stopServer() {
        EmbeddedS3 s = server;
        if (s != null && serverStopped.compareAndSet(false, true)) {
            s.close();
            LOG.info("Embedded S3 server stopped; its buckets are kept under {}", s.directory());
        }
    }

    // ---------------------------------------------------------------- lifecycle hooks

    private void prepare(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        workDir = Path.of(required(pc, "example.workDir"));
        if (Boolean.parseBoolean(pc.resolveProperty("example.cleanStart").orElse("false"))) {
            deleteRecursively(workDir);
        }
        String endpoint = required(pc, "s3.endpoint");
        if (EMBEDDED.equalsIgnoreCase(endpoint.trim())) {
            Path store = workDir.resolve("s3");
            server = EmbeddedS3.start(store, required(pc, "s3.accessKey"), required(pc, "s3.secretKey"));
            pc.addOverrideProperty("s3.endpoint", server.endpoint());
            LOG.info("Embedded S3 server (s3proxy, signatures checked) listening on {}, buckets kept under {}",
                    server.endpoint(), store);
        } else {
            LOG.info("Using the S3 store at {}", endpoint);
        }
    }

    private void createBuckets(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        if (!Boolean.parseBoolean(pc.resolveProperty("example.createBuckets").orElse("true"))) {
            return;
        }
        S3ClientConfig config = context.getComponent("s3legacy", S3LegacyComponent.class).getConfiguration().toClientConfig();
        String location = "us-east-1".equals(config.region()) ? null : config.region();
        try (S3Connection s3 = new S3Connection(config)) {
            for (String property : bucketProperties) {
                String bucket = required(pc, property);
                try {
                    s3.createBucket(bucket, location);
                    LOG.info("Created bucket {}", bucket);
                } catch (S3LegacyException e) {
                    if (!"BucketAlreadyOwnedByYou".equals(e.getErrorCode())) {
                        throw e;
                    }
                    LOG.info("Bucket {} already exists", bucket);
                }
            }
        }
    }

    /** What the s3legacy dev console shows of the example's endpoints, once at the end of the run. */
    private static void logDevConsole(CamelContext context) {
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("s3legacy");
        if (console != null) {
            LOG.info("Dev console s3legacy at the end of the run:\n{}", console.call(DevConsole.MediaType.TEXT));
        }
    }

    private static String required(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key)
                .orElseThrow(() -> new IllegalArgumentException("Property " + key + " is not set"));
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + dir, e);
        }
    }
}
