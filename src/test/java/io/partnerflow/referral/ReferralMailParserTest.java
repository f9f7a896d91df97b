package io.partnerflow.referral;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.referral.ReferralMailParser.InboundReferralMail;
import org.junit.jupiter.api.Test;

class ReferralMailParserTest {

  private final ReferralMailParser parser = new ReferralMailParser();

  @Test
  void readsAnEnglishMailWithAMultiLineNeed() {
    NewReferral r = parse("<en@x>", "Referral", """
        Company: Contoso Ltd.
        Contact: Ana García López
        Email: ana.garcia@contoso.example
        Phone: +44 20 7946 0000
        Country: GB
        Language: en
        Need: 50 Microsoft 365 Business Premium licenses
        and help moving mail from Google Workspace.

        Ideally before the summer.
        """);

    assertThat(r).isEqualTo(new NewReferral("Contoso Ltd.", "Ana", "García López", "ana.garcia@contoso.example",
        "+44 20 7946 0000", "GB", "en",
        "50 Microsoft 365 Business Premium licenses\nand help moving mail from Google Workspace.\n\n"
            + "Ideally before the summer.",
        "EMAIL", "<en@x>"));
  }

  @Test
  void readsSpanishKeysCaseAndAccentInsensitively() {
    NewReferral r = parse("<es@x>", "Solicitud", """
        EMPRESA: Contoso Ibérica S.L.
        Nombre: Lucía
        Apellidos: García Pérez
        Correo electronico: lucia@contoso.example
        Teléfono: +34 915 123 456
        País: España
        Idioma: Español
        Necesidad: Migrar 20 buzones a Exchange Online.
        """);

    assertThat(r.companyName()).isEqualTo("Contoso Ibérica S.L.");
    assertThat(r.contactFirstName()).isEqualTo("Lucía");
    assertThat(r.contactLastName()).isEqualTo("García Pérez");
    assertThat(r.contactEmail()).isEqualTo("lucia@contoso.example");
    assertThat(r.contactPhone()).isEqualTo("+34 915 123 456");
    assertThat(r.country()).isEqualTo("ES");
    assertThat(r.language()).isEqualTo("es");
    assertThat(r.need()).isEqualTo("Migrar 20 buzones a Exchange Online.");
  }

  @Test
  void readsPortugueseKeys() {
    NewReferral r = parse("<pt@x>", "Pedido", """
        Empresa: Contoso Brasil Ltda.
        Contato: João Souza
        E-mail: joao@contoso.example
        Telefone: +55 11 3000 0000
        País: BR
        Idioma: pt-BR
        Necessidade: Teams Phone para 30 usuários
        """);

    assertThat(r).isEqualTo(new NewReferral("Contoso Brasil Ltda.", "João", "Souza", "joao@contoso.example",
        "+55 11 3000 0000", "BR", "pt", "Teams Phone para 30 usuários", "EMAIL", "<pt@x>"));
  }

  @Test
  void readsItalianKeys() {
    NewReferral r = parse("<it@x>", "Richiesta", """
        Azienda: Contoso Italia S.r.l.
        Nome: Giulia
        Cognome: Rossi
        Indirizzo email: giulia.rossi@contoso.example
        Telefono: +39 06 1234 5678
        Paese: Italia
        Lingua: italiano
        Richiesta: Licenze Microsoft 365 E3
        per 15 persone
        """);

    assertThat(r).isEqualTo(new NewReferral("Contoso Italia S.r.l.", "Giulia", "Rossi",
        "giulia.rossi@contoso.example", "+39 06 1234 5678", "IT", "it", "Licenze Microsoft 365 E3\nper 15 persone",
        "EMAIL", "<it@x>"));
  }

  @Test
  void readsRussianKeys() {
    NewReferral r = parse("<ru@x>", "Запрос", """
        Компания: ООО «Контосо»
        Контактное лицо: Иван Петров
        Электронная почта: ivan.petrov@contoso.example
        Телефон: +7 495 123-45-67
        Страна: RU
        Язык: ru
        Потребность: 100 лицензий Microsoft 365 E3.
        """);

    assertThat(r).isEqualTo(new NewReferral("ООО «Контосо»", "Иван", "Петров", "ivan.petrov@contoso.example",
        "+7 495 123-45-67", "RU", "ru", "100 лицензий Microsoft 365 E3.", "EMAIL", "<ru@x>"));
  }

  @Test
  void withoutEmailTheSenderIsTheContactAndWithoutCompanyTheSubjectNamesIt() {
    NewReferral r = parser.parse(new InboundReferralMail("<fb@x>", "marta@fabrikam.example", "Marta Vidal",
        "Fwd: RE: Fabrikam Spain", "Country: es\nNeed: Azure credits\n-- \nMarta Vidal\nCEO"));

    assertThat(r.companyName()).isEqualTo("Fabrikam Spain");
    assertThat(r.contactEmail()).isEqualTo("marta@fabrikam.example");
    assertThat(r.contactFirstName()).isEqualTo("Marta");
    assertThat(r.contactLastName()).isEqualTo("Vidal");
    assertThat(r.country()).isEqualTo("ES");
    assertThat(r.need()).isEqualTo("Azure credits");
  }

  @Test
  void addressesInAngleBracketsOrMailtoAreReadAndQuotedForwardsToo() {
    NewReferral r = parse("<q@x>", "Fw: referral", """
        ---------- Forwarded message ---------
        > Company: Tailspin Toys
        > Contact: Sam Lee <sam.lee@tailspin.example>
        > Email: mailto:sales@tailspin.example
        """);

    assertThat(r.companyName()).isEqualTo("Tailspin Toys");
    assertThat(r.contactFirstName()).isEqualTo("Sam");
    assertThat(r.contactLastName()).isEqualTo("Lee");
    assertThat(r.contactEmail()).isEqualTo("sales@tailspin.example");
  }

  @Test
  void unknownCountryAndLanguageAreKeptForValidationToReject() {
    NewReferral r = parse("<u@x>", "x", "Company: A\nCountry: Atlantis\nLanguage: Klingon\n");

    assertThat(r.country()).isEqualTo("Atlantis");
    assertThat(r.language()).isEqualTo("Klingon");
    assertThat(r.need()).isNull();
  }

  @Test
  void anEmptyMailFallsBackToSenderAndSubjectOnly() {
    NewReferral r = parser.parse(new InboundReferralMail("<e@x>", "a@b.example", null, "  ", null));

    assertThat(r).isEqualTo(new NewReferral(null, null, null, "a@b.example", null, null, null, null, "EMAIL",
        "<e@x>"));
  }

  private NewReferral parse(String messageId, String subject, String text) {
    return parser.parse(new InboundReferralMail(messageId, "sender@example.com", "Sender Name", subject, text));
  }
}
