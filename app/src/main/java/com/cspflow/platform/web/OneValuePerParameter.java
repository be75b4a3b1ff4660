package com.cspflow.platform.web;

import com.cspflow.platform.InvalidProcessInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query parameter that takes one value is given once: {@code ?status=IN_PROGRESS&status=FULFILLED} was answered as
 * if only the first had been sent (Spring converts the values to one enum by taking the first), so a client that
 * meant "either" got the orders of one status without being told. It is 400 naming the parameter.
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
    if (handler instanceof HandlerMethod method) {
      Map<String, String> problems = new LinkedHashMap<>();
      for (MethodParameter parameter : method.getMethodParameters()) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        Class<?> type = parameter.getParameterType();
        if (query == null || type.isArray() || Collection.class.isAssignableFrom(type)
            || Map.class.isAssignableFrom(type)) {
          continue;
        }
        parameter.initParameterNameDiscovery(NAMES);
        String name = !query.name().isEmpty() ? query.name() : parameter.getParameterName();
        String[] values = name == null ? null : request.getParameterValues(name);
        if (values != null && values.length > 1) {
          problems.put(name, "is given more than once");
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidProcessInput(problems);
      }
    }
    return true;
  }
}
