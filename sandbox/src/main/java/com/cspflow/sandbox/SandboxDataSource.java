package com.cspflow.sandbox;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox's own database, set with {@code sandbox.datasource.*} (environment SANDBOX_DATASOURCE_URL, ...), never
 * with {@code spring.datasource.*}: a sandbox started next to cspflow must not pick up cspflow's database from the
 * environment. In memory by default: the sandbox forgets everything when it stops.
 */
@Configuration(proxyBeanMethods = false)
class SandboxDataSource {

  @Bean
  @ConfigurationProperties("sandbox.datasource")
  HikariDataSource dataSource() {
    return new HikariDataSource();
  }
}
