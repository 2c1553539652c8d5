package dev.s3legacy.springboot;

import dev.s3legacy.S3LegacyComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the starter stands back, in real (small) application contexts: {@code camel.component.s3legacy.enabled=false}
 * leaves the component as Camel creates it, properties unapplied; without the component on the class path the
 * auto-configuration does not apply at all. No store is contacted: no route is started.
 */
class S3LegacyAutoConfigurationConditionsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, S3LegacyComponentConverter.class,
                    S3LegacyComponentAutoConfiguration.class))
            .withPropertyValues(
                    "camel.component.s3legacy.endpoint=http://127.0.0.1:9",
                    "camel.component.s3legacy.region=eu-west-1",
                    "camel.component.s3legacy.access-key=AKIAS3LEGACYUNUSED01",
                    "camel.component.s3legacy.secret-key=unused/Secret+Key");

    @Test
    void enabledByDefaultTheCustomizerAppliesTheProperties() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(S3LegacyComponentAutoConfiguration.class);
            S3LegacyComponent component = context.getBean(CamelContext.class).getComponent("s3legacy", S3LegacyComponent.class);
            assertThat(component.getConfiguration().getEndpoint()).isEqualTo("http://127.0.0.1:9");
            assertThat(component.getConfiguration().getRegion()).isEqualTo("eu-west-1");
        });
    }

    @Test
    void enabledFalseTurnsTheAutoConfigurationOff() {
        runner.withPropertyValues("camel.component.s3legacy.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(S3LegacyComponentAutoConfiguration.class);
            assertThat(context).doesNotHaveBean(S3LegacyComponentConfiguration.class);
            assertThat(context.getBeansOfType(ComponentCustomizer.class).values())
                    .noneMatch(c -> c.isEnabled("s3legacy", new S3LegacyComponent()));
            // Camel still finds the component on the class path, but with its own defaults
            S3LegacyComponent component = context.getBean(CamelContext.class).getComponent("s3legacy", S3LegacyComponent.class);
            assertThat(component.getConfiguration().getEndpoint()).isEqualTo("https://s3.amazonaws.com");
            assertThat(component.getConfiguration().getRegion()).isEqualTo("us-east-1");
            assertThat(component.getConfiguration().getAccessKey()).isNull();
        });
    }

    @Test
    void camelComponentEnabledFalseTurnsEveryComponentsAutoConfigurationOff() {
        runner.withPropertyValues("camel.component.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(S3LegacyComponentAutoConfiguration.class));
    }

    @Test
    void withoutTheComponentOnTheClassPathNothingApplies() {
        runner.withClassLoader(new FilteredClassLoader(S3LegacyComponent.class)).run(context -> {
            assertThat(context).doesNotHaveBean(S3LegacyComponentAutoConfiguration.class);
            assertThat(context).doesNotHaveBean(S3LegacyComponentConverter.class);
        });
    }
}
