"""The time stage: TIMEX3 values resolved against the publication date, news conventions first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.records import TimeRecord
from eventwire.times import find_times, function_of, resolve, resolve_record
from eventwire.times.calendar import evaluate
from eventwire.times.lexicon import load_lexicon

PUBLISHED = dt.date(2025, 5, 27)  # a Tuesday, the reference article's date


def values(text: str, published: dt.date | None = PUBLISHED) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_times(text, published)]


def only(text: str, published: dt.date | None = PUBLISHED) -> TimeRecord:
    found = find_times(text, published)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


# ---- the reference article --------------------------------------------------------------------


def test_reference_article_dates(reference_text: str) -> None:
    found = {(t.text, t.value, t.mod) for t in find_times(reference_text, PUBLISHED)}
    assert ("earlier this month", "2025-05", "START") in found
    assert ("Tuesday", "2025-05-27", None) in found
    assert ("late on Monday", "2025-05-26", "END") in found
    assert ("On Sunday", "2025-05-25", None) in found or ("Sunday", "2025-05-25", None) in found
    assert ("2022", "2022", None) in found
    assert ("30-day", "P30D", None) in found
    assert ("overnight into Monday", "2025-05-26TNI", None) in found
    assert ("now", "PRESENT_REF", None) in found
    assert ("its fourth year", "P3Y", "MORE_THAN") in found


def test_reference_article_spans_and_ids(reference_text: str) -> None:
    found = find_times(reference_text, PUBLISHED)
    assert [t.id for t in found] == [f"T{i}" for i in range(1, len(found) + 1)]
    starts = [t.span[0] for t in found]
    assert starts == sorted(starts)
    for t in found:
        assert reference_text[t.span[0] : t.span[1]] == t.text


# ---- news conventions ---------------------------------------------------------------------------


def test_weekday_in_a_story_published_that_day_is_that_day() -> None:
    assert only("Lavrov said on Tuesday that talks would go on.").value == "2025-05-27"


def test_bare_weekday_in_a_past_clause_is_the_most_recent_one() -> None:
    assert only("The ministers met on Friday in Ankara.").value == "2025-05-23"
    assert only("Trump criticised Putin on Sunday.").value == "2025-05-25"


def test_weekday_in_a_future_clause_is_the_next_one() -> None:
    assert only("The ministers will meet on Friday in Ankara.").value == "2025-05-30"
    assert only("Talks are scheduled to resume on Thursday.").value == "2025-05-29"


def test_late_on_monday_and_overnight_into_monday() -> None:
    late = only("Fidan met Putin late on Monday.")
    assert (late.text, late.value, late.mod) == ("late on Monday", "2025-05-26", "END")
    night = only("Russia launched drones overnight into Monday.")
    assert (night.type, night.value) == ("DATE", "2025-05-26TNI")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a meeting earlier this month", ("earlier this month", "DATE", "2025-05")),
        ("He resigned last week.", ("last week", "DATE", "2025-W21")),
        ("Talks resume next month.", ("next month", "DATE", "2025-06")),
        ("Prices rose over the past six months.", ("the past six months", "DURATION", "P6M")),
        ("The invasion began in 2022.", ("2022", "DATE", "2022")),
        ("The border has been closed since December.", ("December", "DATE", "2024-12")),
        ("a proposal for a 30-day ceasefire", ("30-day", "DURATION", "P30D")),
        ("He arrived on Feb. 13.", ("Feb. 13", "DATE", "2025-02-13")),
        ("The summit opened on March 3.", ("March 3", "DATE", "2025-03-03")),
        ("The plant should open in mid-2024.", ("mid-2024", "DATE", "2024")),
        ("Markets boomed in the 1990s.", ("the 1990s", "DATE", "199")),
        ("Protesters gather every Friday.", ("every Friday", "SET", "XXXX-WXX-5")),
        ("He left yesterday.", ("yesterday", "DATE", "2025-05-26")),
        ("The vote is due tomorrow.", ("tomorrow", "DATE", "2025-05-28")),
        ("They met two weeks ago.", ("two weeks ago", "DATE", "2025-W20")),
        ("Profit fell in the third quarter.", ("the third quarter", "DATE", "2024-Q3")),
        ("Results for Q1 2025 were weak.", ("Q1 2025", "DATE", "2025-Q1")),
        ("It happened on 27 May 2025.", ("27 May 2025", "DATE", "2025-05-27")),
        ("The blast came at 3:15 a.m. on Sunday.", ("3:15 a.m. on Sunday", "TIME", "2025-05-25T03:15")),
        ("The war is now in its fourth year.", ("now", "DATE", "PRESENT_REF")),
        ("Inflation has eased recently.", ("recently", "DATE", "PAST_REF")),
        ("It took two and a half hours.", ("two and a half hours", "DURATION", "PT2H30M")),
        ("Rallies are held daily.", ("daily", "SET", "P1D")),
        ("The treaty was signed on Christmas Day 1991.", ("Christmas Day 1991", "DATE", "1991-12-25")),
        ("In the 2020 calendar year, aid fell.", ("the 2020 calendar year", "DATE", "2020")),
        ("Profit rose in the year to April 2.", ("the year", "DURATION", "P1Y")),
        ("The truce is in its second week.", ("its second week", "DURATION", "P1W")),
    ],
)
def test_news_expressions(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in values(text)


def test_relative_to_the_date_just_mentioned() -> None:
    found = values("The summit was held on March 3. Three days later, the army withdrew.")
    assert found == [("March 3", "DATE", "2025-03-03"), ("Three days later", "DATE", "2025-03-06")]
    found = values("Voting began on Aug. 7, 1998. The next day, results came in.")
    assert found[-1] == ("The next day", "DATE", "1998-08-08")


def test_year_earlier_in_a_quarterly_report_is_the_same_quarter_a_year_before() -> None:
    found = values("Third-quarter profit rose 5% from a year earlier.", dt.date(1989, 10, 26))
    assert found == [("Third-quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")]


def test_modifiers_join_the_expression() -> None:
    record = only("The talks lasted at least 30 days.")
    assert (record.text, record.value, record.mod) == ("at least 30 days", "P30D", "EQUAL_OR_MORE")


# ---- no false positives -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You may go home.",
        "Protesters march on the capital.",
        "We said so.",
        "The sun rose over Kyiv.",
        "He sat down. Sat on the bench, he waited.",
        "Theresa May met the press.",
        "They will march to the square.",
        "A 6-year-old boy and his 52-year-old father.",
        "The index closed at 2082.1 points, and 1,990 troops left.",
        "He paid $1999 for it.",
        "It offers 24/7 support in Sun Valley and on Black Friday sales.",
        "The China Daily Business Weekly said so.",
        "The new SX-2000s switch.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert values(text) == []


# ---- without a publication date --------------------------------------------------------------------

UNDERSPECIFIED_TEXT = (
    "Lavrov said on Tuesday that the talks held earlier this month failed. The ministers will meet "
    "on Friday. Drones struck overnight into Monday. Three days later, on March 3, a ceasefire began; "
    "last week and next year were mentioned, and Christmas, the third quarter and last summer too."
)


def test_without_a_date_values_stay_underspecified() -> None:
    found = {t.text: t.value for t in find_times(UNDERSPECIFIED_TEXT, None)}
    assert found["Tuesday"] == "XXXX-WXX-2"
    assert found["Friday"] == "XXXX-WXX-5"
    assert found["earlier this month"] == "XXXX-XX"
    assert found["March 3"] == "XXXX-03-03"
    assert found["overnight into Monday"] == "XXXX-WXX-1TNI"
    assert found["last week"] == "XXXX-WXX"


@pytest.mark.parametrize("published", [PUBLISHED, dt.date(1998, 8, 7), dt.date(2024, 2, 29), dt.date(2026, 1, 1)])
def test_resolving_later_gives_what_the_date_would_have_given(published: dt.date) -> None:
    later = [resolve_record(t, published) for t in find_times(UNDERSPECIFIED_TEXT, None)]
    now = find_times(UNDERSPECIFIED_TEXT, published)
    assert [(t.text, t.value) for t in later] == [(t.text, t.value) for t in now]


def test_resolve_without_the_function_uses_news_defaults() -> None:
    assert resolve("XXXX-WXX-2", PUBLISHED) == "2025-05-27"
    assert resolve("XXXX-WXX-5", PUBLISHED) == "2025-05-23"
    assert resolve("XXXX-03-03", PUBLISHED) == "2025-03-03"
    assert resolve("P30D", PUBLISHED) == "P30D"
    assert resolve("2022", PUBLISHED) == "2022"


def test_the_function_is_kept_for_dates_that_depend_on_the_publication_date() -> None:
    record = only("They met on Friday.", None)
    assert function_of(record) == "DCT W<5"
    assert evaluate("DCT W<5", PUBLISHED) == "2025-05-23"
    assert function_of(only("The invasion began in 2022.", None)) is None


# ---- with a spaCy parse --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from eventwire.analyse import load_pipeline

    return load_pipeline()


def test_the_parse_decides_the_direction_of_a_weekday(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said the delegations are going to meet on Friday, after they talked on Monday."
    found = {t.text: t.value for t in find_times(text, PUBLISHED, nlp(text))}
    assert found == {"Friday": "2025-05-30", "Monday": "2025-05-26"}


def test_a_doc_of_another_text_is_ignored(nlp) -> None:  # type: ignore[no-untyped-def]
    assert values("They met on Friday.") == [
        (t.text, t.type, t.value) for t in find_times("They met on Friday.", PUBLISHED, nlp("Something else."))
    ]


# ---- data files users extend -----------------------------------------------------------------------------


def test_lexicon_extension(tmp_path: Path) -> None:
    extra = tmp_path / "holidays.yaml"
    extra.write_text("holidays:\n  - {names: [Unity Day], month: 11, day: 4}\n", encoding="utf-8")
    lex = load_lexicon((str(extra),))
    assert lex.holiday("Unity Day", 2025) == dt.date(2025, 11, 4)
    assert lex.holiday("Thanksgiving", 2025) == dt.date(2025, 11, 27)
    assert lex.holiday("Easter", 2025) == dt.date(2025, 4, 20)
    assert lex.number("twenty-four") == 24
    assert lex.number("a hundred") == 100


# ---- properties: any text, any date --------------------------------------------------------------------

WORDS = [
    "on", "Tuesday", "Monday", "late", "early", "mid", "-", "2022", "1990s", "the", "last", "next", "week",
    "month", "year", "ago", "later", "three", "days", "30-day", "May", "March", "3", "Feb.", "13", ",", ".",
    "overnight", "into", "every", "Friday", "quarter", "third", "a", "year-earlier", "since", "December",
    "now", "at", "10:30", "p.m.", "noon", "its", "fourth", "Christmas", "summer", "fiscal", "1989", "'90s",
    "twenty", "nineteen", "ninety-seven", "half", "and", "hours", "\n", "that", "day", "Q3", "2024",
]

time_text = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=time_text, published=st.one_of(st.none(), st.dates()))
def test_any_text_and_date_never_raise_and_spans_are_valid(text: str, published: dt.date | None) -> None:
    found = find_times(text, published)
    previous_end = 0
    for i, record in enumerate(found):
        start, end = record.span
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == record.text
        assert record.type in {"DATE", "TIME", "DURATION", "SET"}
        assert record.value
        assert record.id == f"T{i + 1}"
        previous_end = end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=time_text, published=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_same_input_same_output_and_later_resolution_agrees(text: str, published: dt.date) -> None:
    first = find_times(text, published)
    assert first == find_times(text, published)
    later = [resolve_record(t, published) for t in find_times(text, None)]
    assert [(t.span, t.value) for t in later] == [(t.span, t.value) for t in first]
