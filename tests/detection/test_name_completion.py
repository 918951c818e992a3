"""A name found in part is completed: the words beside it that read as name words join it,
and two parts of one name with one word between them become one span (``_complete.py``).
Written for these tests; none of these sentences is in an evaluation set."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatveil import Guard
from chatveil.detect._complete import complete_names, without_openers
from chatveil.spans import Span
from detected import persons


@pytest.mark.parametrize("text, name", [
    # a short family name before a given name found by another rule
    ("From: Oh Seonmi\nTo: Jiwoo Han\nSubject: roster", "Oh Seonmi"),
    # a given name in CamelCase before a family name
    ("Forwarded by DongHyun Baek on Friday", "DongHyun Baek"),
    # a middle word that is also a weekday abbreviation, between two name words
    ("Forward it to Phan Thu Ang, she handles refunds.", "Phan Thu Ang"),
    # "Surname, Given" as an entry of a list
    ("Roster: Ko, Eunbi; Kowalczyk, Agnieszka", "Ko, Eunbi"),
])
def test_the_whole_name_is_one_span(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


def test_no_word_of_a_completed_name_reaches_the_model(warm_guard: Guard) -> None:
    text = "Forward it to Phan Thu Ang, she handles refunds."
    masked = warm_guard.pseudonymize(text, session_id="complete-1")
    assert not {"Phan", "Thu", "Ang"} & set(masked.replace(",", " ").split())
    assert warm_guard.restore(masked, session_id="complete-1") == text


@pytest.mark.parametrize("text, name", [
    ("Will Amarachi join the call?", "Amarachi"),  # a capital that only starts a sentence
    ("Ask Chidinma and Tunde to review it", "Chidinma"),  # a verb, then a link word
    ("I met Kwabena Yesterday at the office", "Kwabena"),  # an English word after the name
    ("cc Nnamdi Python team", "Nnamdi"),  # a technical word after the name
    ("Thanks, Obiageli Okafor", "Obiageli Okafor"),  # a closing is no family name
    ("we hired Ngozi Monday", "Ngozi"),  # a weekday
])
def test_ordinary_words_beside_a_name_stay(text: str, name: str) -> None:
    start = text.index(name)
    out = complete_names(text, [Span(start, start + len(name), "PERSON", 0.6)])
    # the name is not widened (another person beside it may be found on its own: "Tunde")
    assert [text[s.start:s.end] for s in out if s.start <= start < s.end] == [name]
    assert all(s.start > start + len(name) or s.end <= start for s in out
               if not s.start <= start < s.end)


def test_completion_only_widens_persons_and_keeps_other_spans() -> None:
    text = "Dr. Phan Thu Ang lives in Hanoi"
    spans = [Span(4, 8, "PERSON", 0.55), Span(13, 16, "PERSON", 0.55),
             Span(26, 31, "LOCATION", 0.8)]
    out = sorted(complete_names(text, spans))
    assert [(text[s.start:s.end], s.entity_type) for s in out] == [
        ("Phan Thu Ang", "PERSON"), ("Hanoi", "LOCATION")]
    assert complete_names("no names here", [Span(0, 2, "LOCATION")]) == [Span(0, 2, "LOCATION")]


@pytest.mark.parametrize("text, surname", [
    ("Help me write the referral letter to Dr Park.", "Park"),
    ("Mr Song will call you back after lunch", "Song"),
    ("Ms. Young signed the lease yesterday", "Young"),
])
def test_a_common_word_after_a_title_is_a_surname(warm_guard: Guard, text: str,
                                                  surname: str) -> None:
    masked = warm_guard.pseudonymize(text, session_id=f"title-{surname}")
    assert surname not in masked.replace(".", " ").split()
    assert warm_guard.restore(masked, session_id=f"title-{surname}") == text


def test_a_title_before_a_stop_word_is_no_name(warm_guard: Guard) -> None:
    assert persons(warm_guard, "Doctor Who and Mr. Who are not people here") == []


def test_a_person_field_in_capitals_on_a_mixed_line(warm_guard: Guard) -> None:
    text = "Passenger: HWANG KU\nSeat: 14C"
    assert persons(warm_guard, text) == ["HWANG KU"]
    assert persons(warm_guard, "To: HR TEAM\nSubject: leave") == []  # English words stay


def test_a_short_family_name_that_is_a_stop_word_closes_a_name(warm_guard: Guard) -> None:
    assert persons(warm_guard, "Customer name: Thuyen Do\nIssue: double charge") == [
        "Thuyen Do"]
    text = "Ask Anna Do you know her?"  # a question starts: "Do" is no family name here
    out = complete_names(text, [Span(4, 8, "PERSON", 0.6)])
    assert [text[s.start:s.end] for s in out] == ["Anna"]


def test_other_mentions_of_a_one_word_name_that_is_an_english_word() -> None:
    text = "who should i cc, Binh or Man? Binh leads but Man signs off. Man, what a week"
    first = text.index("Man")
    out = complete_names(text, [Span(first, first + 3, "PERSON", 0.6)])
    # the second mention is found; the third starts a sentence and stays a word
    assert sorted(s.start for s in out) == [first, text.index("Man signs")]


@pytest.mark.parametrize("text, name", [
    ("MY MANAGER ROSE SAID THE REVIEW MOVED TO FRIDAY", "ROSE"),  # a relation, then "said"
    ("my wife hope told me to buy milk", "hope"),
    ("hi this is Hat, my package was late", "Hat"),  # a greeting, then "this is"
    ("My name is Hope and I need help with a refund", "Hope"),
])
def test_common_word_names_between_strong_cues(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


@pytest.mark.parametrize("text", [
    "my boss always said no to remote work",
    "hi, it's urgent, the server is down",
    "hey this is the bank calling about your card",
])
def test_no_name_between_the_cues_when_the_word_is_ordinary(warm_guard: Guard,
                                                            text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("Please ask NGUYỄN THỊ HẰNG to sign the form", "NGUYỄN THỊ HẰNG"),
    ("Please ask ŞAHİN ÖZTÜRK to sign the form", "ŞAHİN ÖZTÜRK"),
])
def test_names_in_capitals_with_marked_vowels(warm_guard: Guard, text: str, name: str) -> None:
    assert persons(warm_guard, text) == [name]


def test_a_common_word_listed_among_names() -> None:
    text = "Split the bill: me, Phuc, Jennelyn and Hoe. Then Python, Java and Go."
    spans = [Span(text.index("Phuc"), text.index("Phuc") + 4, "PERSON", 0.6),
             Span(text.index("Jennelyn"), text.index("Jennelyn") + 8, "PERSON", 0.6)]
    out = complete_names(text, spans)
    assert sorted(text[s.start:s.end] for s in out) == ["Hoe", "Jennelyn", "Phuc"]
    # a list of two names and a job word keeps the job word
    text = "Invite Anna, Bob, Support and Chidi"
    spans = [Span(13, 16, "PERSON", 0.6), Span(30, 35, "PERSON", 0.6)]
    assert sorted(text[s.start:s.end] for s in complete_names(text, spans)) == [
        "Anna", "Bob", "Chidi"]


def _completed(text: str, *names: str) -> list[str]:
    """What name completion makes of ``text`` where ``names`` were found."""
    spans = [Span(text.index(n), text.index(n) + len(n), "PERSON", 0.6) for n in names]
    return sorted(text[s.start:s.end] for s in complete_names(text, spans))


def test_an_english_word_listed_with_the_writer_and_names() -> None:
    text = "IT'S JUST ME, AMARA, KWABENA AND TREASURE LEFT IN THE CHAT"
    assert _completed(text, "AMARA", "KWABENA") == ["AMARA", "KWABENA", "TREASURE"]
    # only the item's word next to the list, not the words after it
    text = "it's me, amara, kwabena and treasure left early"
    assert _completed(text, "amara", "kwabena") == ["amara", "kwabena", "treasure"]
    # a list with one name and no writer takes no English word
    assert _completed("Bring Amara, treasure and coffee", "Amara") == ["Amara"]


def test_names_joined_by_slashes() -> None:
    text = "Who goes to the offsite: Ifeoma/Pearl/Sigrun? Two seats left."
    assert _completed(text, "Ifeoma", "Sigrun") == ["Ifeoma", "Pearl", "Sigrun"]
    text = "Set up TCP/IP, DNS/DHCP and NTP for Ifeoma."
    assert _completed(text, "Ifeoma") == ["Ifeoma"]


def test_a_family_name_that_is_also_a_title_after_a_given_name() -> None:
    text = "Complaint about Monah Sheikh and Ask Chaiyaporn Manager"
    a, b = text.index("Monah"), text.index("Chaiyaporn")
    out = complete_names(text, [Span(a, a + 5, "PERSON", 0.6), Span(b, b + 10, "PERSON", 0.6)])
    # a family name of the lists joins; a job word that is no family name stays out
    assert sorted(text[s.start:s.end] for s in out) == ["Chaiyaporn", "Monah Sheikh"]


def test_a_hyphenated_given_name_of_english_syllables_after_a_relation(warm_guard: Guard) -> None:
    text = "help me write a birthday message for my mum Sun-Mi she's turning 60"
    assert persons(warm_guard, text) == ["Sun-Mi"]
    assert persons(warm_guard, "we need a well-being budget for the team") == []


def test_a_list_whose_names_start_before_it() -> None:
    # the list match starts inside "I, Bibi Smriti Chaudhry": the names' spans reach before it
    text = "I, Bibi Smriti Chaudhry, residing at Plot 161-C, Gulberg III, Rawalpindi, hereby"
    a = text.index("Bibi")
    b = text.index("Gulberg")
    spans = [Span(a, a + len("Bibi Smriti Chaudhry"), "PERSON", 0.7),
             Span(b, b + len("Gulberg III, Rawalpindi"), "PERSON", 0.5)]  # as spaCy reads it
    out = complete_names(text, spans)
    assert sorted(text[s.start:s.end] for s in out) == [
        "Bibi Smriti Chaudhry", "Gulberg III, Rawalpindi"]


_WORDS = ["Anna", "Do", "Oh", "Phuc", "Hoe", "and", "or", "the", "Will", "Sheikh", "KyungHwa",
          "Sun-Mi", "Dr", "said", "Python", "Ko", "Tran", "ZAHIA", "ü", "I"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", ", ", "\n", "; "])),
                min_size=1, max_size=14),
       st.lists(st.tuples(st.integers(0, 13), st.integers(1, 3)), max_size=5))
def test_completion_keeps_every_person_character_and_never_crosses_a_line(
        pieces: list[tuple[str, str]], picks: list[tuple[int, int]]) -> None:
    text = "".join(w + g for w, g in pieces)
    starts, pos = [], 0
    for w, g in pieces:
        starts.append((pos, pos + len(w)))
        pos += len(w) + len(g)
    spans = []
    for i, n in picks:
        if i < len(starts):
            last = starts[min(i + n, len(starts)) - 1]
            if "\n" not in text[starts[i][0]:last[1]]:
                spans.append(Span(starts[i][0], last[1], "PERSON", 0.6))
    out = complete_names(text, spans)
    for s in out:
        assert "\n" not in text[s.start:s.end]
    for s in spans:  # nothing found is lost
        assert any(o.start <= s.start and s.end <= o.end for o in out)


@pytest.mark.parametrize("text, name", [
    ("my husband shim and i are planning a trip", "shim"),  # "... and i" closes the name
    ("my sister hope's wedding is in june", "hope"),  # a possessive closes it
])
def test_lower_case_names_after_a_relation(warm_guard: Guard, text: str, name: str) -> None:
    # the month after "in" is no name either
    assert persons(warm_guard, text) == [name]


def test_a_relation_then_and_i_is_no_name(warm_guard: Guard) -> None:
    assert persons(warm_guard, "my husband and i are planning a trip in may") == []
    assert persons(warm_guard, "I met June in the park") == ["June"]


def test_short_names_in_capitals_with_a_marked_letter(warm_guard: Guard) -> None:
    assert persons(warm_guard, "Discharge summary TUY PHẠM admitted 02/03") == ["TUY PHẠM"]
    assert persons(warm_guard, "We call the ABC DEF API in prod") == []  # acronyms stay


# ---------------------------------------------------------------------- structure around names
@pytest.mark.parametrize("text, name", [
    # a family name in brackets after a given name, and a given name before one
    ("Handled by Yusra (Memon) from the night shift", "Memon"),
    ("Handled by Thao (Lý) from the night shift", "Thao"),
    # the writer makes a list of people: each item is a person, even one read as a place
    ("Tickets for me, Bao, Hye-jin and Omolara please", "Bao"),
    # a line that holds nothing but a name, one of its words an English word
    ("please fix my resume\n\nhaider lodhi\nlahore\n\nskills", "haider lodhi"),
    ("MANH QUOC BAY\nData Analyst", "MANH QUOC BAY"),
])
def test_names_completed_from_what_stands_around_them(warm_guard: Guard, text: str,
                                                      name: str) -> None:
    assert name in persons(warm_guard, text)


@pytest.mark.parametrize("text, name", [
    ("To: Dinh Van Hat\nSubject: rota", "Dinh Van Hat"),  # an English word ends the value
    ("Guest name: Siddiqa, Rosy\nRoom: 412", "Rosy"),  # "Surname, Given" in a field
    ("Card holder BUI VO — please check these charges", "BUI VO"),  # an em dash ends it
])
def test_the_whole_value_of_a_person_field(warm_guard: Guard, text: str, name: str) -> None:
    found = persons(warm_guard, text)
    assert any(name in value for value in found), found


@pytest.mark.parametrize("text", [
    "To: Accounts Payable\nSubject: invoice 7781",
    "Owner: Platform Team\nPriority: high",
    "Client: Northwind Traders Ltd\nStatus: open",
])
def test_a_field_value_without_a_name_stays(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("Thanks Moon!! the slides were great", "Moon"),  # an English word addressed by name
    ("congrats YEONWOO!!! well deserved", "YEONWOO"),  # in capitals on a mixed line
    ("hey Bahareh here, quick question about invoices", "Bahareh"),  # "X here"
    ("Heather and I will cover the weekend shift", "Heather"),  # "X and I"
    ("the deck was made by me and Olamide", "Olamide"),  # "me and X"
    ("action items: k. butt to send the invoice", "k. butt"),  # an initial, any casing
    ("Signed, R. Oh", "R. Oh"),  # an initial before a two-letter family name
    ("Ask SeoJin about the rollout", "SeoJin"),  # syllables run together
])
def test_names_from_cues_that_need_no_list(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


@pytest.mark.parametrize("text", [
    "Hello World! Thanks Team!",
    "hi all, thanks everyone for joining",
    "Python and I go way back",
    "Mom and I went shopping",
    "see e.g. park and ride schemes",
    "Our WiFi and GitHub access are down",
])
def test_those_cues_leave_ordinary_words_alone(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("> on tue, seo-yeon moon wrote:\n> is friday ok?", "seo-yeon moon"),  # a reply header
    ("IN THE MATTER OF ROSE TAN AND BOBBY SINGH", "BOBBY SINGH"),  # "AND" splits a field
    ("Forward the invoice to Amber who handles billing", "Amber"),  # "X who"
    ("TEXT MY SISTER HOPE SAYING I'LL BE LATE", "HOPE"),  # relation, name, "saying"
])
def test_names_in_headers_fields_and_clauses(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


@pytest.mark.parametrize("text", [
    "ask the Server who owns the lock",
    "we dropped Python who cares",
    "On Monday, the build wrote: nothing",
])
def test_no_name_before_who_or_in_a_false_reply_header(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("Hi, my name is Do Minh Khoa and I need a refund", "Do Minh Khoa"),
    ("cv:\nname: an thi lan\nphone: n/a", "an thi lan"),
    ("Referral: NICO ANGELO BAUTISTA, 3 years in sales", "NICO ANGELO BAUTISTA"),
])
def test_a_stop_word_or_capitals_open_a_name_after_a_label(warm_guard: Guard, text: str,
                                                           name: str) -> None:
    assert name in persons(warm_guard, text)


def test_a_question_verb_before_a_name_stays() -> None:
    text = "Do Anna and Ben agree?"
    out = complete_names(text, [Span(3, 7, "PERSON", 0.85), Span(12, 15, "PERSON", 0.85)])
    assert sorted(text[s.start:s.end] for s in out) == ["Anna", "Ben"]


@pytest.mark.parametrize("text, name", [
    ("Discharge note: LU VĂN, seen on ward 3", "LU VĂN"),  # a two-letter family name
    ("Refund approved for HA THỊ MAI today", "HA THỊ MAI"),
])
def test_two_letter_names_in_capitals_on_a_mixed_line(warm_guard: Guard, text: str,
                                                      name: str) -> None:
    assert name in persons(warm_guard, text)


def test_two_letter_words_in_capitals_that_are_no_names_stay(warm_guard: Guard) -> None:
    assert persons(warm_guard, "We use AI, ML and GO TO market plans here") == []


def test_a_given_name_taken_for_a_town_in_a_list_of_names() -> None:
    text = "Invited: Layla, Harry, Michele and James."
    spans = [Span(9, 14, "LOCATION", 0.65), Span(9, 14, "PERSON", 0.6),
             Span(16, 21, "PERSON", 0.85), Span(23, 30, "PERSON", 0.85),
             Span(35, 40, "PERSON", 0.85)]
    out = complete_names(text, spans)
    assert sorted((text[s.start:s.end], s.entity_type) for s in out) == [
        ("Harry", "PERSON"), ("James", "PERSON"), ("Layla", "PERSON"), ("Michele", "PERSON")]


def test_towns_in_a_list_of_towns_stay_towns() -> None:
    text = "Flights to Paris, London and Berlin with Anna"
    spans = [Span(11, 16, "LOCATION", 0.85), Span(18, 24, "LOCATION", 0.85),
             Span(29, 35, "LOCATION", 0.85), Span(41, 45, "PERSON", 0.85)]
    out = complete_names(text, spans)
    assert sorted((text[s.start:s.end], s.entity_type) for s in out) == [
        ("Anna", "PERSON"), ("Berlin", "LOCATION"), ("London", "LOCATION"), ("Paris", "LOCATION")]


def test_a_signature_after_a_blank_line(warm_guard: Guard) -> None:
    assert persons(warm_guard, "Best,\n\nmark bell") == ["mark bell"]


def test_a_short_family_name_before_the_given_names_of_a_field(warm_guard: Guard) -> None:
    text = "From: Ko, Eun Byul\nTo: Accounts Payable"
    masked = warm_guard.pseudonymize(text, session_id="field-ko")
    assert "Ko," not in masked and "Eun" not in masked and "Accounts Payable" in masked


def _found(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    return sorted((text[s.start:s.end], s.entity_type) for s in complete_names(text, spans))


def _person(text: str, value: str, nth: int = 0, score: float = 0.8) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return Span(start, start + len(value), "PERSON", score)


def test_other_mentions_of_a_name_any_recognizer_found_are_found() -> None:
    # the first handle found (say by the trained model), the second not
    text = "@duong.khanh: the build is red\n@bao: on it\n@duong.khanh: thanks"
    assert _found(text, [_person(text, "duong.khanh")]) == [
        ("duong", "PERSON"), ("duong.khanh", "PERSON"), ("khanh", "PERSON")]


def test_mentions_leave_english_words_firms_and_identifiers_alone() -> None:
    text = "Mark Okafor joined. Mark the date; Okafor Ltd pays; see okafor_2"
    assert _found(text, [_person(text, "Mark Okafor")]) == [("Mark Okafor", "PERSON")]


@pytest.mark.parametrize("text, named, expected", [
    # items of two words with a remark in brackets, in lower case
    ("welcome aboard — temesgen haile (ops), ifeoma nnadi (backend), and wanjiru kamau (legal).",
     ["temesgen haile", "ifeoma nnadi"], "wanjiru kamau"),
    # the writer counts as one of the people
    ("so it's me, bilqis, kaveh and sultan left", ["bilqis", "kaveh"], "sultan"),
    # two people joined by "&", the second running into the sentence
    ("ok so rosalind & tahmina finally moved out", ["rosalind"], "tahmina"),
    # capitalised, three items, the first after a verb
    ("I invited Ngozi Eze, Tomasz Wrona and Farhiya Warsame.",
     ["Ngozi Eze", "Tomasz Wrona"], "Farhiya Warsame"),
])
def test_the_other_items_of_a_list_of_people_are_people(
        text: str, named: list[str], expected: str) -> None:
    found = _found(text, [_person(text, n) for n in named])
    assert (expected, "PERSON") in found


def test_a_role_in_brackets_after_a_name_is_no_name() -> None:
    text = "welcome aboard — temesgen haile (ops), ifeoma nnadi (sales), and the legal team."
    assert _found(text, [_person(text, "temesgen haile"), _person(text, "ifeoma nnadi")]) == [
        ("ifeoma nnadi", "PERSON"), ("temesgen haile", "PERSON")]


@pytest.mark.parametrize("text, named", [
    # an item with a stop word or an English word is no person
    ("welcome aboard — temesgen haile (ops), ifeoma nnadi (backend), and the legal team.",
     ["temesgen haile", "ifeoma nnadi"]),
    # tools beside people
    ("ask rosalind, tahmina and kubernetes", ["rosalind", "tahmina"]),
    # a pair joined by "and" (not "&") proves nothing
    ("ok so rosalind and boxes arrived", ["rosalind"]),
])
def test_lists_add_no_ordinary_or_technical_words(text: str, named: list[str]) -> None:
    assert _found(text, [_person(text, n) for n in named]) == sorted(
        (n, "PERSON") for n in named)


@pytest.mark.parametrize("text, span, expected", [
    ("can you ping sarah about it", "ping sarah", "sarah"),
    ("ok ping Minh when done", "ok ping Minh", "Minh"),
    ("pls remind kwabena tomorrow", "remind kwabena", "kwabena"),
])
def test_a_verb_taken_in_with_a_name_is_left_out(text: str, span: str, expected: str) -> None:
    assert [text[s.start:s.end] for s in without_openers(text, [_person(text, span)])] == [
        expected]


def test_a_capitalised_first_word_is_kept() -> None:
    text = "Ping Li and Ask Olsen signed"
    spans = [_person(text, "Ping Li"), _person(text, "Ask Olsen")]
    assert without_openers(text, spans) == spans


@pytest.mark.parametrize("text, surname", [
    # romanized Cantonese and Korean family names that are English words too
    ("tell jacky chow the invoice is late again", "chow"),
    ("the booking is under mi-rae shin, two nights", "shin"),
])
def test_an_east_asian_family_name_that_is_a_word_completes_a_name(warm_guard: Guard, text: str,
                                                                  surname: str) -> None:
    assert surname in " ".join(persons(warm_guard, text)).split(), text


@pytest.mark.parametrize("text, word", [
    # one of the commonest English words after a name, where casing tells nothing, goes on
    # the sentence unless the name ends there
    ("priya won the hackathon last night", "won"),
    ("so kavya young people love it", "young"),
])
def test_a_common_word_after_a_name_in_lower_case_is_no_family_name(warm_guard: Guard,
                                                                    text: str, word: str) -> None:
    assert word not in " ".join(persons(warm_guard, text)).split(), text
