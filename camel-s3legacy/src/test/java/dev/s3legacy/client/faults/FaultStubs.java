package dev.s3legacy.client.faults;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.util.function.Supplier;

/** WireMock scenarios: answer a sequence of responses, the last one for every request after it. */
final class FaultStubs {

    private FaultStubs() {
    }

    static void sequence(WireMockExtension wm, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
        String scenario = "seq-" + System.nanoTime();
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            ScenarioMappingBuilder m = request.get().inScenario(scenario).whenScenarioStateIs(state).willReturn(answers[i]);
            if (i < answers.length - 1) {
                m = m.willSetStateTo("step-" + (i + 1));
            }
            wm.stubFor(m);
        }
    }

    static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>REQ-" + code + "</RequestId></Error>";
    }
}
