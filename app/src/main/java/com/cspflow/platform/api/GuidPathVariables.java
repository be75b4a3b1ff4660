package com.cspflow.platform.api;

import com.cspflow.platform.input.Guids;
import java.beans.PropertyEditorSupport;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * The project API's id path variables in lower case ({@link Guids}): {@code /orders/3F2504E0-…} finds the order
 * {@code 3f2504e0-…}. Only the variables that hold GUIDs: a partner id is the partner's own name for itself.
 */
@ControllerAdvice(basePackages = "com.cspflow")
class GuidPathVariables {

  @InitBinder({"organizationId", "orderId", "subscriptionId", "changeId", "renewalChangeId", "cancellationId",
      "runId"})
  void lowerCaseGuids(WebDataBinder binder) {
    binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
      @Override
      public void setAsText(String text) {
        setValue(Guids.lowerCase(text));
      }
    });
  }
}
