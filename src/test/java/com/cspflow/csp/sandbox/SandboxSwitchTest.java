package com.cspflow.csp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** An installation that talks to Microsoft switches the sandbox off: none of its endpoints may exist then. */
class SandboxSwitchTest {

  @Configuration(proxyBeanMethods = false)
  @ComponentScan(basePackageClasses = SandboxProperties.class)
  @EnableConfigurationProperties(SandboxProperties.class)
  static class SandboxPackage {}

  @Test
  void aDisabledSandboxHasNoEndpointsTokensOrAdminApi() {
    new WebApplicationContextRunner()
        .withUserConfiguration(SandboxPackage.class)
        .withPropertyValues("cspflow.csp.sandbox.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(SandboxPartnerCenterController.class)
              .doesNotHaveBean(SandboxAdminController.class)
              .doesNotHaveBean(SandboxTokenController.class)
              .doesNotHaveBean(SandboxInterceptor.class)
              .doesNotHaveBean(SandboxCommerce.class);
        });
  }

  @Test
  void theSandboxIsOnUnlessSwitchedOff() {
    new WebApplicationContextRunner()
        .withUserConfiguration(SandboxPackage.class)
        .withBean(JdbcTemplate.class, () -> new JdbcTemplate(mock(DataSource.class)))
        .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
        .withBean(ObjectMapper.class, ObjectMapper::new)
        .run(context -> assertThat(context).hasSingleBean(SandboxPartnerCenterController.class)
            .hasSingleBean(SandboxAdminController.class)
            .hasSingleBean(SandboxTokenController.class)
            .hasSingleBean(SandboxInterceptor.class));
  }
}
