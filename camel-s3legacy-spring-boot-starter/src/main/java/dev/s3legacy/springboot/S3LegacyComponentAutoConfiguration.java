package dev.s3legacy.springboot;

import dev.s3legacy.S3LegacyComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the s3legacy component from {@code camel.component.s3legacy.*}, as Camel's generated starters do: a
 * {@link ComponentCustomizer} that Camel applies when it creates the component, copying every property that is
 * set onto it. Off with {@code camel.component.s3legacy.enabled=false} (or {@code camel.component.enabled=false});
 * the customizer alone off with {@code camel.component.s3legacy.customizer.enabled=false}.
 */
@AutoConfiguration(after = {CamelAutoConfiguration.class, S3LegacyComponentConverter.class})
@ConditionalOnClass(S3LegacyComponent.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, S3LegacyComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.s3legacy"})
public class S3LegacyComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final S3LegacyComponentConfiguration configuration;

    public S3LegacyComponentAutoConfiguration(ApplicationContext applicationContext, CamelContext camelContext,
            S3LegacyComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureS3LegacyComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                        "camel.component.customizer", "camel.component.s3legacy.customizer")
                        && target instanceof S3LegacyComponent;
            }
        };
    }
}
