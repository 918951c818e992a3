"""The context enhancer the detector gives Presidio: the same scores as Presidio's own."""

from __future__ import annotations

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from chatveil import Guard

_TEXTS = [
    "my ssn is 078-05-1120 and the website is example.org/profile, ip 10.1.2.3",
    "Call Maria Lopez at +1 415 555 0100 or write to maria@example.com; card 4111 1111 1111 1111",
    "social security number 078 05 1120, visit https://acme.example.com/login?u=maria",
    "Nothing to see here.",
]


def _key(results: list) -> list[tuple[str, int, int, float]]:
    return sorted((r.entity_type, r.start, r.end, round(r.score, 6)) for r in results)


def test_the_enhancer_scores_what_presidios_scores(warm_guard: Guard) -> None:
    ours = warm_guard.detector.analyzer
    theirs = AnalyzerEngine(registry=ours.registry, nlp_engine=ours.nlp_engine,
                            supported_languages=ours.supported_languages,
                            context_aware_enhancer=LemmaContextAwareEnhancer())
    assert type(ours.context_aware_enhancer) is not LemmaContextAwareEnhancer
    boosted = False
    for text in _TEXTS:
        for context in (None, ["phone", "website"]):
            got = AnalyzerEngine.analyze(ours, text=text, language="en", context=context,
                                         return_decision_process=True)
            expected = theirs.analyze(text=text, language="en", context=context,
                                      return_decision_process=True)
            assert _key(got) == _key(expected)
            boosted = boosted or any(
                r.analysis_explanation is not None
                and r.analysis_explanation.supportive_context_word for r in got)
    assert boosted  # the texts exercise the enhancer: some score was raised by a context word
