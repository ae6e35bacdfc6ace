package dev.conveyor.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The OAuth2 resource server option: with a {@link JwtDecoder} (Boot makes one when an issuer or a
 * JWK set URI is configured) the API takes bearer JWTs, their {@code roles} claim as roles and
 * their subject as the principal, beside API keys.
 */
@Import(JwtSecurityTests.Issuer.class)
class JwtSecurityTests extends ConveyorAppTestSupport {

  static final RSAKey KEY = generate();
  static final RSAKey OTHER_KEY = generate();

  @TestConfiguration(proxyBeanMethods = false)
  static class Issuer {
    @Bean
    JwtDecoder jwtDecoder() throws JOSEException {
      return NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
    }
  }

  @Test
  void should_take_the_reviewer_from_the_tokens_subject_and_the_roles_from_its_claim()
      throws Exception {
    String jobId = ApiSecurityTests.awaitingJob(new Http(baseUrl()));

    HttpResponse<String> bySubmitter =
        bearer(token(KEY, "sam", List.of("submitter")))
            .post("/api/jobs/" + jobId + "/approve", null);
    HttpResponse<String> byReviewer =
        bearer(token(KEY, "jwt-rita", List.of("Reviewer")))
            .post("/api/jobs/" + jobId + "/approve", "{\"comment\":\"via SSO\"}");

    assertThat(bySubmitter.statusCode()).isEqualTo(403);
    assertThat(byReviewer.statusCode()).as(byReviewer.body()).isEqualTo(200);
    assertThat(Http.json(byReviewer).path("decisions").get(0).path("reviewer").asString())
        .isEqualTo("jwt-rita");
  }

  @Test
  void should_answer_401_with_json_for_a_token_signed_by_another_key() throws Exception {
    HttpResponse<String> forged =
        bearer(token(OTHER_KEY, "mallory", List.of("admin"))).get("/api/jobs/job-1");

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(Http.json(forged).path("error").asString())
        .as("a rejected token says why, unlike a request without credentials")
        .isNotBlank()
        .isNotEqualTo(JsonSecurityErrors.UNAUTHENTICATED);
  }

  private Http bearer(String token) {
    return new Http(baseUrl(), null, "Authorization", "Bearer " + token);
  }

  private static String token(RSAKey key, String subject, List<String> roles) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID("test").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
