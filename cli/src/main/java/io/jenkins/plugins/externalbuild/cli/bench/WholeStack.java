package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.RateBudgets;
import io.jenkins.plugins.externalbuild.engine.RestartLedger;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.time.Duration;
import java.util.Random;
import okhttp3.OkHttpClient;

/**
 * "Ours", run through the product's whole stack in virtual time: the real provider adapter (connected through
 * {@link ProviderRegistry} as the CLI does), its {@link HttpTransport} on an OkHttp client, rate-limit header
 * parsing ({@code RateSignal}, {@code RetryAfter}), the account budget from {@link RateBudgets}, the
 * {@link WaitEngine} and the {@link RestartLoop} — against a {@link SimulatedProvider} that answers in place of the
 * remote server (an OkHttp application interceptor, so no socket is opened and virtual time can run fast). Nothing
 * tells the budget the limit: it learns it from the answers, as against the real provider.
 */
final class WholeStack {

    private WholeStack() {
    }

    static Result run(Scenario scenario, Workload workload) {
        VirtualScheduler clock = new VirtualScheduler(Simulation.T0);
        long t0 = Simulation.T0.toEpochMilli();
        SimulatedProvider server = scenario.server(t0);
        HttpTransport.Settings settings = HttpTransport.Settings.defaults();
        OkHttpClient client = HttpTransport.clientBuilder(settings)
                .addInterceptor(chain -> server.answer(chain.request(), clock.millis())).build();
        // GET retries after a 502-504 pause in virtual time: none are simulated, so a pause is never asked for.
        ProviderContext context = new ProviderContext(client, settings, d -> { }, clock.clock(), new RateBudgets());
        Provider provider = ProviderRegistry.standard().type(server.providerId()).connect(server.settings(), context);
        java.util.concurrent.Executor sameThread = Runnable::run; // the io executor: the simulation runs on one thread in virtual time
        WaitEngine engine = new WaitEngine(clock, sameThread, new Random(workload.seed() + 31)::nextDouble);
        RestartLoop loop = new RestartLoop(engine, RestartLedger.none());
        WaitPolicy policy = WaitPolicy.defaults().withTimeout(Duration.ofMillis(Simulation.HORIZON_MILLIS))
                .withMaxQueued(Duration.ZERO);
        long[] latency = new long[workload.n()];
        int[] detected = {0};
        for (Workload.Build b : workload.builds()) {
            BuildRef ref = server.refOf(b);
            clock.schedule(() -> {
                RestartState state = scenario.restart() ? RestartState.forRestart(ref, clock.now(), policy)
                        : RestartState.forWait(ref, clock.now(), policy);
                if (b.expectedMillis() > 0) {
                    state = state.withWait(state.waitState().withExpected(Duration.ofMillis(b.expectedMillis())));
                }
                loop.start(state, scenario.restart() ? RestartPolicy.once(RestartMode.FAILED)
                        : RestartPolicy.waitOnly(RestartPolicy.OnAbort.LEAVE), policy, provider,
                        (RestartLoop.Listener) outcome -> {
                            if (outcome.result() == RestartOutcome.Result.SUCCEEDED
                                    || outcome.result() == RestartOutcome.Result.FAILED) {
                                latency[detected[0]++] = clock.millis() - (t0 + b.end() + server.offset(b));
                            }
                        });
            }, Duration.ofMillis(b.waitStart()));
        }
        clock.run(t0 + Simulation.HORIZON_MILLIS);
        return Result.of(scenario.name(), workload.n(), "ours", server.limiter.accepted + server.limiter.rejected,
                server.limiter.rejected, latency, detected[0], workload.n() - detected[0]);
    }
}
