package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class TimeZonePinningTest {

  final TimeZone before = TimeZone.getDefault();

  @AfterEach
  void restore() {
    TimeZone.setDefault(before);
  }

  @Test
  void theJvmRunsInTheConfiguredZone() {
    new TimeZonePinning().postProcessEnvironment(
        new MockEnvironment().withProperty(TimeZonePinning.PROPERTY, "America/New_York"), new SpringApplication());
    assertThat(TimeZone.getDefault().getID()).isEqualTo("America/New_York");
  }

  @Test
  void withoutConfigurationItIsStockholm() {
    new TimeZonePinning().postProcessEnvironment(new MockEnvironment(), new SpringApplication());
    assertThat(TimeZone.getDefault().getID()).isEqualTo("Europe/Stockholm");
  }
}
