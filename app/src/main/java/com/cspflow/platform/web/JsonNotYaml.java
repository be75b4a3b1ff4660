package com.cspflow.platform.web;

import java.util.List;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API reads and writes JSON (and CSV where an endpoint says so), never YAML. Spring adds a YAML converter whenever
 * jackson-dataformat-yaml is on the class path (springdoc brings it for {@code /api/openapi.yaml}, which it writes
 * itself), and a YAML body skipped every strict JSON check: unknown and repeated fields were taken or ignored, text
 * and {@code 0x10} were read as numbers. A YAML body is now 415 and {@code Accept: application/yaml} 406, like any
 * other type the API does not speak.
 */
@Component
class JsonNotYaml implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    converters.removeIf(MappingJackson2YamlHttpMessageConverter.class::isInstance);
  }
}
