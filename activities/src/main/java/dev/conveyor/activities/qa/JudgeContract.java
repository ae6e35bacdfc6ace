package dev.conveyor.activities.qa;

import dev.conveyor.activities.catalog.ModelRoute;
import dev.conveyor.workflow.model.QaVerdict;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.function.Function;

/**
 * What {@link QaJudge} needs to judge with an answer of type {@code T}: how the deterministic
 * checks' verdict becomes one, what the offline model answers, what a model judge is asked and how
 * its answer is read. A parser throws {@link IllegalArgumentException} naming what is wrong with an
 * answer, so that the chain asks again.
 *
 * @param offlineModel the offline model's name, for the call log
 * @param offlineFailure the call log's outcome of a failing offline answer
 * @param ofChecks the answer when the deterministic checks fail
 * @param offline the offline model's answer, given the passing checks' verdict
 * @param request what a model judge is asked, given its route (which names its provider)
 * @param parse reads a model judge's answer
 * @param verdict the verdict an answer carries
 * @param <T> the answer
 */
public record JudgeContract<T>(
    String offlineModel,
    String offlineFailure,
    Function<QaVerdict, T> ofChecks,
    Function<QaVerdict, T> offline,
    Function<ModelRoute, ChatRequest> request,
    Function<String, T> parse,
    Function<T, QaVerdict> verdict) {}
