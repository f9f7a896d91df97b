package io.partnerflow.faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the SMTP proxy saw per Message-ID: when the server took each copy's data (the dot) and
 * whether and when its final reply reached the product. With the kill times of the nodes, this
 * tells a duplicate the product cannot avoid from one it should have.
 *
 * <p><b>The window.</b> The product sends, then records the mail key in {@code sent_mail} in a
 * transaction of its own. A node killed after the server took the data but before that commit
 * cannot know the mail went out, and its retry sends it again. An extra copy counts as a "window"
 * duplicate when some node was killed after its first copy was taken and either before the final
 * reply reached the product or at most {@code windowMillis} after it (the time the commit needs,
 * generously), unless there is proof that the product recorded the mail before the kill
 * ({@link Ledger}: its log line, or the instance's hand-over acknowledged): a mail sent again after
 * that is a duplicate, whatever the reason. So does a copy whose final reply never reached the
 * product (it gave up waiting: its read timeout), with or without a kill: to the product, that
 * send failed, and SMTP cannot ask the server whether it kept the mail. Any other extra copy is a
 * duplicate. The proxy does not know which node sent a mail,
 * so with two nodes a kill of either node opens the window (an overcount of "window", never of
 * duplicates).
 */
final class Deliveries {

  /** One copy of a mail as the proxy saw it. */
  static final class Copy {
    final long acceptedAt;
    volatile long acknowledgedAt; // 0 = the final reply never reached the product
    volatile boolean lost;

    Copy(long acceptedAt) {
      this.acceptedAt = acceptedAt;
    }
  }

  private final Map<String, List<Copy>> copies = new ConcurrentHashMap<>();

  void accepted(String messageId, long at) {
    copies.computeIfAbsent(key(messageId), k -> new CopyOnWriteArrayList<>()).add(new Copy(at));
  }

  void acknowledged(String messageId, long at) {
    Copy copy = open(messageId);
    if (copy != null) {
      copy.acknowledgedAt = at;
    }
  }

  void unacknowledged(String messageId) {
    Copy copy = open(messageId);
    if (copy != null) {
      copy.lost = true;
    }
  }

  /** The oldest copy of this mail still waiting for its reply. */
  private Copy open(String messageId) {
    List<Copy> list = copies.get(key(messageId));
    if (list == null) {
      return null;
    }
    return list.stream().filter(c -> c.acknowledgedAt == 0 && !c.lost).findFirst().orElse(null);
  }

  /**
   * Whether the first copy of this mail fell into the window: its final reply never reached the
   * product, or one of the kills came between the server taking it and the product's commit.
   *
   * @param committedBefore when the harness saw proof that the product had recorded the mail (a
   *     later step of the instance acknowledged; 0 = none): a kill after that is outside the window,
   *     and a copy sent again after it is a duplicate (e.g. the database lost the commit)
   */
  boolean firstCopyInWindow(String messageId, List<Long> killTimes, long windowMillis, long committedBefore) {
    List<Copy> list = copies.get(key(messageId));
    if (list == null || list.isEmpty()) {
      return false;
    }
    Copy first = list.get(0);
    if (first.lost) {
      return true;
    }
    for (long kill : killTimes) {
      if (kill < first.acceptedAt || (committedBefore > 0 && committedBefore <= kill)) {
        continue;
      }
      if (first.acknowledgedAt == 0 || kill <= first.acknowledgedAt + windowMillis) {
        return true;
      }
    }
    return false;
  }

  /** When the server took the first copy of this mail (epoch ms), 0 if never. */
  long firstAcceptedAt(String messageId) {
    List<Copy> list = copies.get(key(messageId));
    return list == null || list.isEmpty() ? 0 : list.get(0).acceptedAt;
  }

  private static String key(String messageId) {
    return messageId == null ? "<unknown>" : messageId.strip();
  }
}
