package io.partnerflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Security's session is the Camunda webapps' session ({@link WebappSession}): whoever signed
 * in to Tasklist, Cockpit, Admin or our login page is signed in on our pages, and signing out of
 * either ends both. Nothing of Spring Security's is stored: signing in writes the Camunda login
 * ({@link LoginController}), so saving is a no-op (HTTP Basic requests stay stateless).
 */
class CamundaSessionSecurityContextRepository implements SecurityContextRepository {

  private final CamundaUsers users;
  private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

  CamundaSessionSecurityContextRepository(CamundaUsers users) {
    this.users = users;
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    Supplier<String> userId = SingletonSupplier.of(() -> WebappSession.userId(request, users.engine()));
    Supplier<SecurityContext> context = SingletonSupplier.of(() -> {
      SecurityContext loaded = strategy.createEmptyContext();
      if (userId.get() != null) {
        loaded.setAuthentication(users.authenticated(userId.get()));
      }
      return loaded;
    });
    return new DeferredSecurityContext() {
      @Override
      public SecurityContext get() {
        return context.get();
      }

      @Override
      public boolean isGenerated() {
        return userId.get() == null;
      }
    };
  }

  @Override
  @Deprecated
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return loadDeferredContext(holder.getRequest()).get();
  }

  @Override
  public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    // the Camunda webapp session is the store (see class comment)
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return WebappSession.userId(request, users.engine()) != null;
  }
}
