package com.cspflow.csp.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartnerCenterTimestampsTest {

  @Test
  void microsoftsShapesAreReadAsInstants() {
    assertThat(PartnerCenterTimestamps.parse("2026-12-03T10:22:33Z")).isEqualTo(Instant.parse("2026-12-03T10:22:33Z"));
    assertThat(PartnerCenterTimestamps.parse("2026-12-03T10:22:33.1234567Z"))
        .isEqualTo(Instant.parse("2026-12-03T10:22:33.123456700Z"));
    assertThat(PartnerCenterTimestamps.parse("2026-12-03T10:22:33.5")).as("no zone: UTC")
        .isEqualTo(Instant.parse("2026-12-03T10:22:33.500Z"));
    assertThat(PartnerCenterTimestamps.parse("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
  }

  @Test
  void everyValueIsReadAsJavaTimesFormatterReadsIt() {
    Random random = new Random(20261203);
    List<String> values = new ArrayList<>(List.of("2026-12-03T10:22:33+01:00", "2026-12-03T10:22:33.25-05:30",
        "2016-12-31T23:59:60Z", "2026-12-03t10:22:33z", "2026-02-29T10:22:33Z", "2026-13-01T00:00:00Z",
        "2026-12-03T24:00:00Z", "2026-12-03T10:22:33.Z", "2026-12-03T10:22:33.1234567890Z", "2026-12-03 10:22:33Z",
        "+12026-12-03T10:22:33Z", "2026-12-03T10:22Z", "2026-12-03", "Z", "", "garbage", "2026-12-03T10:22:3xZ",
        "2026-12-03T10:22:33ZZ", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
          random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(61), random.nextInt(62)));
      int digits = random.nextInt(11);
      if (digits > 0) {
        value.append('.');
        for (int d = 1; d < digits; d++) {
          value.append(random.nextInt(10));
        }
      }
      switch (random.nextInt(4)) {
        case 0 -> value.append('Z');
        case 1 -> value.append(random.nextBoolean() ? "+02:00" : "-11:30");
        case 2 -> { } // no zone
        default -> value.setCharAt(random.nextInt(value.length()), "x-:T.9Z".charAt(random.nextInt(7)));
      }
      values.add(value.toString());
    }

    int read = 0;
    for (String value : values) {
      Instant expected = PartnerCenterTimestamps.general(value);
      assertThat(PartnerCenterTimestamps.parse(value)).as(value).isEqualTo(expected);
      read += expected == null ? 0 : 1;
    }
    assertThat(read).as("the generated values include many readable ones").isGreaterThan(5_000);
  }
}
