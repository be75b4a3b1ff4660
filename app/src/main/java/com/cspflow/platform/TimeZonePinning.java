package com.cspflow.platform;

import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Pins the JVM time zone to {@code cspflow.time-zone} before any bean is created, so that timer cron
 * expressions ("the 25th at 02:00"), billing periods and dates in mails all mean the same zone no matter
 * where the server runs.
 */
public class TimeZonePinning implements EnvironmentPostProcessor {

  static final String PROPERTY = "cspflow.time-zone";
  static final String DEFAULT_ZONE = "Europe/Stockholm";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String zone = environment.getProperty(PROPERTY, DEFAULT_ZONE);
    TimeZone.setDefault(TimeZone.getTimeZone(java.time.ZoneId.of(zone)));
  }
}
