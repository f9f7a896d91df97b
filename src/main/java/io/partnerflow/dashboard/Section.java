package io.partnerflow.dashboard;

import java.util.List;

/** A part of the dashboard (onboarding, cycle times, …) with its figures, each a {@link Table}. */
public record Section(String id, String title, String summary, List<Table> tables) {

  /** The table with this id, if this section has it. */
  java.util.Optional<Table> table(String tableId) {
    return tables.stream().filter(t -> t.id().equals(tableId)).findFirst();
  }
}
