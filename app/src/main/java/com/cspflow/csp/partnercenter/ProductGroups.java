package com.cspflow.csp.partnercenter;

import java.util.List;

/**
 * The product group a product belongs to, from its title: Microsoft's catalog has no such field, but its product
 * titles start with the family's name ("Microsoft 365 E3 (no Teams)", "Exchange Online (Plan 1)"). Margins can be
 * set per group.
 */
final class ProductGroups {

  static final String OTHER = "Other";
  private static final List<String> FAMILIES = List.of("Microsoft 365", "Office 365", "Exchange Online");

  private ProductGroups() {}

  static String of(String productTitle) {
    String title = productTitle == null ? "" : productTitle.trim();
    if (title.startsWith("Microsoft Teams")) {
      return "Teams";
    }
    return FAMILIES.stream().filter(title::startsWith).findFirst().orElse(OTHER);
  }
}
