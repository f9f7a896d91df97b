package io.partnerflow.validation;

import java.util.List;

/** One page of a search: its items, the page asked for (from 0), its size and the total count. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

  public int totalPages() {
    return size == 0 ? 0 : (int) ((total + size - 1) / size);
  }
}
