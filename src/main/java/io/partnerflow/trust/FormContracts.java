package io.partnerflow.trust;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.process.ProcessVariable;
import io.partnerflow.referral.ReferralProcess;
import io.partnerflow.relationship.EndRelationshipProcess;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which form may write which variable, collected from the processes' variable contracts (every
 * {@link ProcessVariable} constant and the forms it names as writers). A form id belongs to one
 * process, so a name like {@code companyName} resolves to that process's variable.
 */
@Component
public class FormContracts {

  static final List<Class<?>> CONTRACTS = List.of(OnboardingProcess.class, InvitationProcess.class,
      ReferralProcess.class, EndRelationshipProcess.class);

  private final Map<String, Map<String, ProcessVariable<?>>> byForm;

  public FormContracts() {
    this(CONTRACTS);
  }

  FormContracts(List<Class<?>> contracts) {
    Map<String, Map<String, ProcessVariable<?>>> forms = new HashMap<>();
    for (Class<?> contract : contracts) {
      for (ProcessVariable<?> variable : variablesOf(contract)) {
        for (String form : variable.writers()) {
          ProcessVariable<?> previous = forms.computeIfAbsent(form, f -> new LinkedHashMap<>())
              .putIfAbsent(variable.name(), variable);
          if (previous != null && previous != variable) {
            throw new IllegalStateException("Form " + form + " writes " + variable.name() + " twice in the contracts");
          }
        }
      }
    }
    this.byForm = Map.copyOf(forms);
  }

  /** The variables the form may write, by name; empty for a form that writes nothing (or none). */
  public Map<String, ProcessVariable<?>> writableBy(String formId) {
    return formId == null ? Map.of() : byForm.getOrDefault(formId, Map.of());
  }

  static List<ProcessVariable<?>> variablesOf(Class<?> contract) {
    return java.util.Arrays.stream(contract.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ProcessVariable.class)
        .map(FormContracts::value)
        .toList();
  }

  private static ProcessVariable<?> value(Field field) {
    try {
      return (ProcessVariable<?>) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
