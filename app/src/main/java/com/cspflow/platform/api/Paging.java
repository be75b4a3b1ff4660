package com.cspflow.platform.api;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A page of a list the API answers with: {@code ?page} (from 0) and {@code ?size} (1 to {@link #MAX_SIZE}, 100 when
 * only the page is given). Without either, the whole list, as before paging. The answer is the page's items;
 * {@code X-Total-Count} says how many the whole list has, and {@code Link: <…>; rel="next"} where the next page is,
 * while there is one (RFC 8288).
 */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 1000;
  public static final int MAX_PAGE = 1_000_000;
  public static final int DEFAULT_SIZE = 100;
  public static final String PAGE_HINT = "The page, from 0 (with size; without either, the whole list)";
  public static final String SIZE_HINT = "Items per page, 1 to 1000 (100 when only page is given)";

  /** The page asked for; the whole list when neither is given. */
  public static Paging of(Integer page, Integer size) {
    if (page == null && size == null) {
      return null;
    }
    return new Paging(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
  }

  /** How many items to skip. */
  public long offset() {
    return (long) page * size;
  }

  /** The answer for a page of {@code total} items whose items are {@code items}. */
  public static <T> ResponseEntity<List<T>> answer(Paging paging, List<T> items, long total) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Total-Count", Long.toString(total));
    if (paging != null && paging.offset() + items.size() < total) {
      String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", paging.page + 1)
          .replaceQueryParam("size", paging.size).build().toUriString();
      headers.set(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return ResponseEntity.ok().headers(headers).body(items);
  }

  /** The page of a list read whole. */
  public static <T> ResponseEntity<List<T>> of(Paging paging, List<T> all) {
    if (paging == null) {
      return answer(null, all, all.size());
    }
    int from = (int) Math.min(all.size(), paging.offset());
    int to = (int) Math.min(all.size(), paging.offset() + paging.size);
    return answer(paging, all.subList(from, to), all.size());
  }
}
