package dev.s3legacy.client.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each source of the default chain against files in a temporary directory and WireMock on 127.0.0.1. */
class CredentialSourcesTest {

    static final String EXPIRATION = "2099-01-01T00:00:00Z";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    private String base() {
        return "http://127.0.0.1:" + wm.getPort();
    }

    static String stsAnswer(String id, String secret, String token, String expiration) {
        return "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>system:sa</SubjectFromWebIdentityToken>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::123:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + id + "</AccessKeyId><SecretAccessKey>" + secret + "</SecretAccessKey>"
                + "<SessionToken>" + token + "</SessionToken><Expiration>" + expiration + "</Expiration></Credentials>"
                + "</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                + "</AssumeRoleWithWebIdentityResponse>";
    }

    static String jsonCredentials(String id, String secret, String token, String expiration) {
        return "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2024-01-01T00:00:00Z\",\n  \"Type\" : \"AWS-HMAC\",\n"
                + "  \"AccessKeyId\" : \"" + id + "\",\n  \"SecretAccessKey\" : \"" + secret + "\",\n  \"Token\" : \"" + token
                + "\",\n  \"Expiration\" : \"" + expiration + "\",\n  \"RoleArn\": \"arn:aws:iam::1:role/x\", \"Nested\": {\"a\": [1, 2]}\n}";
    }

    // ---------------------------------------------------------------- environment and system properties

    @Test
    void environmentVariablesWithAndWithoutToken() {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env/secret"));
        CredentialsProvider p = LookupCredentialsProvider.environment(env::get);
        assertThat(p.resolve().accessKeyId()).isEqualTo("AKIAENV");
        assertThat(p.resolve().sessionToken()).isNull();
        assertThat(p.resolve()).as("same values, same instance (signers are kept per instance)").isSameAs(p.resolve());
        env.put("AWS_SESSION_TOKEN", "env-token");
        assertThat(p.resolve().sessionToken()).isEqualTo("env-token");
        env.remove("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(p::resolve).isInstanceOf(CredentialsException.class)
                .hasMessage("environment: AWS_SECRET_ACCESS_KEY not set");
    }

    @Test
    void systemPropertiesThroughTheirLookup() {
        Map<String, String> props = Map.of("aws.accessKeyId", "AKIAPROP", "aws.secretAccessKey", "prop/secret",
                "aws.sessionToken", "prop-token");
        Credentials c = LookupCredentialsProvider.systemProperties(props::get).resolve();
        assertThat(c.accessKeyId()).isEqualTo("AKIAPROP");
        assertThat(c.secretKey()).isEqualTo("prop/secret");
        assertThat(c.sessionToken()).isEqualTo("prop-token");
        assertThatThrownBy(() -> LookupCredentialsProvider.systemProperties(Map.<String, String>of()::get).resolve())
                .hasMessage("system properties: aws.accessKeyId not set");
    }

    // ---------------------------------------------------------------- web identity

    @Test
    void webIdentityAsksStsWithTheTokenFileReadAgainForEachRefresh() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "jwt-one\n");
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("WebIdentityToken=jwt-one"))
                .willReturn(aResponse().withBody(stsAnswer("ASIAONE", "secret-one", "session-one", EXPIRATION))));
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("WebIdentityToken=jwt-two"))
                .willReturn(aResponse().withBody(stsAnswer("ASIATWO", "secret-two", "session-two", EXPIRATION))));
        Map<String, String> env = Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(),
                "AWS_ROLE_ARN", "arn:aws:iam::123:role/reader", "AWS_ROLE_SESSION_NAME", "sess-1",
                "AWS_ENDPOINT_URL_STS", base());
        WebIdentityCredentialsProvider p = new WebIdentityCredentialsProvider(env::get);

        Credentials first = p.resolve();
        assertThat(first.accessKeyId()).isEqualTo("ASIAONE");
        assertThat(first.sessionToken()).isEqualTo("session-one");
        assertThat(first.expiry()).isEqualTo(Instant.parse(EXPIRATION));
        assertThat(p.resolve()).isSameAs(first);
        wm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("Action=AssumeRoleWithWebIdentity"))
                .withRequestBody(containing("Version=2011-06-15"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A123%3Arole%2Freader"))
                .withRequestBody(containing("RoleSessionName=sess-1"))
                .withoutHeader("Authorization"));

        Files.writeString(tokenFile, "jwt-two");
        assertThat(p.refresh(first).accessKeyId()).as("the token file is read again").isEqualTo("ASIATWO");
    }

    @Test
    void webIdentityEndpointIsRegionalAndStsErrorsAreNamed() throws Exception {
        assertThat(new WebIdentityCredentialsProvider(Map.of("AWS_REGION", "eu-west-1")::get).stsEndpoint())
                .hasToString("https://sts.eu-west-1.amazonaws.com/");
        assertThat(new WebIdentityCredentialsProvider(Map.<String, String>of()::get).stsEndpoint())
                .hasToString("https://sts.amazonaws.com/");
        assertThatThrownBy(() -> new WebIdentityCredentialsProvider(Map.of("AWS_ROLE_ARN", "arn")::get).resolve())
                .hasMessage("web identity: AWS_WEB_IDENTITY_TOKEN_FILE not set");

        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "expired-jwt");
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withBody(
                "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredTokenException</Code>"
                        + "<Message>Token expired</Message></Error><RequestId>r</RequestId></ErrorResponse>")));
        Map<String, String> env = Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(), "AWS_ROLE_ARN", "arn:r",
                "AWS_ENDPOINT_URL_STS", base());
        assertThatThrownBy(() -> new WebIdentityCredentialsProvider(env::get).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("HTTP 400 ExpiredTokenException: Token expired")
                .hasMessageNotContaining("expired-jwt");
    }

    // ---------------------------------------------------------------- profile files

    @Test
    void profilesFromAHomeDirectory() throws Exception {
        Path aws = Files.createDirectories(dir.resolve(".aws"));
        Files.writeString(aws.resolve("credentials"), "# comment\n[default]\naws_access_key_id = AKIADEFAULT\n"
                + "aws_secret_access_key = default/secret ; trailing comment\n\n[dev]\naws_access_key_id=ASIADEV\n"
                + "aws_secret_access_key=dev/secret\naws_session_token=dev-token\n");
        Files.writeString(aws.resolve("config"), "[default]\nregion = eu-west-1\n[profile from-config]\n"
                + "aws_access_key_id = AKIACONFIG\naws_secret_access_key = config/secret\ns3 =\n  addressing_style = path\n"
                + "[profile assume]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n"
                + "[profile sso]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x\n");
        Map<String, String> props = Map.of("user.home", dir.toString());
        Map<String, String> env = new HashMap<>();

        assertThat(new ProfileCredentialsProvider(null, env::get, props::get).resolve().accessKeyId()).isEqualTo("AKIADEFAULT");
        assertThat(new ProfileCredentialsProvider(null, env::get, props::get).resolve().secretKey()).isEqualTo("default/secret");
        env.put("AWS_PROFILE", "dev");
        Credentials dev = new ProfileCredentialsProvider(null, env::get, props::get).resolve();
        assertThat(dev.accessKeyId()).isEqualTo("ASIADEV");
        assertThat(dev.sessionToken()).isEqualTo("dev-token");
        assertThat(new ProfileCredentialsProvider("from-config", env::get, props::get).resolve().accessKeyId())
                .as("profileName wins over AWS_PROFILE; [profile x] of the config file").isEqualTo("AKIACONFIG");
        assertThatThrownBy(() -> new ProfileCredentialsProvider("assume", env::get, props::get).resolve())
                .hasMessageContaining("uses role_arn, which s3legacy does not support");
        assertThatThrownBy(() -> new ProfileCredentialsProvider("sso", env::get, props::get).resolve())
                .hasMessageContaining("uses sso_session");
        assertThatThrownBy(() -> new ProfileCredentialsProvider("nope", env::get, props::get).resolve())
                .hasMessageContaining("no profile 'nope'");

        Path other = dir.resolve("elsewhere");
        Files.writeString(other, "[default]\naws_access_key_id=AKIAOTHER\naws_secret_access_key=other\n");
        Map<String, String> overridden = Map.of("AWS_SHARED_CREDENTIALS_FILE", other.toString(),
                "AWS_CONFIG_FILE", dir.resolve("missing").toString());
        assertThat(new ProfileCredentialsProvider(null, overridden::get, props::get).resolve().accessKeyId()).isEqualTo("AKIAOTHER");
        assertThatThrownBy(() -> new ProfileCredentialsProvider(null, Map.<String, String>of()::get,
                Map.of("user.home", dir.resolve("empty-home").toString())::get).resolve())
                .hasMessageContaining("neither").hasMessageContaining("exists");
    }

    // ---------------------------------------------------------------- container

    @Test
    void containerCredentialsFromTheRelativeUriWithTheAuthorizationToken() {
        wm.stubFor(get(urlEqualTo("/v2/credentials/abc")).withHeader("Authorization", equalTo("container-auth"))
                .willReturn(aResponse().withBody(jsonCredentials("ASIACONT", "cont/secret", "cont-token", EXPIRATION))));
        wm.stubFor(get(urlEqualTo("/v2/credentials/abc")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withBody("{\"Code\":\"AccessDenied\",\"Message\":\"bad token\"}")));
        Map<String, String> env = new HashMap<>(Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth"));
        ContainerCredentialsProvider p = new ContainerCredentialsProvider(env::get, java.net.URI.create(base()), Clock.systemUTC(), null);
        Credentials c = p.resolve();
        assertThat(c.accessKeyId()).isEqualTo("ASIACONT");
        assertThat(c.secretKey()).isEqualTo("cont/secret");
        assertThat(c.sessionToken()).isEqualTo("cont-token");
        assertThat(c.expiry()).isEqualTo(Instant.parse(EXPIRATION));

        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong");
        assertThatThrownBy(() -> new ContainerCredentialsProvider(env::get, java.net.URI.create(base()), Clock.systemUTC(), null).resolve())
                .hasMessageContaining("HTTP 401 AccessDenied: bad token");
    }

    @Test
    void containerFullUriWithTheTokenFileReadForEachLoadAndOnlyLoopbackOverHttp() throws Exception {
        Path tokenFile = dir.resolve("eks-token");
        Files.writeString(tokenFile, "from-file\n");
        wm.stubFor(get(urlEqualTo("/full")).withHeader("Authorization", equalTo("from-file"))
                .willReturn(aResponse().withBody(jsonCredentials("ASIAFULL", "full/secret", "full-token", EXPIRATION))));
        Map<String, String> env = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", base() + "/full",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString(), "AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored");
        assertThat(new ContainerCredentialsProvider(env::get).resolve().accessKeyId()).isEqualTo("ASIAFULL");
        wm.verify(1, getRequestedFor(urlEqualTo("/full")).withHeader("Authorization", equalTo("from-file")));

        assertThatThrownBy(() -> new ContainerCredentialsProvider(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.10/creds")::get).resolve())
                .hasMessageContaining("must be https, or http to a loopback address");
        assertThatThrownBy(() -> new ContainerCredentialsProvider(Map.<String, String>of()::get).resolve())
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set");
    }

    // ---------------------------------------------------------------- IMDSv2

    private void imdsStubs(String issuedToken) {
        wm.stubFor(put(urlEqualTo("/latest/api/token")).withHeader("X-aws-ec2-metadata-token-ttl-seconds", equalTo("21600"))
                .willReturn(aResponse().withBody(issuedToken)));
        wm.stubFor(get(urlEqualTo("/latest/meta-data/iam/security-credentials/")).atPriority(10)
                .willReturn(aResponse().withStatus(401)));
        wm.stubFor(get(urlEqualTo("/latest/meta-data/iam/security-credentials/")).atPriority(1)
                .withHeader("X-aws-ec2-metadata-token", equalTo("imds-session"))
                .willReturn(aResponse().withBody("web-role\n")));
        wm.stubFor(get(urlEqualTo("/latest/meta-data/iam/security-credentials/web-role")).atPriority(10)
                .willReturn(aResponse().withStatus(401)));
        wm.stubFor(get(urlEqualTo("/latest/meta-data/iam/security-credentials/web-role")).atPriority(1)
                .withHeader("X-aws-ec2-metadata-token", equalTo("imds-session"))
                .willReturn(aResponse().withBody(jsonCredentials("ASIAIMDS", "imds/secret", "imds-token", EXPIRATION))));
    }

    @Test
    void imdsV2AsksForASessionTokenThenTheRoleAndItsCredentials() {
        imdsStubs("imds-session");
        Map<String, String> env = Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", base() + "/");
        Credentials c = new InstanceProfileCredentialsProvider(env::get).resolve();
        assertThat(c.accessKeyId()).isEqualTo("ASIAIMDS");
        assertThat(c.sessionToken()).isEqualTo("imds-token");
        assertThat(c.expiry()).isEqualTo(Instant.parse(EXPIRATION));
        wm.verify(1, putRequestedFor(urlEqualTo("/latest/api/token")));
        wm.verify(1, getRequestedFor(urlEqualTo("/latest/meta-data/iam/security-credentials/web-role"))
                .withHeader("X-aws-ec2-metadata-token", equalTo("imds-session")));
    }

    @Test
    void imdsRefusesAWrongTokenAndCanBeDisabled() {
        imdsStubs("not-the-session-token");
        Map<String, String> env = Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", base());
        assertThatThrownBy(() -> new InstanceProfileCredentialsProvider(env::get).resolve())
                .isInstanceOf(CredentialsException.class).hasMessageContaining("the role request answered HTTP 401");

        wm.resetRequests();
        Map<String, String> disabled = Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", base(), "AWS_EC2_METADATA_DISABLED", "true");
        assertThatThrownBy(() -> new InstanceProfileCredentialsProvider(disabled::get).resolve())
                .hasMessageContaining("disabled by AWS_EC2_METADATA_DISABLED=true");
        assertThat(wm.getAllServeEvents()).as("nothing asked").isEmpty();
    }
}
