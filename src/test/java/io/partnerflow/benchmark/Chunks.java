package io.partnerflow.benchmark;

import java.util.ArrayList;
import java.util.List;

final class Chunks {

  private Chunks() {}

  /** Splits long IN lists (databases limit the number of bind parameters). */
  static <T> List<List<T>> of(List<T> all, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      chunks.add(all.subList(i, Math.min(all.size(), i + size)));
    }
    return chunks;
  }
}
