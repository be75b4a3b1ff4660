package com.cspflow.csp;

import org.camunda.bpm.engine.delegate.BpmnError;

/** How a CSP refusal enters a process: a BPMN error with the CSP's code and description. */
public final class CspBpmnErrors {

  private CspBpmnErrors() {}

  /** Caught by a boundary event with {@code errorCode} = {@code code}; the message carries Microsoft's reason. */
  public static BpmnError asBpmnError(String code, CspBusinessException refusal) {
    return new BpmnError(code, refusal.description() + " (CSP error " + refusal.code() + ")");
  }
}
