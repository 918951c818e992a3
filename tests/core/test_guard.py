"""Pseudonymize + restore through the facade, on the fast fake detector (no spaCy)."""

from __future__ import annotations

import re

import pytest

from chatveil import (
    ConfigurationError,
    DetectionError,
    Guard,
    GuardConfig,
    MemoryVaultStore,
    UnknownSessionError,
    VaultCryptoError,
)
from chatveil.pseudonymize import RECALL_MIN_SCORE
from chatveil.spans import Span, resolve_overlaps
from chatveil.state import Entry
from fakes import SECRET, BrokenDetector, FakeDetector, fake_guard

PROFILE = (
    "Hi, I'm John Smith. Reach me at john.smith@acme-corp.com or +1 (415) 555-0132. "
    "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, SSN 536-32-3065, "
    "server 192.168.10.4, key sk-proj-abcdefghijklmnop1234."
)
ORIGINALS = [
    "John Smith",
    "john.smith@acme-corp.com",
    "+1 (415) 555-0132",
    "4111 1111 1111 1111",
    "DE89 3704 0044 0532 0130 00",
    "536-32-3065",
    "192.168.10.4",
    "sk-proj-abcdefghijklmnop1234",
]


def test_round_trip_restores_exactly_and_hides_every_original(guard: Guard) -> None:
    masked = guard.pseudonymize(PROFILE, session_id="u1")
    for original in ORIGINALS:
        assert original not in masked
    assert guard.restore(masked, session_id="u1") == PROFILE


def test_faker_surrogates_preserve_formats(guard: Guard) -> None:
    masked = guard.pseudonymize(PROFILE, session_id="u1")
    email = re.search(r"[\w.+-]+@[\w.-]+\.\w+", masked).group(0)
    assert email.endswith((".com", ".org", ".net")) and "@example." in email
    phone = re.search(r"\+1 \(\d{3}\) \d{3}-\d{4}", masked)
    assert phone is not None, "phone keeps its layout"
    card = re.search(r"\b4\d{3} \d{4} \d{4} \d{4}\b", masked).group(0)
    digits = [int(c) for c in card.replace(" ", "")]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2)
                for i, d in enumerate(reversed(digits)))
    assert total % 10 == 0, "card surrogate stays Luhn-valid"
    iban = re.search(r"\bDE\d{2}(?: \d{4}){4} \d{2}\b", masked).group(0)
    compact = iban.replace(" ", "")
    assert int("".join(str(int(c, 36)) for c in compact[4:] + compact[:4])) % 97 == 1


def test_same_original_same_surrogate_across_turns_and_distinct_originals(guard: Guard) -> None:
    a = guard.pseudonymize("Please email Maria Garcia today.", session_id="s")
    b = guard.pseudonymize("Did Maria Garcia answer? Also ask Peter Novak.", session_id="s")
    sur_maria = a.split("email ")[1].split(" today")[0]
    assert sur_maria in b
    sur_peter = b.split("ask ")[1].rstrip(".")
    assert sur_peter != sur_maria
    assert "Maria" not in a + b and "Novak" not in b


def test_partial_person_mentions_restore_to_matching_part(guard: Guard) -> None:
    masked = guard.pseudonymize("My name is John Smith.", session_id="p")
    first, last = masked.removeprefix("My name is ").rstrip(".").split()
    answer = f"Dear Mr {last}, {last}'s CV is great, {first}! {first.upper()} {last.upper()} rocks."
    assert guard.restore(answer, session_id="p") == (
        "Dear Mr Smith, Smith's CV is great, John! JOHN SMITH rocks."
    )


def test_session_recall_masks_known_names_where_ner_misses_them(guard: Guard) -> None:
    guard.pseudonymize("Hello, I am Alexandra Petrova from Sofia.", session_id="r")
    follow_up = "alexandra petrova again. Petrova here; ALEXANDRA is my first name."
    masked = guard.pseudonymize(follow_up, session_id="r")
    assert "alexandra" not in masked.lower() and "petrova" not in masked.lower()
    assert guard.restore(masked, session_id="r") == follow_up


def test_text_with_surrogates_is_not_pseudonymized_again(make_guard) -> None:
    for strategy in ("faker", "placeholder", "token"):
        g = make_guard(strategy=strategy)
        once = g.pseudonymize(PROFILE, session_id="x")
        assert g.pseudonymize(once, session_id="x") == once, strategy
        assert g.restore(once, session_id="x") == PROFILE, strategy


def test_placeholder_and_token_formats(make_guard) -> None:
    g = make_guard(strategy="placeholder")
    masked = g.pseudonymize("John Smith wrote to jane@example.org.", session_id="x")
    assert masked == "<PERSON_1> wrote to <EMAIL_1>."
    g = make_guard(strategy="token")
    masked = g.pseudonymize("John Smith wrote to jane@example.org.", session_id="x")
    assert re.fullmatch(r"\[PII_PERSON_[0-9a-f]{8}\] wrote to \[PII_EMAIL_[0-9a-f]{8}\]\.", masked)


def test_tokens_are_keyed_per_secret_not_a_bare_hash(make_guard) -> None:
    import hashlib

    text = "Write to jane@example.org."
    a = make_guard(strategy="token").pseudonymize(text, session_id="x")
    b = make_guard(strategy="token", secret_key=b"another-secret-key-123456789").pseudonymize(
        text, session_id="x")
    assert a != b
    for algo in ("md5", "sha1", "sha256"):
        assert hashlib.new(algo, b"jane@example.org").hexdigest()[:8] not in a


def test_redact_is_irreversible(make_guard) -> None:
    g = make_guard(strategy="redact")
    masked = g.pseudonymize("Write to jane@example.org.", session_id="x")
    assert masked == "Write to [REDACTED EMAIL]."
    assert g.restore(masked, session_id="x") == masked
    assert g.metrics()["redacted"] == {"EMAIL_ADDRESS": 1}


def test_per_entity_strategies(make_guard) -> None:
    g = make_guard(strategies={"EMAIL_ADDRESS": "placeholder", "PERSON": "token"})
    masked = g.pseudonymize("John Smith wrote to jane@example.org.", session_id="x")
    assert re.fullmatch(r"\[PII_PERSON_[0-9a-f]{8}\] wrote to <EMAIL_1>\.", masked)


def test_restore_tolerates_model_changes_to_tokens_and_counts_unknown(make_guard) -> None:
    g = make_guard(strategy="token")
    masked = g.pseudonymize("Mail jane@example.org now", session_id="x")
    token = re.search(r"\[PII_EMAIL_([0-9a-f]{8})\]", masked)
    mangled = f"[ pii_email {token.group(1).upper()} ] and [PII_EMAIL_deadbeef]"
    assert g.restore(mangled, session_id="x") == "jane@example.org and [PII_EMAIL_deadbeef]"
    assert g.metrics()["unrestored_tokens"] == 1
    g = make_guard(strategy="placeholder")
    g.pseudonymize("Mail jane@example.org now", session_id="x")
    assert g.restore("< email 1 >, <EMAIL_7>", session_id="x") == "jane@example.org, <EMAIL_7>"


def test_empty_unicode_and_other_scripts(guard: Guard) -> None:
    assert guard.pseudonymize("", session_id="x") == ""
    text = "张伟的电话是 +86 138 0013 8000 😀 — Ünïcødé ok"
    masked = guard.pseudonymize(text, session_id="x")
    assert "+86 138 0013 8000" not in masked and "😀" in masked
    assert guard.restore(masked, session_id="x") == text


def test_non_string_input_is_a_clear_type_error(guard: Guard) -> None:
    for bad in (None, 42, b"bytes", ["list"]):
        with pytest.raises(TypeError, match="expected str"):
            guard.pseudonymize(bad, session_id="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        guard.restore(None, session_id="x")  # type: ignore[arg-type]


def test_detection_failure_fails_closed() -> None:
    guard = fake_guard(BrokenDetector())
    with pytest.raises(DetectionError) as info:
        guard.pseudonymize("John Smith is here", session_id="x")
    assert "John" not in str(info.value) and info.value.__cause__ is None
    assert not guard.vault("x").entries  # nothing was pseudonymized


def test_unknown_session_and_forget(guard: Guard) -> None:
    with pytest.raises(UnknownSessionError, match="never-used"):
        guard.restore("text", session_id="never-used")
    masked = guard.pseudonymize("Call John Smith", session_id="f")
    assert guard.forget("f") is True
    with pytest.raises(UnknownSessionError):
        guard.restore(masked, session_id="f")
    assert guard.forget("f") is False


def test_no_cross_session_restore(guard: Guard) -> None:
    a = guard.pseudonymize("Call John Smith at +1 415 555 0132", session_id="alice")
    guard.pseudonymize("Call Maria Garcia", session_id="bob")
    assert guard.restore(a, session_id="bob") == a  # bob's vault knows nothing of alice's data


def test_session_context_manager(guard: Guard) -> None:
    with guard.session("ctx"):
        masked = guard.pseudonymize("Call John Smith")
        assert guard.restore(masked) == "Call John Smith"
    assert guard.has_session("ctx") and not guard.has_session("default")


def test_export_import_is_encrypted(guard: Guard, make_guard) -> None:
    masked = guard.pseudonymize(PROFILE, session_id="e")
    key = Guard.generate_key()
    blob = guard.export_session("e", key)
    for original in ORIGINALS:
        assert original.encode() not in blob
    other = make_guard()
    assert other.import_session("e2", blob, key) == len(ORIGINALS)
    assert other.restore(masked, session_id="e2") == PROFILE
    with pytest.raises(VaultCryptoError):
        other.import_session("e3", blob, Guard.generate_key())
    with pytest.raises(ConfigurationError):
        other.import_session("e3", blob, b"short")


def test_pseudonymize_record_keeps_shape(guard: Guard) -> None:
    record = {"name": "John Smith", "contact": {"emails": ["john@acme.io"], "phone": None},
              "years": 7, "remote": True, "skills": ("python", "sql")}
    masked = guard.pseudonymize_record(record, session_id="rec")
    assert masked["years"] == 7 and masked["remote"] is True and masked["contact"]["phone"] is None
    assert masked["skills"] == ("python", "sql")
    assert masked["name"] != "John Smith" and masked["contact"]["emails"][0] != "john@acme.io"
    assert guard.restore_record(masked, session_id="rec") == record
    with pytest.raises(TypeError, match="records may hold"):
        guard.pseudonymize_record({"x": object()}, session_id="rec")


def test_batch_matches_one_by_one(guard: Guard, make_guard) -> None:
    texts = ["John Smith called.", "Mail jane@example.org", "", "Nothing here.", "John Smith again"]
    batch = guard.pseudonymize_batch(texts, session_id="b", progress=True)
    single = make_guard()
    assert batch == [single.pseudonymize(t, session_id="b") for t in texts]
    assert batch[0].split(" called")[0] == batch[4].split(" again")[0]


def test_metrics_reprs_and_errors_hold_no_values(guard: Guard) -> None:
    masked = guard.pseudonymize(PROFILE, session_id="m")
    guard.restore(masked, session_id="m")
    m = guard.metrics()
    assert m["pseudonymized"]["PERSON"] >= 1 and m["restored"]["EMAIL_ADDRESS"] == 1
    vault = guard.vault("m")
    blob = " ".join([repr(guard), repr(guard.config), repr(m), repr(vault), repr(vault.entries),
                     repr(guard.stream_restorer("m")), repr(guard.detect(PROFILE))])
    for original in [*ORIGINALS, "John", "Smith"]:
        assert original not in blob


def test_config_validation_and_yaml(tmp_path) -> None:
    with pytest.raises(ConfigurationError, match="strategy"):
        GuardConfig(strategy="nope")
    with pytest.raises(ConfigurationError, match="between 0 and 1"):
        GuardConfig(score_thresholds={"PERSON": 2})
    with pytest.raises(ConfigurationError, match="unknown configuration"):
        GuardConfig.from_dict({"stratgy": "faker"})
    with pytest.raises(ConfigurationError, match="at least 16 bytes"):
        GuardConfig(secret_key=b"short")
    with pytest.raises(ConfigurationError):
        Guard(config=42)  # type: ignore[arg-type]
    path = tmp_path / "guard.yaml"
    path.write_text("strategy: placeholder\nentities: [PERSON, EMAIL_ADDRESS]\n"
                    "strategies: {EMAIL_ADDRESS: token}\nallow_list: [Python]\n")
    config = GuardConfig.from_yaml(path)
    assert config.strategy == "placeholder" and config.strategy_for("EMAIL_ADDRESS") == "token"
    assert config.entities == ("PERSON", "EMAIL_ADDRESS") and config.wants_instruction()
    with pytest.raises(ConfigurationError, match="cannot read"):
        GuardConfig.from_yaml(tmp_path / "missing.yaml")
    assert "secret" not in repr(GuardConfig(secret_key=b"x" * 32)).replace("secret_key=<set>", "")


def test_crowded_vault_still_finds_unique_person_surrogates(guard: Guard) -> None:
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(7)
    names = list(dict.fromkeys(f"{fake.first_name()} {fake.last_name()}" for _ in range(700)))
    texts = [f"Candidate: {name}." for name in names]
    masked = guard.pseudonymize_batch(texts, session_id="crowd")
    assert [guard.restore(m, session_id="crowd") for m in masked] == texts
    surrogates = [m.removeprefix("Candidate: ").rstrip(".") for m in masked]
    changed = [s for s, n in zip(surrogates, names, strict=True) if s != n]
    assert len(changed) >= 0.9 * len(names)  # NER finds most names in this template
    assert len(set(changed)) == len(changed)


def test_string_subclasses_are_accepted(guard: Guard) -> None:
    class Text(str):
        pass

    masked = guard.pseudonymize(Text("Call Jane Doe"), session_id="sub")
    assert type(masked) is str and "Jane" not in masked
    assert guard.restore(Text(masked), session_id="sub") == "Call Jane Doe"


def test_find_leaks_ignores_names_inside_surrogates(guard: Guard) -> None:
    text = "Dr. Jane Doe's address is 12 Baker Street, London; mail jane@doe.org."
    masked = guard.pseudonymize(text, session_id="fl")
    assert guard.find_leaks(masked, session_id="fl") == {}
    assert guard.find_leaks(masked) == {}  # any live session's surrogates count as masked
    assert guard.find_leaks(text, session_id="fl").get("EMAIL_ADDRESS") == 1
    assert guard.pseudonymize(masked, session_id="fl") == masked


def test_tally_counts_only_this_context(guard: Guard) -> None:
    import threading

    with guard.tally() as tally:
        masked = guard.pseudonymize("Call Jane Doe at jane@doe.org", session_id="ta")
        other = threading.Thread(
            target=lambda: guard.pseudonymize("Ask John Smith", session_id="tb"))
        other.start()
        other.join()
        guard.restore(masked + " [PII_EMAIL_00000000]", session_id="ta")
    assert tally.pseudonymized == {"PERSON": 1, "EMAIL_ADDRESS": 1}
    assert tally.restored == {"PERSON": 1, "EMAIL_ADDRESS": 1}
    assert tally.unrestored_tokens == 1
    assert guard.metrics()["pseudonymized"]["PERSON"] == 2


def test_surrogate_never_equals_another_name_in_the_same_text(make_guard) -> None:
    # find the name the faker strategy picks first for "Alexander Ivanov" in this session ...
    first = make_guard().pseudonymize("Alexander Ivanov", session_id="same-text")
    # ... and write a text where that very name is a real person too (same secret and session)
    text = f"Alexander Ivanov met {first} in the office yesterday."
    guard = make_guard()
    masked = guard.pseudonymize(text, session_id="same-text")
    assert first not in masked
    assert guard.restore(masked, session_id="same-text") == text


def test_recall_in_other_casings_keeps_the_casing(guard: Guard) -> None:
    first = guard.pseudonymize("Hi, I'm Maria Lopez.", session_id="case")
    fake_first, fake_last = first.removeprefix("Hi, I'm ").rstrip(".").split()
    masked = guard.pseudonymize("MARIA and lopez said hi", session_id="case")
    assert masked == f"{fake_first.upper()} and {fake_last.lower()} said hi"
    assert guard.restore(masked, session_id="case") == "MARIA and lopez said hi"


def test_names_that_are_words_are_recalled_only_capitalised(guard: Guard) -> None:
    guard.pseudonymize("I will meet Will Smith tomorrow.", session_id="will")
    masked = guard.pseudonymize("I will call. Will agreed.", session_id="will")
    assert masked.startswith("I will call. ") and "Will agreed" not in masked




class _GuessingDetector(FakeDetector):
    """The fake detector, plus "quokka" as a weak person guess (score 0.45, as the name rules
    give one unknown word of an all-lower-case line) wherever it is lower case, and a
    confident one (0.85) after "my friend"."""

    def detect(self, text: str) -> list[Span]:
        spans = super().detect(text)
        for m in re.finditer(r"\bquokka\b", text):
            spans.append(Span(m.start(), m.end(), "PERSON", 0.45))
        for m in re.finditer(r"(?<=my friend )Quokka\b", text):
            spans.append(Span(m.start(), m.end(), "PERSON", 0.85))
        return resolve_overlaps(spans)


def test_recall_learns_only_from_confident_detections() -> None:
    assert RECALL_MIN_SCORE == 0.6
    guard = fake_guard(_GuessingDetector())
    first = guard.pseudonymize("the quokka sat on the mat", session_id="weak")
    assert "quokka" not in first  # the guess itself is masked where it was made
    assert guard.restore(first, session_id="weak") == "the quokka sat on the mat"
    # a later turn where the word is no name (nothing detects it): a weak guess is not recalled
    later = "Quokka is a small marsupial. Quokka facts, please."
    assert guard.pseudonymize(later, session_id="weak") == later
    strict = fake_guard(_GuessingDetector(), strict=True)
    strict.pseudonymize("the quokka sat on the mat", session_id="s")
    assert strict.pseudonymize(later, session_id="s") == later  # no PIILeakError either


def test_a_confident_detection_confirms_a_weak_guess() -> None:
    guard = fake_guard(_GuessingDetector())
    guard.pseudonymize("the quokka sat on the mat", session_id="confirm")
    guard.pseudonymize("This is my friend Quokka.", session_id="confirm")
    masked = guard.pseudonymize("Quokka called again.", session_id="confirm")
    assert "Quokka" not in masked  # recalled now
    assert guard.restore(masked, session_id="confirm") == "Quokka called again."


def test_a_weak_guess_is_not_recalled_on_another_worker_either() -> None:
    # two workers sharing one store: the mark travels with the entry, not with the process
    store = MemoryVaultStore()
    first = Guard(GuardConfig(secret_key=SECRET), detector=_GuessingDetector(), vault_store=store)
    other = Guard(GuardConfig(secret_key=SECRET), detector=_GuessingDetector(), vault_store=store)
    masked = first.pseudonymize("the quokka sat on the mat", session_id="w")
    assert other.restore(masked, session_id="w") == "the quokka sat on the mat"
    later = "Quokka is a small marsupial."
    assert other.pseudonymize(later, session_id="w") == later
    assert [e.weak for e in other.vault("w").entries] == [True]
    # a confident detection on the other worker confirms it there
    other.pseudonymize("This is my friend Quokka.", session_id="w")
    assert "Quokka" not in other.pseudonymize("Quokka called again.", session_id="w")


def test_the_weak_mark_survives_export_and_import() -> None:
    entry = Entry("quokka", "Maria", "PERSON", weak=True)
    assert entry.to_dict()["w"] is True
    assert Entry.from_dict(entry.to_dict()) == entry
    assert "w" not in Entry("a", "b", "PERSON").to_dict()
    with pytest.raises(ValueError):
        Entry.from_dict({**entry.to_dict(), "w": "yes"})


def test_confident_detections_are_recalled_as_before() -> None:
    guard = fake_guard(_GuessingDetector())
    guard.pseudonymize("Hello, I am Alexandra Petrova.", session_id="strong")
    masked = guard.pseudonymize("petrova again", session_id="strong")
    assert "petrova" not in masked.casefold()
