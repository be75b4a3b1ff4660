package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class AdminPasswordPolicyTest {

  final AdminPasswordPolicy policy = new AdminPasswordPolicy();

  @Test
  void theEmbeddedDefaultMayUseTheDocumentedPassword() {
    MockEnvironment laptop = new MockEnvironment().withProperty(AdminPasswordPolicy.PASSWORD_PROPERTY, "admin");
    laptop.setDefaultProfiles("embedded");

    assertThatCode(() -> policy.postProcessEnvironment(laptop, new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void anyOtherProfileRefusesAMissingOrDocumentedPassword() {
    for (String password : new String[] {"", "admin", "Admin", "changeme"}) {
      MockEnvironment production = new MockEnvironment()
          .withProperty(AdminPasswordPolicy.PASSWORD_PROPERTY, password);
      production.setActiveProfiles("postgres");

      assertThatThrownBy(() -> policy.postProcessEnvironment(production, new SpringApplication()))
          .as("password '%s'", password)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("CSPFLOW_ADMIN_PASSWORD");
    }
  }

  @Test
  void anyOtherProfileRefusesAMissingSecretsKeyOrTheLaptopsOne() {
    for (String key : new String[] {"", AdminPasswordPolicy.LAPTOP_SECRETS_KEY}) {
      MockEnvironment production = new MockEnvironment()
          .withProperty(AdminPasswordPolicy.PASSWORD_PROPERTY, "a-long-secret-of-our-own")
          .withProperty(AdminPasswordPolicy.SECRETS_KEY_PROPERTY, key);
      production.setActiveProfiles("postgres");

      assertThatThrownBy(() -> policy.postProcessEnvironment(production, new SpringApplication()))
          .as("secrets key '%s'", key)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("CSPFLOW_SECRETS_KEY");
    }
  }

  @Test
  void anyOtherProfileStartsWithSecretsOfItsOwn() {
    MockEnvironment production = new MockEnvironment()
        .withProperty(AdminPasswordPolicy.PASSWORD_PROPERTY, "a-long-secret-of-our-own")
        .withProperty(AdminPasswordPolicy.SECRETS_KEY_PROPERTY, "c29tZS1yYW5kb20tMzItYnl0ZXMtb2Ytb3VyLW93biE=");
    production.setActiveProfiles("postgres");

    assertThatCode(() -> policy.postProcessEnvironment(production, new SpringApplication())).doesNotThrowAnyException();
  }
}
