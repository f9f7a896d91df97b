package io.partnerflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void medianOfAnOddNumberOfRoundsIsTheMiddleOneAndTheRangeIsMinToMax() {
    assertThat(Summary.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Summary(2.0, 1.0, 3.0));
  }

  @Test
  void medianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
    assertThat(Summary.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Summary(2.5, 1.0, 4.0));
  }

  @Test
  void noRoundsGiveNoFigure() {
    Summary none = Summary.of(List.of());
    assertThat(none.median()).isNaN();
    assertThat(none.format(1)).isEqualTo("–");
  }

  @Test
  void percentileIsNearestRank() {
    List<Long> oneToHundred = LongStream.rangeClosed(1, 100).boxed().toList();
    assertThat(Summary.percentile(oneToHundred, 50)).isEqualTo(50);
    assertThat(Summary.percentile(oneToHundred, 99)).isEqualTo(99);
    assertThat(Summary.percentile(oneToHundred, 100)).isEqualTo(100);
    // ceil(0.99 * 10) = 10: with few samples p99 is the slowest one
    List<Long> shuffledOneToTen = List.of(7L, 3L, 10L, 1L, 9L, 2L, 8L, 4L, 6L, 5L);
    assertThat(Summary.percentile(shuffledOneToTen, 50)).isEqualTo(5);
    assertThat(Summary.percentile(shuffledOneToTen, 99)).isEqualTo(10);
  }

  @Test
  void percentileOfOneSampleIsThatSampleAndOfNoneIsNaN() {
    assertThat(Summary.percentile(List.of(42L), 50)).isEqualTo(42);
    assertThat(Summary.percentile(List.of(42L), 99)).isEqualTo(42);
    assertThat(Summary.percentile(List.of(), 99)).isNaN();
  }

  @Test
  void formatShowsMedianAndRangeWithTheGivenDecimals() {
    assertThat(new Summary(41.23, 39.8, 44.0).format(1)).isEqualTo("41.2 (39.8–44.0)");
    assertThat(new Summary(41.5, 39.8, 44.0).format(0)).isEqualTo("42 (40–44)");
  }

  @Test
  void aSingleRoundShowsItsValueOnly() {
    assertThat(Summary.of(List.of(12.3)).format(2)).isEqualTo("12.30");
  }

  @Test
  void formatUsesADecimalPointWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertThat(new Summary(1.5, 1.25, 2.0).format(2)).isEqualTo("1.50 (1.25–2.00)");
    } finally {
      Locale.setDefault(before);
    }
  }
}
