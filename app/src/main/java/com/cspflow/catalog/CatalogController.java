package com.cspflow.catalog;

import com.cspflow.csp.CatalogOffer;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local catalog (what the order form chooses from; offers withdrawn from Microsoft's catalog carry
 * {@code withdrawnOn}), and a refresh from Microsoft on demand.
 */
@RestController
@RequestMapping("/api/catalog")
public class CatalogController {

  private final CatalogService catalog;

  public CatalogController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @GetMapping
  public List<CatalogOffer> offers() {
    return catalog.offers();
  }

  @PostMapping("/refresh")
  public Map<String, Integer> refresh() {
    return Map.of("offers", catalog.refresh());
  }
}
