package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class FactoryLookupPinningTest {

  @Test
  void theFactoriesAreTheOnesTheClassPathScanWouldFind() throws Exception {
    new FactoryLookupPinning().postProcessEnvironment(new MockEnvironment(), new SpringApplication());

    assertThat(DatatypeFactory.newInstance().getClass().getName())
        .isEqualTo(FactoryLookupPinning.IMPLEMENTATIONS.get("javax.xml.datatype.DatatypeFactory"));
    assertThat(StreamProvider.provider().getClass().getName())
        .isEqualTo(FactoryLookupPinning.IMPLEMENTATIONS.get("jakarta.mail.util.StreamProvider"));
  }
}
