package io.partnerflow.api;

import io.partnerflow.testsupport.KeyedPartnerCenterStub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.partnerflow.provisioning.PartnerCenterClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * With a real Partner Center client configured there is nothing to break: the switch answers 404
 * and never reaches the client. (Controller and problem handler only, no context.)
 */
class PartnerCenterSimulationWithRealPartnerCenterTest {

  /** Stands for a real client: records any call, so the test sees none was made. */
  static final class RealClient extends KeyedPartnerCenterStub {
    final List<String> calls = new ArrayList<>();

    @Override
    public String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
        String resellerPartnerId) {
      calls.add(idempotencyKey);
      return "real";
    }

    @Override
    public void suspendSubscription(String idempotencyKey, String subscriptionId) {
      calls.add(idempotencyKey);
    }
  }

  @Test
  void theSwitchIsNotFoundWhenTheRealPartnerCenterIsInUse() throws Exception {
    RealClient real = new RealClient();
    MockMvc mvc = MockMvcBuilders.standaloneSetup(new PartnerCenterSimulationApiController(real))
        .setControllerAdvice(new ApiProblemHandler()).build();

    mvc.perform(get(PartnerCenterSimulationApiController.PATH).with(r -> { r.setRemoteUser("admin"); return r; }))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://partnerflow.io/problems/not-found"));
    mvc.perform(put(PartnerCenterSimulationApiController.PATH).with(r -> { r.setRemoteUser("admin"); return r; })
            .contentType(MediaType.APPLICATION_JSON).content("{\"failNext\":5}"))
        .andExpect(status().isNotFound());

    assertThat(real.calls).isEmpty();
  }
}
