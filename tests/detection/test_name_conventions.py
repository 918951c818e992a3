"""Names that conventions of forms and chat point at: the ticket form "SURNAME/GIVEN", the
name after "s/o" / "d/o" / "w/o", a name before an honorific written after it, a name that
opens a line and asks someone something, an ``@mention`` that speaks to someone, a name in
capitals after a title, and a field value that ends at a wide gap. Written for these tests;
none of these sentences is in an evaluation set or in ``benchmarks/probe_templates.txt``."""

from __future__ import annotations

import re

import pytest

from chatveil import Guard
from chatveil.detect.recognizers.evidence import NameEvidenceRecognizer
from detected import persons

EVIDENCE = NameEvidenceRecognizer()


def found(guard: Guard, text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.entity_type) for s in guard.detect(text)]



def masked_words(guard: Guard, text: str, session: str) -> set[str]:
    """The words of ``text`` that reach the model, after checking the round trip."""
    out = guard.pseudonymize(text, session_id=session)
    assert guard.restore(out, session_id=session) == text
    return set(re.findall(r"[^\W_]+(?:-[^\W_]+)*", out))


def by_rule(text: str, rule: str) -> list[str]:
    """What the name evidence recognizer's ``rule`` found in ``text``."""
    results = EVIDENCE.analyze(text, ["PERSON", "LOCATION"])
    return [text[r.start:r.end] for r in results
            if (r.recognition_metadata or {}).get("chatveil_rule") == rule]


@pytest.mark.parametrize("text, names", [
    ("Boarding pass: OYELARAN/FUNMILAYO MRS, gate 22", ["OYELARAN", "FUNMILAYO"]),
    ("PNR K7QX2 – NGUYEN/THANH TUNG, seat 31A", ["NGUYEN", "THANH TUNG"]),
    ("e-ticket issued to van der linde/marieke yesterday", ["van der linde", "marieke"]),
])
def test_a_ticket_name_surname_slash_given_is_masked(warm_guard: Guard, text: str,
                                                      names: list[str]) -> None:
    people = persons(warm_guard, text)
    for name in names:
        assert any(name in p for p in people), (name, people)


@pytest.mark.parametrize("text", [
    "Our TCP/IP and CI/CD docs cover read/write access and/or input/output.",
    "Fly SFO/LAX, then LHR/JFK; prices in GBP/USD and EUR/CHF.",
    "Pick YES/NO, PASS/FAIL or N/A; he/she and his/her; the CLIENT/SERVER split.",
    "Compare HTML/CSS with NGINX/APACHE on DEV/PROD; the BERLIN/MUNICH route.",
])
def test_slashed_words_that_name_no_one_stay(warm_guard: Guard, text: str) -> None:
    assert not persons(warm_guard, text)


@pytest.mark.parametrize("text, name", [
    ("Affidavit of Bilal Hussain s/o Ghulam Mustafa, resident of Multan", "Ghulam Mustafa"),
    ("Nominee: Shabana Parveen W/O Arshad Mehmood", "Arshad Mehmood"),
    ("beneficiary rukhsana d/o abdul sattar, cnic attached", "abdul sattar"),
])
def test_the_name_after_son_daughter_wife_of_is_masked(warm_guard: Guard, text: str,
                                                        name: str) -> None:
    words = masked_words(warm_guard, text, f"kin-{len(text)}")
    assert not set(name.split()) & words
    assert not any(w.endswith(("/O", "/o")) for w in
                   warm_guard.pseudonymize(text, session_id="kin-x").split() if len(w) > 3)


@pytest.mark.parametrize("text, name", [
    ("please forward the file to Qureshi sahib today", "Qureshi"),
    ("ask Farooq bhai if the van is free", "Farooq"),
    ("thank Iqbal ji for the sweets", "Iqbal"),
    ("Watanabe san approved the budget", "Watanabe"),
])
def test_a_name_before_an_honorific_is_masked(warm_guard: Guard, text: str, name: str) -> None:
    assert name not in masked_words(warm_guard, text, f"hon-{name}")


@pytest.mark.parametrize("text, name", [
    ("OLUWASEUN WHERE ARE YOU?? the bus is leaving", "OLUWASEUN"),
    ("thandiwe can you send the slides", "thandiwe"),
    ("Mehrnaz, did you lock the office?", "Mehrnaz"),
])
def test_a_name_that_opens_a_line_and_asks_is_masked(warm_guard: Guard, text: str,
                                                      name: str) -> None:
    assert name not in masked_words(warm_guard, text, f"ask-{name}")


@pytest.mark.parametrize("text", [
    "Python where are you installed from?",
    "HELP WHERE ARE YOU GETTING THIS ERROR",
    "Kubernetes, can you believe it crashed again",
])
def test_a_word_that_opens_a_question_is_no_name(warm_guard: Guard, text: str) -> None:
    assert not persons(warm_guard, text)


@pytest.mark.parametrize("text, handle", [
    ("@tendai are you on call tonight?", "tendai"),
    ("@gulnara: merged, thanks", "gulnara"),
    ("standup notes\n@yerlan pls update the ticket", "yerlan"),
    ("thanks @mirela!", "mirela"),
])
def test_a_mention_that_speaks_to_someone_is_masked(warm_guard: Guard, text: str,
                                                     handle: str) -> None:
    assert (handle, "USERNAME") in found(warm_guard, text)
    out = warm_guard.pseudonymize(text, session_id=f"at-{handle}")
    assert handle not in out and "@" in out
    assert warm_guard.restore(out, session_id=f"at-{handle}") == text


@pytest.mark.parametrize("text", [
    "@here are you all on the call?",
    "@channel: deploy at 5",
    "@property\ndef total(self):\n    return 1",
    "@Override public void run() {}",
    "  * @param i the index",
    "@media screen and (max-width: 600px)",
])
def test_mentions_of_groups_and_code_annotations_stay(warm_guard: Guard, text: str) -> None:
    assert not found(warm_guard, text)


def test_a_name_in_capitals_after_a_title_is_masked(warm_guard: Guard) -> None:
    text = "Seen today by Dr OKONKWO-BELLO, follow up in 2 weeks."
    assert "OKONKWO-BELLO" not in warm_guard.pseudonymize(text, session_id="title-caps")


def test_a_field_value_ends_at_a_wide_gap(warm_guard: Guard) -> None:
    text = "WITNESS: HENDRIKA VAN DER POEL   ID: on file"
    people = persons(warm_guard, text)
    assert people == ["HENDRIKA VAN DER POEL"]


def test_go_channels_leave_chan_the_family_name_alone(warm_guard: Guard) -> None:
    text = "Referred by Dr Chan after the scan."
    assert "Chan" not in warm_guard.pseudonymize(text, session_id="chan")


@pytest.mark.parametrize("text, name", [
    ("CHIDERA!!! the cake is here", "CHIDERA"),
    ("TENDAI!! guess what happened", "TENDAI"),
])
def test_a_name_called_out_at_the_start_of_a_line_is_masked(warm_guard: Guard, text: str,
                                                             name: str) -> None:
    assert name not in masked_words(warm_guard, text, f"out-{name}")


@pytest.mark.parametrize("text", [
    "URGENT!!! the server is down",
    "OMG!!! so cute",
    "Wow! that was fast",
])
def test_a_word_called_out_that_is_no_name_stays(warm_guard: Guard, text: str) -> None:
    assert not persons(warm_guard, text)


@pytest.mark.parametrize("text, name", [
    ("I, NOMVULA DLAMINI, of sound mind, declare this my last will.", "NOMVULA DLAMINI"),
    ("I, VIENNA OKORO, hereby declare that the above is true.", "VIENNA OKORO"),
    ("I, Bogdan Horvat, authorise the release of my records.", "Bogdan Horvat"),
])
def test_the_writer_named_after_i_comma_is_a_person(text: str, name: str) -> None:
    assert by_rule(text, "i-comma") == [name]


@pytest.mark.parametrize("text", ["I, for one, agree.", "I, however, disagree with the plan."])
def test_an_aside_after_i_comma_stays(warm_guard: Guard, text: str) -> None:
    assert not found(warm_guard, text)
    assert by_rule(text, "i-comma") == []


@pytest.mark.parametrize("text, names", [
    ("Uncle Sunny and Aunty Precious are visiting on Sunday", ["Sunny", "Precious"]),
    ("Uncle Harsh is driving us to the airport", ["Harsh"]),
])
def test_a_name_after_a_kinship_title_is_masked(warm_guard: Guard, text: str,
                                                names: list[str]) -> None:
    assert set(names).isdisjoint(masked_words(warm_guard, text, f"kin-title-{names[0]}"))


@pytest.mark.parametrize("text, name", [
    ("hi all, i'm oyelaran, 19, from ibadan, looking for a study buddy", "oyelaran"),
    ("i'm gemma, 31 and new here", "gemma"),
])
def test_a_name_before_an_age_after_i_am_is_a_person(text: str, name: str) -> None:
    assert by_rule(text, "intro-age") == [name]


@pytest.mark.parametrize("text", ["Hi, I'm fine, 20 minutes late", "I'm single, 34, from Texas"])
def test_a_state_before_a_number_after_i_am_is_no_name(warm_guard: Guard, text: str) -> None:
    assert not persons(warm_guard, text)
    assert by_rule(text, "intro-age") == []


def test_a_known_given_name_owning_something_is_masked(warm_guard: Guard) -> None:
    text = "per Harsh's review, I renamed the module"
    assert "Harsh" not in masked_words(warm_guard, text, "possessor")


def test_owners_that_are_no_people_stay(warm_guard: Guard) -> None:
    text = "Apple's stock rose; see May's numbers and Python's docs."
    assert not persons(warm_guard, text)


@pytest.mark.parametrize("text", [
    "DEPLOY!!! the pipeline is green again",
    "NOTE!! backups run at midnight",
    "Kubernetes where are you hosting the cluster?",
    "Terraform, can you believe the state file broke again",
    "RELEASE/HOTFIX branches are protected",
    "Set the FOO/BAR variables in .env and restart",
    "Supported: MySQL/PostgreSQL/SQLite, Linux/macOS/Windows",
    "BUY/SELL signals for BTC/USDT and ETH/BTC pairs",
    '@dataclass(frozen=True)\nclass Point:\n    x: int',
    '@app.get("/items")\ndef read_items():\n    return []',
    "@Autowired private UserService users;",
    "I, for example, prefer tabs.",
    "i'm back, 2 days off were nice",
    "per Apple's guidelines the icon must be square",
    "AMAZON PRIME DAY DEALS ARE LIVE",
    "PLEASE REVIEW THE ATTACHED INVOICE BEFORE FRIDAY",
    "Pt 2 of the series covers testing",
    "S/N and P/N are printed on the label; A/B testing showed a 3% lift",
])
def test_no_convention_rule_fires_on_pii_free_text(warm_guard: Guard, text: str) -> None:
    assert not found(warm_guard, text)


@pytest.mark.xfail(strict=True, reason="brand names of two given names")
@pytest.mark.parametrize("text", [
    "I love Ben & Jerry's ice cream",
    "Ben & Jerry's is my favourite brand",
])
def test_a_brand_named_after_two_given_names_stays(warm_guard: Guard, text: str) -> None:
    # _shape._firm takes two given names joined by "&" for two people ("Thiago & Vinicius");
    # telling a brand of two given names from them takes more than the names ("Tom & Anna's
    # wedding" is two people)
    assert not persons(warm_guard, text)


def test_two_people_joined_by_an_ampersand_are_people(warm_guard: Guard) -> None:
    text = "Wedding of Adaeze Nwosu & Tomasz Zielinski on 9 May"
    people = persons(warm_guard, text)
    assert "Adaeze Nwosu" in people and "Tomasz Zielinski" in people


@pytest.mark.parametrize("text", [
    "Is Johnson & Johnson a good dividend stock?",
    "Procter & Gamble, Marks & Spencer Group and Smith & Sons Ltd reported results.",
])
def test_firms_named_x_and_y_stay(warm_guard: Guard, text: str) -> None:
    assert not persons(warm_guard, text)


def test_a_family_name_in_capitals_after_a_given_name_joins_it(warm_guard: Guard) -> None:
    text = "Left a message for Ngozika OBIDIKE this morning"
    assert "OBIDIKE" not in masked_words(warm_guard, text, "caps-family")
