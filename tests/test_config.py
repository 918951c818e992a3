"""GuardConfig validation: every mistake fails when the config is built, clearly and quietly.

Each invalid option raises ConfigurationError naming the option, never echoing the value.
No test here loads the spaCy model.
"""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

from chatveil import GuardConfig
from chatveil.config import _OPTIONS, DEFAULT_ENTITIES, KNOWN_ENTITIES, STRATEGIES
from chatveil.errors import ConfigurationError

OPTIONS = [f.name for f in dataclasses.fields(GuardConfig)]
SECRET = "Zaphod Beeblebrox, 4111 1111 1111 1111"  # stands for a value that must never leak


def employee_recognizer(language: str = "en", entity: str = "EMPLOYEE_ID") -> PatternRecognizer:
    return PatternRecognizer(supported_entity=entity, supported_language=language,
                             patterns=[Pattern("employee id", r"\bEMP-\d{6}\b", 0.9)])


class NoTypes(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=[], name="no-types")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        return []


def build_error(**options: Any) -> str:
    with pytest.raises(ConfigurationError) as info:
        GuardConfig(**options)
    return str(info.value)


def assert_quiet(message: str, value: Any) -> None:
    """The message shows neither the value's repr nor, for text of 4+ chars, the text."""
    if value is not None:  # None is named as a type: "(got None)"
        assert repr(value) not in message
    if isinstance(value, str) and len(value) >= 4:
        assert value not in message


# ---------------------------------------------------------------------- the rule table
def test_every_option_has_a_validator() -> None:
    assert set(_OPTIONS) == set(OPTIONS)


def test_known_entities() -> None:
    assert set(DEFAULT_ENTITIES) <= KNOWN_ENTITIES
    assert {"URL", "ORGANIZATION", "DATE_TIME"} <= KNOWN_ENTITIES


def test_every_known_entity_is_detected_by_a_default_recognizer() -> None:
    # a type in KNOWN_ENTITIES that no recognizer supports would pass validation, then never
    # be detected: exactly the silent failure validation exists to prevent
    from chatveil.detect.recognizers import default_recognizers

    supported = {e for r in default_recognizers() for e in r.supported_entities}
    assert supported >= KNOWN_ENTITIES


# ---------------------------------------------------------------------- invalid values
BOOL_OPTIONS = ["skip_code_blocks", "skip_urls", "skip_file_paths", "session_recall", "strict"]

INVALID: list[tuple[str, Any]] = [
    *[(name, junk) for name in BOOL_OPTIONS for junk in ("false", "true", 0, 1, None, [])],
    *[("instruction", junk) for junk in ("false", 0, 1, "null")],
    # numbers: bool is not a number, NaN never is, infinity only for vault_ttl (= None)
    *[("score_threshold", junk) for junk in (True, math.nan, math.inf, -0.1, 1.5, "0.5")],
    *[("cache_ttl", junk) for junk in (True, math.nan, math.inf, -1, "3600", None)],
    *[("vault_ttl", junk) for junk in (True, math.nan, -math.inf, 0, -5, "1 day")],
    *[(name, junk) for name in ("cache_size", "max_sessions", "max_chunk_chars")
      for junk in (True, False, 0, -1, 10.0, "1000", math.nan, None)],
    *[("chunk_overlap", junk) for junk in (-1, 1.5, False, "300")],
    # strings
    *[("language", junk) for junk in ("english", "", "e n", "EN", 1, None)],
    *[("spacy_model", junk) for junk in ("", "   ", None, 3, b"en_core_web_sm")],
    *[("strategy", junk) for junk in ("tokens", "FAKER", "", None, 1, ["token"])],
    *[("secret_key", junk) for junk in (b"short", "short-secret", 1234567890123456789012,
                                        "env:not a variable name", ["0123456789abcdef01"],
                                        "\ud800" * 20)],
    # entity types
    *[("entities", junk) for junk in (["EMAIL"], "PERSON", [], ["PERSON", ""], [42],
                                      ["MY_SECRET_TYPE"], {"PERSON": 1}, None)],
    *[("strategies", junk) for junk in ({"EMAIL": "token"}, {"PERSON": "tokenize"},
                                        {"PERSON": ["token"]}, ["token"], {1: "token"},
                                        {"person": "token", "PERSON": "faker"}, "token")],
    *[("score_thresholds", junk) for junk in ({"LOCATON": 0.5}, {"PERSON": "high"},
                                              {"PERSON": math.nan}, {"PERSON": True},
                                              {"PERSON": 2})],
    # lists of values (which may be personal data: never echoed)
    *[("allow_list", junk) for junk in (SECRET, [None], ["  "], [SECRET, 3], {SECRET: 1})],
    *[("deny_list", junk) for junk in ({"PERSON": SECRET}, {SECRET: ["PERSON"]}, [SECRET],
                                       {"PERSON": [""]}, {"PERSON": [SECRET, None]})],
    # recognizers
    *[("custom_recognizers", junk) for junk in ([object()], "EmployeeIdRecognizer",
                                                [SECRET], employee_recognizer(), [NoTypes()],
                                                [employee_recognizer(entity="employee_id")],
                                                [employee_recognizer(language="de")])],
]


# ids by position: reprs of objects differ between xdist workers
@pytest.mark.parametrize(("option", "value"), INVALID, ids=[f"{o}-{i}" for i, (o, _) in
                                                            enumerate(INVALID)])
def test_invalid_value_names_the_option_not_the_value(option: str, value: Any) -> None:
    message = build_error(**{option: value})
    assert option in message
    assert_quiet(message, value)
    assert SECRET not in message


@pytest.mark.parametrize(("option", "value"), [
    (o, v) for o, v in INVALID if o != "custom_recognizers"
])
def test_invalid_values_fail_in_from_dict_and_replace(option: str, value: Any) -> None:
    for build in (lambda: GuardConfig.from_dict({option: value}),
                  lambda: GuardConfig().replace(**{option: value})):
        with pytest.raises(ConfigurationError, match=option) as info:
            build()
        assert_quiet(str(info.value), value)


def test_cross_option_rules() -> None:
    assert "max_chunk_chars" in build_error(max_chunk_chars=1000, chunk_overlap=500)
    assert "chunk_overlap" in build_error(max_chunk_chars=1000, chunk_overlap=500)
    # a custom type is known only while its recognizer is configured
    config = GuardConfig(custom_recognizers=[employee_recognizer()],
                         entities=["EMPLOYEE_ID"], strategies={"EMPLOYEE_ID": "token"})
    with pytest.raises(ConfigurationError, match="entities"):
        config.replace(custom_recognizers=())
    # a recognizer for another language would never run
    message = build_error(language="de", custom_recognizers=[employee_recognizer("en")])
    assert "custom_recognizers[0]" in message and "language" in message


# ---------------------------------------------------------------------- suggestions
@pytest.mark.parametrize(("typo", "meant"), [
    ("EMAIL", "EMAIL_ADDRESS"), ("email", "EMAIL_ADDRESS"), ("phone", "PHONE_NUMBER"),
    ("SSN", "US_SSN"), ("CARD", "CREDIT_CARD"), ("IP", "IP_ADDRESS"), ("IBAN", "IBAN_CODE"),
    ("LOCATON", "LOCATION"), ("ORG", "ORGANIZATION"), ("PERSONS", "PERSON"),
])
def test_unknown_entity_type_suggests_the_closest(typo: str, meant: str) -> None:
    for options in ({"entities": [typo]}, {"strategies": {typo: "token"}},
                    {"score_thresholds": {typo: 0.5}}):
        message = build_error(**options)
        assert next(iter(options)) in message and "not a known entity type" in message
        assert f"did you mean {meant!r}?" in message


def test_unknown_entity_type_without_a_close_match_lists_the_known_ones() -> None:
    message = build_error(entities=["PERSON", "QWERTZUIOP"])
    assert "entities[1]" in message and "QWERTZUIOP" not in message
    assert all(name in message for name in KNOWN_ENTITIES)


@pytest.mark.parametrize(("typo", "meant"), [
    ("stratgey", "strategy"), ("stratgies", "strategies"), ("entitys", "entities"),
    ("secretkey", "secret_key"), ("scoreThreshold", "score_threshold"), ("vault_tll", "vault_ttl"),
])
def test_misspelt_option_suggests_the_closest(typo: str, meant: str) -> None:
    builds = [lambda: GuardConfig(**{typo: "token"}),
              lambda: GuardConfig.from_dict({typo: "token"}),
              lambda: GuardConfig().replace(**{typo: "token"})]
    for build in builds:
        with pytest.raises(ConfigurationError) as info:
            build()
        assert not isinstance(info.value, TypeError)
        assert f"unknown configuration option(s): {typo} (did you mean {meant!r}?)" in str(
            info.value)


def test_odd_option_names_and_positions() -> None:
    with pytest.raises(ConfigurationError, match="not an option name") as info:
        GuardConfig.from_dict({SECRET: 1})
    assert SECRET not in str(info.value)
    with pytest.raises(ConfigurationError, match="not an option name"):
        GuardConfig.from_dict({1: "token"})
    with pytest.raises(ConfigurationError, match="language is given twice"):
        GuardConfig("en", language="de")
    with pytest.raises(ConfigurationError, match="at most"):
        GuardConfig(*range(len(OPTIONS) + 1))
    with pytest.raises(ConfigurationError, match="mapping"):
        GuardConfig.from_dict(["strategy", "token"])  # type: ignore[arg-type]


# ---------------------------------------------------------------------- valid options
VALID: list[dict[str, Any]] = [
    {},
    {"language": "de", "spacy_model": "de_core_news_sm"},
    {"language": "pt-BR"},
    {"entities": ["person", "EMAIL_ADDRESS", "URL", "ORGANIZATION", "DATE_TIME"]},
    {"entities": ("PERSON",), "strategies": {"CREDIT_CARD": "token"}},  # known, not detected
    {"score_threshold": 0, "score_thresholds": {"person": 1, "LOCATION": 0.55}},
    {"strategy": "redact", "strategies": {"EMAIL_ADDRESS": "placeholder", "PERSON": "faker"}},
    {"allow_list": ["Python", "Docker"], "deny_list": {"person": ["Zaphod"],
                                                      "PROJECT_CODE": ["Falcon"]}},
    {"entities": ["PROJECT_CODE"], "deny_list": {"PROJECT_CODE": ["Falcon"]},
     "strategies": {"project_code": "token"}},
    dict.fromkeys(BOOL_OPTIONS, True),
    {"instruction": False}, {"instruction": True}, {"instruction": None},
    {"secret_key": b"k" * 16}, {"secret_key": "a text key of 16+"}, {"secret_key": None},
    {"secret_key": bytearray(b"k" * 32)},
    {"cache_ttl": 0, "cache_size": 1, "vault_ttl": None, "max_sessions": 1},
    {"vault_ttl": 0.5}, {"vault_ttl": math.inf},
    {"max_chunk_chars": 2_000, "chunk_overlap": 0}, {"max_chunk_chars": 3, "chunk_overlap": 1},
    {"custom_recognizers": [employee_recognizer()], "entities": ["EMPLOYEE_ID", "PERSON"],
     "score_thresholds": {"EMPLOYEE_ID": 0.8}},
    {"language": "de", "custom_recognizers": (employee_recognizer("de"),)},
]


@pytest.mark.parametrize("options", VALID, ids=[",".join(o) or "defaults" for o in VALID])
def test_valid_options_build_and_survive_replace(options: dict[str, Any]) -> None:
    config = GuardConfig(**options)
    assert config.replace() == config
    assert dataclasses.replace(config) == config
    if "custom_recognizers" not in options:
        assert GuardConfig.from_dict(options) == config


def test_values_are_normalized() -> None:
    config = GuardConfig(entities=["person", "email_address"], strategies={"person": "token"},
                         score_thresholds={"location": 1}, deny_list={"person": ["Zaphod"]},
                         allow_list=["Python"], secret_key="a text key of 16+", vault_ttl=math.inf,
                         cache_ttl=60)
    assert config.entities == ("PERSON", "EMAIL_ADDRESS")
    assert config.strategies == {"PERSON": "token"} and config.strategy_for("PERSON") == "token"
    assert config.score_thresholds == {"LOCATION": 1.0}
    assert isinstance(config.score_thresholds["LOCATION"], float)
    assert config.deny_list == {"PERSON": ("Zaphod",)} and config.allow_list == ("Python",)
    assert config.secret_key == b"a text key of 16+"
    assert config.vault_ttl is None and config.cache_ttl == 60.0
    with pytest.raises(TypeError):  # normalized maps are read-only
        config.strategies["EMAIL_ADDRESS"] = "faker"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.strict = True  # type: ignore[misc]


def test_secret_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATVEIL_TEST_KEY", "a-key-from-the-environment")
    assert GuardConfig(secret_key="env:CHATVEIL_TEST_KEY").secret_key == \
        b"a-key-from-the-environment"
    monkeypatch.delenv("CHATVEIL_TEST_KEY")
    message = build_error(secret_key="env:CHATVEIL_TEST_KEY")
    assert "secret_key" in message and "unset environment variable CHATVEIL_TEST_KEY" in message
    monkeypatch.setenv("CHATVEIL_TEST_KEY", "short")
    assert "at least 16 bytes" in build_error(secret_key="env:CHATVEIL_TEST_KEY")


def test_repr_shows_no_key_and_no_list_values() -> None:
    config = GuardConfig(secret_key=b"s3cr3t-key-material-0123456789", allow_list=["Acme Rockets"],
                         deny_list={"PERSON": ["Zaphod Beeblebrox"]})
    text = repr(config)
    for hidden in ("s3cr3t", "Acme Rockets", "Zaphod"):
        assert hidden not in text
    assert "secret_key=<set>" in text and "allow_list=<1 item(s)>" in text


def test_building_a_config_does_not_import_presidio() -> None:
    code = ("import sys\nfrom chatveil import GuardConfig\n"
            "GuardConfig(entities=['PERSON'], strategies={'PERSON': 'token'})\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('presidio_analyzer', 'spacy', 'yaml')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------------- YAML
def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "chatveil.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_valid_file(tmp_path: Path) -> None:
    config = GuardConfig.from_yaml(write(tmp_path, (
        "entities: [PERSON, email_address, URL]\nstrategy: placeholder\n"
        "strategies: {EMAIL_ADDRESS: token}\nstrict: true\ninstruction: null\nvault_ttl: .inf\n"
        "score_thresholds: {PERSON: 1}\n"
    )))
    assert config.entities == ("PERSON", "EMAIL_ADDRESS", "URL") and config.strict is True
    assert config.vault_ttl is None and config.score_thresholds == {"PERSON": 1.0}
    assert GuardConfig.from_yaml(write(tmp_path, "")) == GuardConfig()


@pytest.mark.parametrize(("text", "option"), [
    ('strict: "false"\n', "strict"),                 # quoted: a string, not a boolean
    ("skip_urls: 0\n", "skip_urls"),
    ("cache_ttl: .nan\n", "cache_ttl"),
    ("cache_ttl: .inf\n", "cache_ttl"),
    ("cache_size: yes\n", "cache_size"),              # YAML 1.1: yes is true
    ("max_sessions: 1e4\n", "max_sessions"),          # PyYAML reads 1e4 as a string
    ("entities: [EMAIL]\n", "entities"),
    ("entities: PERSON\n", "entities"),
    ("strategies: {EMAIL: token}\n", "strategies"),
    ("stratgey: token\n", "stratgey"),
    ("deny_list: {PERSON: Zaphod Beeblebrox}\n", "deny_list"),
    ("secret_key: 1234567890123456789\n", "secret_key"),
])
def test_yaml_mistakes(tmp_path: Path, text: str, option: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        GuardConfig.from_yaml(write(tmp_path, text))
    message = str(info.value)
    assert option in message
    value = text.split(":", 1)[1].strip().strip('"')
    if len(value) >= 4:
        assert value not in message


def test_yaml_key_given_twice(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"strategy appears twice.*line 2"):
        GuardConfig.from_yaml(write(tmp_path, "strategy: token\nstrategy: faker\n"))
    with pytest.raises(ConfigurationError, match=r"PERSON appears twice.*line 3"):
        GuardConfig.from_yaml(write(tmp_path, "deny_list:\n  PERSON: [A]\n  PERSON: [B]\n"))
    with pytest.raises(ConfigurationError, match="a key appears twice") as info:
        GuardConfig.from_yaml(write(tmp_path, f"deny_list:\n  {SECRET}: [a]\n  {SECRET}: [b]\n"))
    assert "Zaphod" not in str(info.value)


def test_yaml_syntax_error_does_not_quote_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "strategy: token\nsecret_key: 's3cr3t-key-material-0123\n  [\n")
    with pytest.raises(ConfigurationError, match="invalid YAML") as info:
        GuardConfig.from_yaml(path)
    assert "s3cr3t" not in str(info.value) and "line" in str(info.value)
    with pytest.raises(ConfigurationError, match="mapping"):
        GuardConfig.from_yaml(write(tmp_path, "- strategy\n- token\n"))
    with pytest.raises(ConfigurationError, match="cannot come from a file"):
        GuardConfig.from_yaml(write(tmp_path, "custom_recognizers: []\n"))


# ---------------------------------------------------------------------- property
VOCAB = sorted(KNOWN_ENTITIES | STRATEGIES | {"EMPLOYEE_ID", "en", "de", "pt-BR"})
RECOGNIZER = employee_recognizer()
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.binary(),
    st.sampled_from(VOCAB), st.just(RECOGNIZER), st.just(object()),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(VOCAB)), inner,
                        max_size=4),
    ),
    max_leaves=8,
)


def text_leaves(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in text_leaves(k) + text_leaves(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in text_leaves(v)]
    return []


def check_build(build: Any, values: list[Any]) -> None:
    """Either a valid config or a ConfigurationError that shows none of the junk text."""
    try:
        config = build()
    except ConfigurationError as exc:
        message = str(exc)
        for leaf in (s for v in values for s in text_leaves(v)):
            if len(leaf) >= 4 and leaf not in VOCAB:
                assert repr(leaf) not in message
    else:
        assert config.replace() == config  # what was accepted is valid as stored


@pytest.mark.parametrize("option", OPTIONS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=junk)
def test_junk_values_build_or_raise_configuration_error(option: str, value: Any) -> None:
    check_build(lambda: GuardConfig(**{option: value}), [value])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(st.sampled_from([o for o in OPTIONS if o != "custom_recognizers"]),
                            junk, max_size=4))
def test_junk_mappings_build_or_raise_configuration_error(data: dict[str, Any]) -> None:
    check_build(lambda: GuardConfig.from_dict(data), list(data.values()))
