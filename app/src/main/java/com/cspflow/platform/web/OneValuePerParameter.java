package com.cspflow.platform.web;

import com.cspflow.platform.InvalidProcessInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A query parameter that takes one value is given once: {@code ?status=IN_PROGRESS&status=FULFILLED} was answered as
 * if only the first had been sent (Spring converts the values to one enum by taking the first), so a client that
 * meant "either" got the orders of one status without being told. It is 400 naming the parameter. So is a query
 * parameter the operation does not take ({@code ?stauts=FULFILLED} answered every order, the typo unnoticed) and an
 * empty choice ({@code ?status=} was read as no status at all).
 */
@Component
class OneValuePerParameter implements HandlerInterceptor, WebMvcConfigurer {

  /**
   * Spring learns a handler's parameter names when it first calls the handler, after the interceptors: asked before,
   * a parameter without an explicit name had none, and the first call of each endpoint after start went unchecked.
   */
  private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method && method.getBeanType().getPackageName().startsWith("com.cspflow")) {
      Map<String, String> problems = new LinkedHashMap<>();
      Set<String> declared = new HashSet<>();
      boolean takesAny = false;
      for (MethodParameter parameter : method.getMethodParameters()) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query == null) {
          continue;
        }
        Class<?> type = parameter.getParameterType();
        parameter.initParameterNameDiscovery(NAMES);
        String name = !query.name().isEmpty() ? query.name() : parameter.getParameterName();
        if (Map.class.isAssignableFrom(type) || name == null) {
          takesAny = true;
          continue;
        }
        declared.add(name);
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
          continue;
        }
        String[] values = request.getParameterValues(name);
        if (values != null && values.length > 1) {
          problems.put(name, "is given more than once");
        } else if (values != null && values[0].isBlank() && type.isEnum()) {
          problems.put(name, "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
              .collect(Collectors.joining(", ")) + ", or left out");
        }
      }
      if (!takesAny) {
        for (String name : queryParameterNames(request.getQueryString())) {
          if (!declared.contains(name)) {
            problems.putIfAbsent(name, "is not a parameter of this operation"
                + (declared.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ", declared.stream()
                    .sorted().toList())));
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidProcessInput(problems);
      }
    }
    return true;
  }

  /** The names the query string gives, decoded ({@code fo%6f} is {@code foo}). */
  private static Set<String> queryParameterNames(String query) {
    Set<String> names = new LinkedHashSet<>();
    if (query != null) {
      UriComponentsBuilder.newInstance().query(query).build().getQueryParams().keySet().forEach(name -> {
        try {
          names.add(UriUtils.decode(name, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
          names.add(name);
        }
      });
    }
    return names;
  }
}
