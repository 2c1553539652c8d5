package dev.s3legacy.producer;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.s3legacy.S3LegacyEndpoint;
import dev.s3legacy.client.credentials.Credentials;
import dev.s3legacy.client.credentials.CredentialsProvider;
import dev.s3legacy.client.credentials.DefaultCredentialsProviderChain;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** sessionToken, credentialsProvider (a bean), useDefaultCredentialsProvider and profileName as endpoint options. */
class CredentialsOptionsTest extends CamelTestSupport {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<String> resolvedBy = new ArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
            }
        };
    }

    private String base() {
        return "s3legacy:bucket-1?endpoint=http://127.0.0.1:" + wm.getPort() + "&callingFormat=PATH";
    }

    private static String messages(Throwable t) {
        List<String> all = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.add(String.valueOf(c.getMessage()));
        }
        return String.join(" | ", all);
    }

    @Test
    void staticSessionTokenIsSentAndSigned() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("ETag", "\"e\"")));
        template.sendBodyAndHeader(base() + "&accessKey=ASIASTATIC&secretKey=RAW(s/k)&sessionToken=RAW(static+token/1)",
                "data", "CamelS3LegacyKey", "k");
        var sent = wm.getAllServeEvents().get(0).getRequest();
        assertThat(sent.getHeader("x-amz-security-token")).isEqualTo("static+token/1");
        assertThat(sent.getHeader("Authorization")).contains("Credential=ASIASTATIC/").contains("x-amz-security-token");
    }

    @Test
    void aCredentialsProviderBeanIsAskedForEveryRequest() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("ETag", "\"e\"")));
        CredentialsProvider bean = () -> {
            resolvedBy.add(Thread.currentThread().getName());
            return new Credentials("ASIABEAN", "bean/secret", "bean-token", null);
        };
        context.getRegistry().bind("myCredentials", bean);
        template.sendBodyAndHeader(base() + "&credentialsProvider=#myCredentials", "one", "CamelS3LegacyKey", "k1");
        template.sendBodyAndHeader(base() + "&credentialsProvider=#myCredentials", "two", "CamelS3LegacyKey", "k2");
        assertThat(resolvedBy).hasSize(2);
        assertThat(wm.getAllServeEvents()).allSatisfy(e -> {
            assertThat(e.getRequest().getHeader("x-amz-security-token")).isEqualTo("bean-token");
            assertThat(e.getRequest().getHeader("Authorization")).contains("Credential=ASIABEAN/");
        });
    }

    @Test
    void useDefaultCredentialsProviderMakesTheChainWithoutLookingYet() {
        S3LegacyEndpoint endpoint = context.getEndpoint(base() + "&useDefaultCredentialsProvider=true&profileName=dev",
                S3LegacyEndpoint.class);
        assertThat(endpoint.getConfiguration().getProfileName()).isEqualTo("dev");
        var provider = endpoint.getConnection().config().credentialsProvider();
        assertThat(provider).isInstanceOf(DefaultCredentialsProviderChain.class);
        assertThat(((DefaultCredentialsProviderChain) provider).source()).as("nothing resolved at start").isNull();
    }

    @Test
    void onlyOneWayOfGivingCredentials() {
        context.getRegistry().bind("p", (CredentialsProvider) () -> new Credentials("A", "S", null, null));
        for (String options : List.of("&accessKey=A&secretKey=S&useDefaultCredentialsProvider=true",
                "&accessKey=A&secretKey=S&credentialsProvider=#p",
                "&credentialsProvider=#p&useDefaultCredentialsProvider=true")) {
            assertThatThrownBy(() -> context.getEndpoint(base() + options)).satisfies(e -> assertThat(messages(e))
                    .contains("Set only one of: accessKey/secretKey, credentialsProvider, useDefaultCredentialsProvider=true"));
        }
        assertThatThrownBy(() -> context.getEndpoint(base() + "&sessionToken=RAW(t0ken-value)"))
                .satisfies(e -> assertThat(messages(e)).contains("Option sessionToken needs accessKey and secretKey")
                        .doesNotContain("t0ken-value"));
    }
}
