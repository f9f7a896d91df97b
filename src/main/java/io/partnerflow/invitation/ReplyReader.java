package io.partnerflow.invitation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads a reply to an invitation mail: which invitation it answers (by the Message-ID it replies
 * to, else by the reference in the subject) and what the first word of the admin's own text says.
 * Whether the sender is the invited admin is the handler's call, not ours.
 */
@Component
public class ReplyReader {

  /** Message-IDs of our invitation mails and reminders, see {@link InvitationMailer#invitationKey}. */
  private static final Pattern INVITATION_MESSAGE_ID = Pattern.compile(
      "<invitation-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})-send-\\d+[^<>@\\s]*@partnerflow>");
  private static final Pattern SUBJECT_REFERENCE = Pattern.compile("\\[Ref:\\s*([A-Za-z0-9_-]{1,32})\\s*]",
      Pattern.CASE_INSENSITIVE);

  private static final Map<String, AnswerType> WORDS = Stream.concat(
          Stream.of("ACCEPT", "ACCEPTED", "YES", "ACEPTO", "ACEPTAR", "SÍ", "SI", "SÌ", "ACEITO", "ACEITAR", "SIM",
                  "ACCETTO", "ACCETTARE", "ПРИНИМАЮ", "ПРИНЯТЬ", "ДА")
              .map(word -> Map.entry(word, AnswerType.ACCEPT)),
          Stream.of("DECLINE", "DECLINED", "NO", "RECHAZO", "RECHAZAR", "RECUSO", "RECUSAR", "NÃO", "NAO",
                  "RIFIUTO", "RIFIUTARE", "ОТКЛОНЯЮ", "ОТКЛОНИТЬ", "НЕТ")
              .map(word -> Map.entry(word, AnswerType.DECLINE)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  /** Where a client starts quoting the mail replied to; everything from there on is not the reply. */
  private static final List<Pattern> QUOTE_HEADERS = Stream.of(
          "^-{2,}\\s*(original message|mensaje original|mensagem original|messaggio originale"
              + "|исходное сообщение|forwarded message|mensaje reenviado|mensagem encaminhada"
              + "|messaggio inoltrato|пересылаемое сообщение)\\s*-{2,}.*$",
          "^_{10,}\\s*$", // Outlook's rule above the quoted header block
          "^on\\s.+\\swrote:\\s*$",
          "^el\\s.+\\sescribió:\\s*$",
          "^em\\s.+\\sescreveu:\\s*$",
          "^il\\s.+\\sha scritto:\\s*$",
          "^.+\\sнаписал(а|\\(а\\))?:\\s*$",
          "^(from|de|da|от):\\s.*@.*$") // Outlook's quoted "From: name <address>"
      .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
      .toList();

  private static final Pattern EDGE_NON_WORD = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\uFEFF\\u200B]+");

  private final InvitationRegistry registry;

  public ReplyReader(InvitationRegistry registry) {
    this.registry = registry;
  }

  public ReadReply read(InboundReply mail) {
    return new ReadReply(mail, match(mail), firstWordAnswer(mail.text()));
  }

  /** By the Message-ID replied to (most reliable), else by the subject's reference. */
  Optional<Invitation> match(InboundReply mail) {
    for (String invitationId : repliedToInvitationIds(mail)) {
      Optional<Invitation> found = registry.find(invitationId);
      if (found.isPresent()) {
        return found;
      }
    }
    if (mail.subject() != null) {
      Matcher reference = SUBJECT_REFERENCE.matcher(mail.subject());
      while (reference.find()) {
        Optional<Invitation> found = registry.findByReplyReference(reference.group(1));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** Invitation ids in In-Reply-To, then in References from the newest (last) back. */
  static List<String> repliedToInvitationIds(InboundReply mail) {
    List<String> ids = new ArrayList<>(invitationIds(mail.inReplyTo()));
    List<String> references = mail.references() == null ? List.of() : mail.references();
    for (int i = references.size() - 1; i >= 0; i--) {
      List<String> inHeader = invitationIds(references.get(i));
      for (int j = inHeader.size() - 1; j >= 0; j--) {
        ids.add(inHeader.get(j));
      }
    }
    return ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  private static List<String> invitationIds(String header) {
    List<String> ids = new ArrayList<>();
    if (header != null) {
      Matcher matcher = INVITATION_MESSAGE_ID.matcher(header);
      while (matcher.find()) {
        ids.add(matcher.group(1));
      }
    }
    return ids;
  }

  /**
   * The answer the first word of the reply's own text gives, in any of our languages ("Acepto.",
   * "yes!", "Принимаю"), or empty when the first word is no answer word or there is no text.
   */
  public static Optional<AnswerType> firstWordAnswer(String text) {
    String own = ownText(text);
    if (own.isEmpty()) {
      return Optional.empty();
    }
    String first = WHITESPACE.split(own, 2)[0];
    String word = EDGE_NON_WORD.matcher(first).replaceAll("").toUpperCase(Locale.ROOT);
    return Optional.ofNullable(WORDS.get(word));
  }

  /** The text above any quoted part, without quoted lines, stripped. */
  static String ownText(String text) {
    if (text == null) {
      return "";
    }
    // Composed form, so "Sí" typed as i + combining accent still reads as SÍ
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder own = new StringBuilder();
    for (String line : normalized.split("\n", -1)) {
      String trimmed = line.strip();
      if (isQuoteHeader(trimmed)) {
        break;
      }
      if (!trimmed.startsWith(">")) {
        own.append(line).append('\n');
      }
    }
    return WHITESPACE.matcher(own).replaceAll(" ").strip();
  }

  private static boolean isQuoteHeader(String line) {
    return QUOTE_HEADERS.stream().anyMatch(pattern -> pattern.matcher(line).matches());
  }
}
