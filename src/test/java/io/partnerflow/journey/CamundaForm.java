package io.partnerflow.journey;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A Camunda Form (form-js) as Tasklist renders it, filled the way a person fills it: every field is
 * found by the label on the screen, never by variable key or component id (form-js ids are random).
 */
public final class CamundaForm {

  private static final DateTimeFormatter TYPED_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  /** How the date picker shows a date once it took it (flatpickr's m/d/Y, no leading zeros). */
  private static final DateTimeFormatter SHOWN_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

  /** form-js "text" (Markdown) and "html" blocks: what a form says rather than asks. */
  private static final By TEXT_BLOCKS = By.cssSelector(".fjs-form-field-text, .fjs-form-field-html");

  private final Browser browser;
  private final By root;

  CamundaForm(Browser browser, By root) {
    this.browser = browser;
    this.root = root;
  }

  private WebElement form() {
    return browser.visible(root);
  }

  /** The input a label names ({@code <label for=…>}); the asterisk of required fields is ignored. */
  public WebElement field(String label) {
    return browser.until(d -> labelled(label).orElse(null));
  }

  private Optional<WebElement> labelled(String label) {
    return form().findElements(By.cssSelector("label[for]")).stream()
        .filter(l -> l.isDisplayed() && ownText(l).equals(label))
        .findFirst()
        .map(l -> form().findElement(By.id(l.getAttribute("for"))));
  }

  /** A label's text without the required marker and without a nested input's text. */
  private static String ownText(WebElement label) {
    return label.getText().replace("*", "").strip();
  }

  public boolean hasField(String label) {
    return labelled(label).isPresent();
  }

  /** Text fields, text areas and number fields (form-js number inputs are text inputs). */
  public CamundaForm type(String label, String value) {
    WebElement input = field(label);
    browser.scrollIntoView(input);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    if (!value.isEmpty()) {
      input.sendKeys(value);
    }
    // No Tab out: it would focus the next field, and a searchable select opens its list on focus,
    // moving the buttons below while they are clicked
    browser.until(d -> value.equals(input.getAttribute("value")));
    return this;
  }

  public String value(String label) {
    return field(label).getAttribute("value");
  }

  /** A select: opened like a person does, filtered by typing when it is searchable, option clicked by its text. */
  public CamundaForm choose(String label, String option) {
    WebElement input = field(label);
    browser.scrollIntoView(input);
    WebElement container = input.findElement(By.xpath("./ancestor::div[contains(@class,'fjs-form-field-select')]"));
    if ("text".equals(input.getAttribute("type")) && input.getTagName().equals("input")) {
      input.click();
      input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      input.sendKeys(option.substring(0, Math.min(option.length(), 4)));
    } else {
      container.findElement(By.cssSelector(".fjs-select-display")).click();
    }
    WebElement item = browser.until(d -> container.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
        .filter(i -> i.getText().strip().equals(option)).findFirst().orElse(null));
    item.click();
    browser.until(d -> option.equals(input.getAttribute("value"))
        || container.getText().contains(option));
    return this;
  }

  /** Clears a select with its ×, as a person removes a choice. */
  public CamundaForm clearChoice(String label) {
    WebElement input = field(label);
    WebElement container = input.findElement(By.xpath("./ancestor::div[contains(@class,'fjs-form-field-select')]"));
    container.findElement(By.cssSelector(".fjs-select-cross")).click();
    browser.until(d -> container.findElements(By.cssSelector(".fjs-select-cross")).isEmpty());
    return this;
  }

  /** A radio option, found by its group's label and the option's own label. */
  public CamundaForm pick(String groupLabel, String option) {
    WebElement group = browser.until(d -> form().findElements(By.cssSelector(".fjs-form-field-radio")).stream()
        .filter(g -> g.isDisplayed() && ownText(g.findElement(By.cssSelector("label:not([for])"))).equals(groupLabel))
        .findFirst().orElse(null));
    WebElement label = group.findElements(By.cssSelector("label[for]")).stream()
        .filter(l -> ownText(l).equals(option)).findFirst()
        .orElseThrow(() -> new AssertionError("no option '" + option + "' in " + groupLabel + ": " + group.getText()));
    browser.scrollIntoView(label);
    label.click();
    browser.until(d -> label.findElement(By.tagName("input")).isSelected());
    return this;
  }

  /** A checkbox, by the label beside it. */
  public CamundaForm check(String label, boolean checked) {
    WebElement box = field(label);
    browser.scrollIntoView(box);
    if (box.isSelected() != checked) {
      box.findElement(By.xpath("./ancestor::label")).click();
    }
    browser.until(d -> box.isSelected() == checked);
    return this;
  }

  /** A date field: typed as Tasklist's date picker shows it (mm/dd/yyyy), as a person types it. */
  public CamundaForm date(String label, LocalDate date) {
    WebElement input = field(label);
    browser.scrollIntoView(input);
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(TYPED_DATE.format(date), Keys.ENTER);
    browser.until(d -> SHOWN_DATE.format(date).equals(input.getAttribute("value")));
    input.sendKeys(Keys.ESCAPE);
    return this;
  }

  /** Everything the form shows, e.g. the text blocks with their interpolated values. */
  public String text() {
    return form().getText();
  }

  /** A text block's rendered content (Markdown text or HTML), found by a heading or phrase it contains. */
  public String section(String containing) {
    return browser.until(d -> form().findElements(TEXT_BLOCKS).stream()
        .filter(t -> t.isDisplayed() && t.getText().contains(containing)).findFirst().map(WebElement::getText)
        .orElse(null));
  }

  public boolean showsSection(String containing) {
    return form().findElements(TEXT_BLOCKS).stream()
        .anyMatch(t -> t.isDisplayed() && t.getText().contains(containing));
  }

  /** The errors form-js shows under fields (client-side validation). */
  public List<String> fieldErrors() {
    return form().findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).filter(t -> !t.isBlank()).toList();
  }

  /** Elements of a tag inside the form, e.g. to prove a value built none. */
  public List<WebElement> elements(String cssSelector) {
    return form().findElements(By.cssSelector(cssSelector));
  }

  /** Links in the form's text blocks, by their text. */
  public WebElement link(String text) {
    return browser.until(d -> form().findElements(By.linkText(text)).stream().findFirst().orElse(null));
  }
}
