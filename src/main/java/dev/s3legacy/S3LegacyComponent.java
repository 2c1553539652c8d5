package dev.s3legacy;

import java.util.Map;

import dev.s3legacy.client.S3Names;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code s3legacy} component. Options set here (credentials, endpoint, region, ...) are the
 * defaults of every endpoint it creates.
 */
@Component("s3legacy")
public class S3LegacyComponent extends DefaultComponent {

    @Metadata(description = "Default options of every endpoint")
    private S3LegacyConfiguration configuration = new S3LegacyConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Bucket name must be given: s3legacy:bucketName[?options]");
        }
        S3Names.requireValidBucket(remaining);
        S3LegacyConfiguration config = configuration.copy();
        config.setBucketName(remaining);
        S3LegacyEndpoint endpoint = new S3LegacyEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        // Check every value now, so a bad option fails at endpoint creation and not on the first message.
        config.toClientConfig();
        return endpoint;
    }

    public S3LegacyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(S3LegacyConfiguration configuration) {
        this.configuration = configuration;
    }
}
