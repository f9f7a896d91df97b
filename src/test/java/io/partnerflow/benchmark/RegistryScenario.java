package io.partnerflow.benchmark;

import io.partnerflow.benchmark.BenchmarkSettings.Database;
import io.partnerflow.catalog.Offer;
import io.partnerflow.catalog.OfferCatalog;
import io.partnerflow.consent.AgreementProperties;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.CustomerDetails;
import io.partnerflow.customer.CustomerDirectory;
import io.partnerflow.customer.CustomerQuery;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.InvitationRegistry;
import io.partnerflow.invitation.InvitationStatus;
import io.partnerflow.invitation.InvitationTokens;
import io.partnerflow.mail.ProcessedMails;
import io.partnerflow.mail.TemplatedMailService;
import io.partnerflow.mail.WelcomeMailer;
import io.partnerflow.provisioning.SubscriptionRecord;
import io.partnerflow.referral.NewReferral;
import io.partnerflow.referral.ReferralRegistry;
import io.partnerflow.referral.ReferralStatus;
import io.partnerflow.relationship.CustomerSubscriptions;
import io.partnerflow.validation.PageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What our registry indexes are worth: seeds customers (contacts, attestations, subscriptions,
 * relationship events, invitations with tokens, sent and processed mails, referrals) into the
 * running product's database, times the real registry calls, drops the migration indexes they rely
 * on, times them again, and recreates the indexes with the migrations' own statements. Every seeded
 * key starts with {@link #SEED}; the seeded rows are deleted at the end.
 */
final class RegistryScenario {

  static final String CUSTOMERS_PROPERTY = "benchmark.registry.customers";
  static final String CALLS_PROPERTY = "benchmark.registry.calls";
  static final int DEFAULT_CUSTOMERS = 20_000;
  static final int DEFAULT_CALLS = 200;
  /** Starts every seeded key, so the seeded rows can be told apart from the product's and deleted. */
  static final String SEED = "bench-reg-";

  /** Where the migrations are, {vendor} as Flyway resolves it (spring.flyway.locations). */
  private static final List<String> MIGRATIONS = List.of("classpath:db/migration/V*.sql",
      "classpath:db/vendor/{vendor}/V*.sql");
  private static final Pattern INDEX_STATEMENT = Pattern.compile(
      "create\\s+index\\s+(?<created>\\w+)\\s+on\\s+\\w+\\s*\\([^)]*\\)|drop\\s+index\\s+(?<dropped>\\w+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MIGRATION_VERSION = Pattern.compile("V([0-9._]+)__.*\\.sql");
  private static final int CUSTOMERS_PER_RESELLER = 400;
  private static final int PAGE_SIZE = 25;
  private static final int BATCH = 1000;
  /** Company names are made of these, so starts-with searches match a realistic few. */
  private static final String[] SYLLABLES = {"ka", "lo", "mer", "ix", "sun", "ta", "vi", "ro", "den", "quar", "bel",
      "no", "tri", "vax", "lum", "or", "fen", "del", "zan", "pra", "mo", "gal", "sto", "wey"};
  private static final String[] LEGAL_FORMS = {"S.L.", "GmbH", "Ltd", "S.p.A.", "Inc.", "SARL", "Ltda.", "B.V."};
  private static final String[][] LOCALES = {
    {"ES", "es-ES", "es"}, {"DE", "de-DE", "de"}, {"IT", "it-IT", "it"}, {"BR", "pt-BR", "pt"}, {"GB", "en-GB", "en"},
    {"US", "en-US", "en"}, {"RU", "ru-RU", "ru"}
  };

  private RegistryScenario() {}

  /**
   * A registry call; {@code indexes} are the migration indexes it relies on (dropped together), or empty and
   * {@code servedBy} says why none.
   */
  private record Query(String label, List<String> indexes, String servedBy, IntFunction<Object> call) {
    static Query byIndex(String label, String index, IntFunction<Object> call) {
      return byIndexes(label, List.of(index), call);
    }

    /** One that ORs two conditions, each with its own index. */
    static Query byIndexes(String label, List<String> indexes, IntFunction<Object> call) {
      return new Query(label, indexes, String.join(" + ", indexes), call);
    }

    static Query control(String label, String servedBy, IntFunction<Object> call) {
      return new Query(label, List.of(), servedBy, call);
    }
  }

  /** What the queries are called with, all of it seeded. */
  private record Seed(int resellers, int customers, int invitations, int referrals, List<String> resellerIds,
      List<String> resellerCustomerIds, List<String> domainPrefixes, List<String> nameStarts, List<String> tokens,
      List<String> mailKeys, List<String> messageIds, List<String> referralNameStarts) {}

  static String run(BenchmarkApp app, BenchmarkSettings settings, String variant) throws Exception {
    int customers = SectionTiming.positiveProperty(CUSTOMERS_PROPERTY, DEFAULT_CUSTOMERS);
    int calls = SectionTiming.positiveProperty(CALLS_PROPERTY, DEFAULT_CALLS);
    JdbcTemplate jdbc = app.context.getBean(JdbcTemplate.class);
    Map<String, String> createStatements = migrationIndexes(settings.database());
    Set<String> dropped = new LinkedHashSet<>();
    try {
      long started = System.nanoTime();
      Seed seed = seed(app, jdbc, customers);
      // Fresh statistics, so the planner sees the seeded tables as they are
      jdbc.execute("ANALYZE");
      Benchmark.progress("%s registry: seeded %d customers in %.1f s", variant, customers,
          (System.nanoTime() - started) / 1e9);
      List<Query> queries = queries(app, seed, settings.database());
      Set<String> ours = new LinkedHashSet<>();
      for (Query query : queries) {
        for (String index : query.indexes()) {
          if (!createStatements.containsKey(index)) {
            throw new IllegalStateException("Registry query '" + query.label() + "' relies on index " + index
                + ", which no migration (" + MIGRATIONS + ", vendor " + vendor(settings.database()) + ") creates");
          }
          ours.add(index);
        }
      }
      // H2 rebuilds a table on alter table ... add column and then lets a foreign key take over an index
      // of ours on its column (customer_reseller_idx since V5): such an index cannot be dropped there
      Set<String> constraintIndexes = settings.database() == Database.H2 ? h2ConstraintIndexes(jdbc, ours) : Set.of();
      ours.removeAll(constraintIndexes);
      // One pass over every query first, so the first round does not pay for JIT and caches
      queries.forEach(query -> SectionTiming.msPerCall(calls, 0, i -> requireFound(query, i, query.call().apply(i))));
      Map<Query, List<Double>> with = new LinkedHashMap<>();
      Map<Query, List<Double>> without = new LinkedHashMap<>();
      for (int round = 0; round < settings.warmupRounds() + settings.rounds(); round++) {
        // Rounds alternate which phase goes first, so drift falls on both alike
        for (boolean indexed : round % 2 == 0 ? List.of(true, false) : List.of(false, true)) {
          setIndexes(jdbc, indexed ? Set.of() : ours, dropped, createStatements);
          long phaseStarted = System.nanoTime();
          for (Query query : queries) {
            double ms = SectionTiming.msPerCall(calls, round * calls, i -> requireFound(query, i,
                query.call().apply(i)));
            if (round >= settings.warmupRounds()) {
              (indexed ? with : without).computeIfAbsent(query, q -> new ArrayList<>()).add(ms);
            }
          }
          Benchmark.progress("%s registry round %d%s %s: %d queries × %d calls in %.1f s", variant, round + 1,
              round < settings.warmupRounds() ? " (warm-up)" : "", indexed ? "with indexes" : "without our indexes",
              queries.size(), calls, (System.nanoTime() - phaseStarted) / 1e9);
        }
      }
      return report(settings, variant, seed, calls, queries, with, without, ours, constraintIndexes);
    } finally {
      // The product's database as the migrations left it, whatever happened
      setIndexes(jdbc, Set.of(), dropped, createStatements);
      deleteSeed(jdbc);
    }
  }

  /** Those of {@code indexes} that an H2 constraint uses as its own index. */
  private static Set<String> h2ConstraintIndexes(JdbcTemplate jdbc, Set<String> indexes) {
    Set<String> used = new LinkedHashSet<>();
    for (String index : indexes) {
      Long constraints = jdbc.queryForObject("select count(*) from information_schema.table_constraints "
          + "where lower(index_name) = ?", Long.class, index);
      if (constraints != null && constraints > 0) {
        used.add(index);
      }
    }
    return used;
  }

  /** Drops {@code toDrop} and recreates every other dropped index; {@code dropped} always says what is missing. */
  static void setIndexes(JdbcTemplate jdbc, Set<String> toDrop, Set<String> dropped,
      Map<String, String> createStatements) {
    for (String index : List.copyOf(dropped)) {
      if (!toDrop.contains(index)) {
        jdbc.execute(createStatements.get(index));
        dropped.remove(index);
      }
    }
    for (String index : toDrop) {
      if (!dropped.contains(index)) {
        jdbc.execute("drop index " + index);
        dropped.add(index);
      }
    }
  }

  private static List<Query> queries(BenchmarkApp app, Seed seed, Database database) {
    CustomerDirectory directory = app.context.getBean(CustomerDirectory.class);
    CustomerRegistry registry = app.context.getBean(CustomerRegistry.class);
    CustomerDetails details = app.context.getBean(CustomerDetails.class);
    CustomerSubscriptions subscriptions = app.context.getBean(CustomerSubscriptions.class);
    RelationshipService relationships = app.context.getBean(RelationshipService.class);
    InvitationRegistry invitations = app.context.getBean(InvitationRegistry.class);
    TemplatedMailService mail = app.context.getBean(TemplatedMailService.class);
    ReferralRegistry referrals = app.context.getBean(ReferralRegistry.class);
    ProcessedMails processedMails = new ProcessedMails(app.jdbc, Clock.systemUTC());
    List<ReferralStatus> statuses = List.of(ReferralStatus.values());
    boolean postgres = database == Database.POSTGRES;
    String customerSearch = "customer search: company or domain starts with";
    IntFunction<Object> customerSearchCall = i -> directory.search(new CustomerQuery(pick(seed.nameStarts(), i), null,
        null, 0, PAGE_SIZE, "company", false));
    String referralSearch = "referral search: company starts with";
    IntFunction<Object> referralSearchCall = i -> referrals.search(pick(seed.referralNameStarts(), i), null, 0,
        PAGE_SIZE);
    return List.of(
        Query.byIndex("customer list, first page by company name", "customer_company_key_idx",
            i -> directory.search(new CustomerQuery(null, null, null, 0, PAGE_SIZE, "company", false))),
        // PostgreSQL's b-tree serves like 'x%' only with a pattern operator class (db/vendor/postgresql)
        postgres
            ? Query.byIndexes(customerSearch,
                List.of("customer_company_key_pattern_idx", "customer_domain_prefix_pattern_idx"), customerSearchCall)
            : Query.byIndex(customerSearch, "customer_company_key_idx", customerSearchCall),
        Query.byIndex("customer list filtered by reseller", "customer_reseller_idx",
            i -> directory.search(new CustomerQuery(null, pick(seed.resellerIds(), i), null, 0, PAGE_SIZE, "company",
                false))),
        Query.byIndex("customer list by reseller and relationship, newest first, page 2", "customer_reseller_idx",
            i -> directory.search(new CustomerQuery(null, pick(seed.resellerIds(), i), Relationship.RESELLER, 1,
                PAGE_SIZE, "created", true))),
        Query.control("customer by domain prefix (onboarding, invitation)", "unique constraint on domain_prefix",
            i -> registry.findByDomainPrefix(pick(seed.domainPrefixes(), i))),
        Query.byIndex("primary contact of a customer", "contact_customer_idx",
            i -> registry.primaryContact(pick(seed.resellerCustomerIds(), i))),
        Query.byIndex("agreement attestations of a customer", "attestation_customer_idx",
            i -> details.attestations(pick(seed.resellerCustomerIds(), i))),
        Query.control("active subscriptions of a customer (end relationship)",
            "unique subscription_line_unique (customer_id, line_number)",
            i -> subscriptions.active(pick(seed.resellerCustomerIds(), i))),
        Query.byIndex("relationship history of a customer", "relationship_event_customer_idx",
            i -> relationships.history(pick(seed.resellerCustomerIds(), i))),
        Query.control("invitation by link token", "primary key of invitation_token",
            i -> invitations.findByToken(pick(seed.tokens(), i))),
        Query.control("sent mail by idempotency key", "primary key of sent_mail",
            i -> mail.wasSent(pick(seed.mailKeys(), i))),
        Query.control("processed mail by Message-ID", "primary key of processed_mail",
            i -> processedMails.isProcessed(pick(seed.messageIds(), i))),
        Query.byIndex("referral list by status, newest first", "referral_status_idx",
            i -> referrals.search(null, pick(statuses, i), 0, PAGE_SIZE)),
        postgres
            ? Query.byIndexes(referralSearch,
                List.of("referral_company_key_pattern_idx", "referral_email_key_pattern_idx"), referralSearchCall)
            : Query.control(referralSearch, "no index (H2 cannot combine two indexes for the search's OR)",
                referralSearchCall));
  }

  /** Every call asks for something seeded: an empty answer means the measurement measured nothing. */
  private static void requireFound(Query query, int call, Object result) {
    boolean found;
    if (result instanceof Optional<?> optional) {
      found = optional.isPresent();
    } else if (result instanceof Collection<?> collection) {
      found = !collection.isEmpty();
    } else if (result instanceof PageResult<?> page) {
      found = page.total() > 0;
    } else if (result instanceof Boolean flag) {
      found = flag;
    } else {
      throw new IllegalStateException("Registry query '" + query.label() + "' answered a " + result.getClass().getName()
          + ", which this benchmark cannot check");
    }
    if (!found) {
      throw new IllegalStateException("Registry query '" + query.label() + "' found nothing in call " + call
          + ": the seeded rows do not match what it asks for");
    }
  }

  private static String report(BenchmarkSettings settings, String variant, Seed seed, int calls, List<Query> queries,
      Map<Query, List<Double>> withRounds, Map<Query, List<Double>> withoutRounds, Set<String> dropped,
      Set<String> constraintIndexes) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n### Registry queries (%d customers)%n%n", seed.customers()));
    out.append(String.format(Locale.ROOT, "Variant %s on %s: %d customers of %d resellers with contacts, "
            + "attestations, subscriptions and relationship events, %d invitations, %d referrals. Each query: the "
            + "product's own call, %d times per round with varying arguments; %d warm-up + %d measured rounds, each "
            + "with and without our indexes (dropped and recreated between the two, alternating which goes first); "
            + "ms per call, median (min–max).%n%n", variant, settings.database(), seed.customers(), seed.resellers(),
        seed.invitations(), seed.referrals(), calls, settings.warmupRounds(), settings.rounds()));
    out.append("| query | with indexes ms | without ms | ratio without/with |\n|---|--:|--:|--:|\n");
    for (Query query : queries) {
      Summary with = Summary.of(withRounds.get(query));
      Summary without = Summary.of(withoutRounds.get(query));
      out.append("| ").append(query.label()).append(" | ").append(with.format(3)).append(" | ")
          .append(query.indexes().stream().noneMatch(dropped::contains) ? "(not dropped) " : "").append(without.format(3)).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", without.median() / with.median()))
          .append(" |\n");
    }
    Map<String, List<String>> byServer = new LinkedHashMap<>();
    queries.forEach(q -> byServer.computeIfAbsent(q.servedBy(), k -> new ArrayList<>()).add(q.label()));
    out.append("\nWhat serves which query: ").append(byServer.entrySet().stream()
        .map(e -> e.getKey() + " → " + String.join(", ", e.getValue())).collect(Collectors.joining("; ")))
        .append(" (only the named indexes were dropped; primary keys and unique constraints stayed).");
    if (!constraintIndexes.isEmpty()) {
      out.append(" Not dropped on H2, because a foreign key uses them as its index (H2 hands a foreign key an "
          + "index on its column when alter table rebuilds the table): ").append(String.join(", ", constraintIndexes))
          .append('.');
    }
    if (settings.database() == Database.H2) {
      out.append(" On H2 every foreign key has an index (its own CONSTRAINT_INDEX_…, or one of ours it took over), so "
          + "without ours the customer_id and reseller_id lookups are still indexed there; PostgreSQL indexes no "
          + "foreign key.");
    }
    return out.append('\n').toString();
  }

  // --- seeding ------------------------------------------------------------------------------------

  private static Seed seed(BenchmarkApp app, JdbcTemplate jdbc, int customers) {
    Random random = new Random(customers); // the same rows at the same size, run after run
    Instant now = Instant.now();
    AgreementProperties agreement = app.context.getBean(AgreementProperties.class);
    List<String> offerIds = app.context.getBean(OfferCatalog.class).orderableOffers().stream()
        .filter(offer -> !offer.addOn()).map(Offer::id).toList();

    int resellers = Math.max(1, customers / CUSTOMERS_PER_RESELLER);
    List<String> resellerIds = new ArrayList<>();
    List<String> partnerIds = new ArrayList<>();
    List<Object[]> resellerRows = new ArrayList<>();
    for (int r = 0; r < resellers; r++) {
      resellerIds.add(SEED + "reseller-" + r);
      partnerIds.add(SEED + r);
      resellerRows.add(new Object[] {resellerIds.get(r), companyName(random) + " Partners", partnerIds.get(r),
          LOCALES[r % LOCALES.length][0], "EMEA", "ACTIVE", true});
    }
    insert(jdbc, "insert into reseller (id, name, partner_id, country, region, status, partner_agreement_signed) "
        + "values (?, ?, ?, ?, ?, ?, ?)", resellerRows);

    List<Object[]> customerRows = new ArrayList<>();
    List<Object[]> contactRows = new ArrayList<>();
    List<Object[]> attestationRows = new ArrayList<>();
    List<Object[]> subscriptionRows = new ArrayList<>();
    List<Object[]> eventRows = new ArrayList<>();
    List<Object[]> sentMailRows = new ArrayList<>();
    List<Object[]> invitationRows = new ArrayList<>();
    List<Object[]> tokenRows = new ArrayList<>();
    List<Object[]> processedMailRows = new ArrayList<>();
    List<String> resellerCustomerIds = new ArrayList<>();
    List<String> domainPrefixes = new ArrayList<>();
    List<String> nameStarts = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> mailKeys = new ArrayList<>();
    List<String> messageIds = new ArrayList<>();
    int withReseller = 0;
    for (int c = 0; c < customers; c++) {
      String id = SEED + "customer-" + c;
      String word = word(random);
      String company = capitalized(word) + " " + LEGAL_FORMS[random.nextInt(LEGAL_FORMS.length)];
      String prefix = word + c;
      String[] locale = LOCALES[random.nextInt(LOCALES.length)];
      // One in ten has no relationship (invited, or ended); of our customers one in seven is direct
      boolean ours = c % 10 != 9;
      // Round robin over those with a reseller only: every reseller gets customers, whatever the counts
      int reseller = ours && c % 7 != 0 ? withReseller++ % resellers : -1;
      String resellerId = reseller < 0 ? null : resellerIds.get(reseller);
      Timestamp created = Timestamp.from(now.minus(Duration.ofMinutes(random.nextInt(3 * 365 * 24 * 60))));
      String email = "admin." + c + "@" + prefix + ".example";
      boolean delegatedAdmin = ours && random.nextBoolean();
      String relationship = (ours ? Relationship.RESELLER : Relationship.NONE).name();
      customerRows.add(new Object[] {id, company, CustomerRegistry.companyNameKey(company), prefix, "Calle Mayor " + (1 + c % 200), "Madrid", "28013",
          locale[0], locale[1], locale[2], relationship, resellerId,
          "admin@" + prefix + AccountInfo.DOMAIN_SUFFIX, "benchmark", created, 0, delegatedAdmin});
      contactRows.add(new Object[] {id, CustomerRegistry.PRIMARY_CONTACT, "Lucía", "García " + c, email,
          "+34 915 123 456"});
      eventRows.add(new Object[] {id, relationship, delegatedAdmin, created, "benchmark",
          ours ? RelationshipService.SOURCE_INVITATION : RelationshipService.SOURCE_END_RELATIONSHIP});
      int lines = 1 + random.nextInt(4);
      for (int line = 1; line <= lines; line++) {
        // Our customers' first line is active; an ended relationship left only suspended ones
        String status = ours && (line == 1 || random.nextInt(5) > 0) ? SubscriptionRecord.ACTIVE
            : SubscriptionRecord.SUSPENDED;
        subscriptionRows.add(new Object[] {SEED + "subscription-" + c + "-" + line, id, line,
            offerIds.get(random.nextInt(offerIds.size())), 1 + random.nextInt(300), status,
            resellerId == null ? null : partnerIds.get(reseller), created,
            SubscriptionRecord.SUSPENDED.equals(status) ? created : null});
      }
      if (ours) {
        attestationRows.add(new Object[] {id, agreement.type(), agreement.templateId(),
            Date.valueOf(created.toLocalDateTime().toLocalDate()), "Lucía", "García " + c, email, "benchmark",
            created});
        sentMailRows.add(new Object[] {WelcomeMailer.idempotencyKey(id), email, "Welcome " + company, created});
        resellerCustomerIds.add(id);
        mailKeys.add(WelcomeMailer.idempotencyKey(id));
      }
      if (c % 10 == 0 || !ours) {
        int n = invitationRows.size();
        String invitationId = SEED + "invitation-" + n;
        invitationRows.add(new Object[] {invitationId, company, prefix, id, email, locale[2], true, SEED + n,
            (ours ? InvitationStatus.ACCEPTED : InvitationStatus.PENDING).name(), 1, created});
        String token = SEED + "token-" + n;
        tokenRows.add(new Object[] {InvitationTokens.hash(token), invitationId, created, false});
        tokens.add(token);
        String messageId = "<" + SEED + n + "@mail.example>";
        processedMailRows.add(new Object[] {messageId, "invitations@mail.example", "accepted", created});
        messageIds.add(messageId);
      }
      domainPrefixes.add(prefix);
      nameStarts.add(word.substring(0, Math.min(3, word.length())));
    }
    insert(jdbc, """
        insert into customer (id, company_name, company_name_key, domain_prefix, address_line1, city, postal_code,
          country, culture, language, relationship, reseller_id, admin_user_name, created_by, created_at, version,
          delegated_admin)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", customerRows);
    insert(jdbc, "insert into contact (customer_id, role, first_name, last_name, email, phone) "
        + "values (?, ?, ?, ?, ?, ?)", contactRows);
    insert(jdbc, """
        insert into agreement_attestation (customer_id, agreement_type, template_id, date_accepted, signer_first_name,
          signer_last_name, signer_email, attested_by, attested_at, is_current)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, true)""", attestationRows);
    insert(jdbc, """
        insert into subscription (id, customer_id, line_number, offer_id, quantity, status, reseller_partner_id,
          provisioned_at, suspended_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", subscriptionRows);
    insert(jdbc, """
        insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source)
        values (?, ?, ?, ?, ?, ?)""", eventRows);
    insert(jdbc, "insert into sent_mail (mail_key, recipient, subject, sent_at) values (?, ?, ?, ?)", sentMailRows);
    insert(jdbc, """
        insert into invitation (id, company_name, domain_prefix, customer_id, admin_email, language,
          include_delegated_admin, reply_reference, status, send_count, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", invitationRows);
    insert(jdbc, "insert into invitation_token (token_hash, invitation_id, issued_at, revoked) values (?, ?, ?, ?)",
        tokenRows);
    insert(jdbc, "insert into processed_mail (message_id, mailbox, outcome, processed_at) values (?, ?, ?, ?)",
        processedMailRows);

    // Referrals come from elsewhere than customers: a quarter as many, every status represented
    int referrals = Math.max(ReferralStatus.values().length, customers / 4);
    List<Object[]> referralRows = new ArrayList<>();
    List<String> referralNameStarts = new ArrayList<>();
    for (int r = 0; r < referrals; r++) {
      String word = word(random);
      String company = capitalized(word) + " " + LEGAL_FORMS[random.nextInt(LEGAL_FORMS.length)];
      String email = "buyer." + r + "@" + word + ".example";
      // The search keys exactly as ReferralRegistry.create writes them
      referralRows.add(new Object[] {SEED + "referral-" + r,
          r % 3 == 0 ? NewReferral.SOURCE_EMAIL : NewReferral.SOURCE_API,
          company, ReferralRegistry.searchKey(company), email, ReferralRegistry.searchKey(email),
          ReferralStatus.values()[r % ReferralStatus.values().length].name(),
          Timestamp.from(now.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60))))});
      referralNameStarts.add(word.substring(0, Math.min(3, word.length())));
    }
    insert(jdbc, "insert into referral (id, source, company_name, company_name_key, contact_email, contact_email_key, "
        + "status, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)", referralRows);
    return new Seed(resellers, customers, invitationRows.size(), referrals, resellerIds, resellerCustomerIds,
        domainPrefixes, nameStarts, tokens, mailKeys, messageIds, referralNameStarts);
  }

  /** Children before parents; every seeded key starts with {@link #SEED} (a mail key or Message-ID contains it). */
  private static void deleteSeed(JdbcTemplate jdbc) {
    String seeded = SEED + "%";
    jdbc.update("delete from processed_mail where message_id like ?", "<" + seeded);
    jdbc.update("delete from sent_mail where mail_key like ?", WelcomeMailer.idempotencyKey(seeded));
    jdbc.update("delete from invitation_token where invitation_id like ?", seeded);
    jdbc.update("delete from relationship_event where customer_id like ?", seeded);
    jdbc.update("delete from invitation where id like ?", seeded);
    for (String table : List.of("subscription", "agreement_attestation", "contact")) {
      jdbc.update("delete from " + table + " where customer_id like ?", seeded);
    }
    jdbc.update("delete from customer where id like ?", seeded);
    jdbc.update("delete from reseller where id like ?", seeded);
    jdbc.update("delete from referral where id like ?", seeded);
  }

  private static void insert(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
    for (List<Object[]> batch : Chunks.of(rows, BATCH)) {
      jdbc.batchUpdate(sql, batch);
    }
  }

  /**
   * The {@code create index} statements of this database's migrations (common and vendor-specific) by index name,
   * to recreate exactly what was dropped; an index a later migration drops is left out.
   */
  static Map<String, String> migrationIndexes(Database database) throws IOException {
    List<Resource> migrations = new ArrayList<>();
    for (String location : MIGRATIONS) {
      migrations.addAll(List.of(new PathMatchingResourcePatternResolver()
          .getResources(location.replace("{vendor}", vendor(database)))));
    }
    // Flyway's order: by version (V5 before V5_1 before V10), whatever the location
    migrations.sort(Comparator.comparing(RegistryScenario::migrationVersion, RegistryScenario::compareVersions));
    Map<String, String> statements = new LinkedHashMap<>();
    for (Resource migration : migrations) {
      Matcher statement = INDEX_STATEMENT.matcher(migration.getContentAsString(StandardCharsets.UTF_8));
      while (statement.find()) {
        if (statement.group("created") != null) {
          statements.put(statement.group("created").toLowerCase(Locale.ROOT), statement.group());
        } else {
          statements.remove(statement.group("dropped").toLowerCase(Locale.ROOT));
        }
      }
    }
    if (statements.isEmpty()) {
      throw new IllegalStateException("No create index statement found in " + MIGRATIONS + " for " + database);
    }
    return statements;
  }

  /** Flyway's {vendor} for the database (DatabaseDriver id). */
  private static String vendor(Database database) {
    return switch (database) {
      case H2 -> "h2";
      case POSTGRES -> "postgresql";
    };
  }

  private static int compareVersions(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int part = Integer.compare(a.get(i), b.get(i));
      if (part != 0) {
        return part;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** V5_1__x.sql → [5, 1]. */
  private static List<Integer> migrationVersion(Resource migration) {
    Matcher version = MIGRATION_VERSION.matcher(String.valueOf(migration.getFilename()));
    if (!version.matches()) {
      throw new IllegalStateException("Migration " + migration.getFilename() + " is not named V<version>__<name>.sql");
    }
    return Arrays.stream(version.group(1).split("[._]")).map(Integer::valueOf).toList();
  }

  private static <T> T pick(List<T> values, int call) {
    // A stride coprime to most sizes walks the rows out of their insertion order
    return values.get((int) Math.floorMod(call * 7919L, (long) values.size()));
  }

  private static String word(Random random) {
    StringBuilder word = new StringBuilder();
    for (int s = 2 + random.nextInt(2); s > 0; s--) {
      word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return word.toString();
  }

  private static String companyName(Random random) {
    return capitalized(word(random));
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
