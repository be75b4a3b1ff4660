package com.cspflow.platform.web;

import java.beans.PropertyEditorSupport;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A whole number in a query or path is written in decimal digits, as the OpenAPI description's {@code integer}
 * says. Spring's own editor also reads {@code 0x10} and {@code #10} as 16 (and is what its conversion falls back to
 * when a stricter converter refuses), so {@code ?size=0x10} was a page of 16 where a client generator, a proxy's rule
 * or a log reader sees no number at all. Anything else is the 400 naming the parameter that a type mismatch is.
 */
@ControllerAdvice(basePackages = "com.cspflow")
class DecimalWholeNumbers {

  @InitBinder
  void decimalDigitsOnly(WebDataBinder binder) {
    binder.registerCustomEditor(Integer.class, new Editor());
  }

  static final class Editor extends PropertyEditorSupport {

    @Override
    public void setAsText(String text) {
      String trimmed = text == null ? "" : text.trim();
      if (trimmed.isEmpty()) {
        setValue(null);
      } else if (trimmed.matches("[+-]?[0-9]+")) {
        setValue(Integer.valueOf(trimmed));
      } else {
        throw new IllegalArgumentException("not a whole number in decimal digits");
      }
    }
  }
}
