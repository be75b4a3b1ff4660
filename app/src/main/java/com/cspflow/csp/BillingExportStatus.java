package com.cspflow.csp;

import java.net.URI;
import java.util.List;

/**
 * Where one of Microsoft Graph's billing exports stands: {@code running} (or {@code notStarted}) until its files are
 * ready, then {@code succeeded} with the address of each file, or {@code failed}. A file's address carries the
 * storage's access signature (SAS): it is used at once and never stored, logged or shown.
 */
public record BillingExportStatus(String status, List<URI> files) {

  public boolean succeeded() {
    return "succeeded".equalsIgnoreCase(status);
  }

  public boolean failed() {
    return "failed".equalsIgnoreCase(status);
  }

  @Override
  public String toString() {
    return "BillingExportStatus[status=" + status + ", files=" + files.size() + "]";
  }
}
