package dev.s3legacy.springboot;

import java.util.Set;
import java.util.function.Predicate;

import dev.s3legacy.S3LegacyComponent;
import dev.s3legacy.S3LegacyConfiguration;
import dev.s3legacy.client.ProgressListener;
import dev.s3legacy.client.credentials.CredentialsProvider;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds the component's object options ({@code camel.component.s3legacy.credentials-provider=#bean:myProvider}) to
 * beans of the application context, as the converters of Camel's generated starters do: {@code #bean:name} or
 * {@code #name}. Anything else is refused, so Spring's binder names the property in its error.
 */
@AutoConfiguration
@ConditionalOnClass(S3LegacyComponent.class)
@ConfigurationPropertiesBinding
public class S3LegacyComponentConverter implements GenericConverter {

    private static final Set<Class<?>> BEAN_TYPES = Set.of(S3LegacyConfiguration.class, StateRepository.class,
            Predicate.class, IdempotentRepository.class, CredentialsProvider.class, SSLContextParameters.class,
            ProgressListener.class);

    private final ApplicationContext applicationContext;

    public S3LegacyComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.copyOf(BEAN_TYPES.stream().map(type -> new ConvertiblePair(String.class, type)).toList());
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String text = source.toString();
        if (!text.startsWith("#")) {
            throw new IllegalArgumentException("expected a bean reference (#bean:name) for a " + targetType.getType().getName()
                    + ", got text of " + text.length() + " characters");
        }
        String name = text.startsWith("#bean:") ? text.substring("#bean:".length()) : text.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
