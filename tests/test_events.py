"""Event coding: what the coder must get right, read like usage.

Most tests hand-build the actors (and times) so they check the event stage alone; the reference
article tests run the whole pipeline, as a user would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.analyse import analyse
from eventwire.events import PLOVER_TYPES, code_info, date_range, find_events, load_lexicon
from eventwire.records import Entity, Event, TimeRecord

DATA = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "events"

# name -> (kind, country, sector)
KNOWN = {
    "Russia": ("GPE", "RUS", None), "Russian": ("GPE", "RUS", None), "Moscow": ("ORG", "RUS", "GOV"),
    "Ukraine": ("GPE", "UKR", None), "Kyiv": ("ORG", "UKR", "GOV"), "France": ("GPE", "FRA", None),
    "Germany": ("GPE", "DEU", None), "Iran": ("GPE", "IRN", None), "Turkey": ("GPE", "TUR", None),
    "Reuters": ("MEDIA", None, "JRN"), "Kremlin": ("ORG", "RUS", "GOV"), "Israel": ("GPE", "ISR", None),
    "Lavrov": ("PERSON", "RUS", "GOV"), "Fidan": ("PERSON", "TUR", "GOV"), "Istanbul": ("GPE", "TUR", None),
    "Hamas": ("ARMED_GROUP", "PSE", "REB"), "United States": ("GPE", "USA", None), "Iraq": ("GPE", "IRQ", None),
}


def entities_for(text: str) -> list[Entity]:
    """Hand-made actors: every whole-word occurrence of a known name is a mention."""
    found: dict[str, Entity] = {}
    for name, (kind, country, sector) in KNOWN.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            key = "Russia" if name == "Russian" else name
            entity = found.get(key)
            if entity is None:
                code = (country or "") + (sector or "") or None
                entity = Entity(id=f"E{len(found) + 1}", name=key, kind=kind, country=country, sector=sector,
                                code=code)
                found[key] = entity
            entity.mentions.append((match.start(), match.end()))
    return list(found.values())


def time_at(text: str, phrase: str, value: str) -> TimeRecord:
    start = text.index(phrase)
    return TimeRecord(text=phrase, span=(start, start + len(phrase)), type="DATE", value=value)


def code(text: str, times: list[TimeRecord] | None = None, published: str | None = None) -> tuple[list[Event], dict[str, Entity]]:
    doc = analyse(text)
    entities = entities_for(text)
    events = find_events(doc, entities, times or [], [], [], published=published)
    return events, {e.id: e for e in entities}


def names(ids: list[str], by_id: dict[str, Entity]) -> set[str]:
    return {by_id[i].name for i in ids}


def only(events: list[Event], type: str) -> Event:
    matching = [e for e in events if e.type == type]
    assert len(matching) == 1, [(e.type, e.trigger) for e in events]
    return matching[0]


# ------------------------------------------------------------------------------- who to whom


def test_verb_subject_and_object() -> None:
    events, by_id = code("Russia attacked Ukraine.")
    event = only(events, "ASSAULT")
    assert names(event.actor, by_id) == {"Russia"} and names(event.recipient, by_id) == {"Ukraine"}
    assert event.status == "actual" and event.cameo.startswith("19") and event.quad == 4
    assert event.goldstein == code_info(event.cameo)[3] < 0


def test_passive_agent_is_the_actor_and_the_proposer_the_recipient() -> None:
    events, by_id = code("A proposal by France to hold talks was rejected by Russia.")
    event = only(events, "REJECT")
    assert names(event.actor, by_id) == {"Russia"}
    assert names(event.recipient, by_id) == {"France"}
    assert event.cameo == "125"  # a proposal to meet, rejected
    assert not [e for e in events if e.type == "CONSULT" and e.status == "actual"]


def test_compound_actors_are_one_event() -> None:
    events, by_id = code("France and Germany met with Russia in Istanbul.")
    event = only(events, "CONSULT")
    assert names(event.actor, by_id) == {"France", "Germany"}
    assert names(event.recipient, by_id) == {"Russia"}
    assert event.location is not None and event.location.name == "Istanbul"


def test_talks_between_two_parties() -> None:
    events, by_id = code("The talks between Russia and Ukraine, held in Istanbul, ended without agreement.")
    event = only(events, "CONSULT")
    assert names(event.actor + event.recipient, by_id) == {"Russia", "Ukraine"}
    assert event.location is not None and event.location.name == "Istanbul"


def test_nationality_adjective_codes_the_military_actor() -> None:
    events, by_id = code("Ukraine reported a wave of Russian attacks on Kyiv.")
    event = only(events, "ASSAULT")
    assert names(event.actor, by_id) == {"Russia"}
    assert event.reported_by is not None and by_id[event.reported_by].name == "Ukraine"
    codes = getattr(event, "actor_codes", None)
    if codes is not None:
        assert codes == ["RUSMIL"]


def test_declined_proposal_is_a_rejection_of_the_proposer() -> None:
    events, by_id = code("Moscow declined a Kyiv-backed proposal for a ceasefire.")
    event = only(events, "REJECT")
    assert names(event.actor, by_id) == {"Moscow"} and names(event.recipient, by_id) == {"Kyiv"}
    assert not [e for e in events if e.type == "RETREAT"]


def test_support_phrase() -> None:
    events, by_id = code("Russia has voiced its support for Turkey hosting another round of talks.")
    event = only(events, "SUPPORT")
    assert names(event.actor, by_id) == {"Russia"} and names(event.recipient, by_id) == {"Turkey"}


# ------------------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Russia did not attack Ukraine.", "negated"),
        ("Russia never attacked Ukraine.", "negated"),
        ("Russia could attack Ukraine.", "hypothetical"),
        ("Russia may attack Ukraine.", "hypothetical"),
        ("Russia will attack Ukraine.", "future"),
        ("Russia plans to attack Ukraine.", "future"),
        ("Russia attacked Ukraine.", "actual"),
        ("Russia will not attack Ukraine.", "negated"),  # the negation, not the future, decides
        ("France warned that it would act if Russia changed course or attacked Ukraine.", "hypothetical"),
        ("Russia could escalate by attacking Ukraine.", "hypothetical"),  # the means shares the mood
        ("Russia tried to attack Ukraine.", "actual"),  # an attempt is an act
    ],
)
def test_status(text: str, status: str) -> None:
    events, _ = code(text)
    assert only(events, "ASSAULT").status == status


def test_possibility_of_sanctions_is_a_threat_not_a_sanction() -> None:
    events, by_id = code("The United States indicated the possibility of imposing sanctions on Russia.")
    event = only(events, "THREATEN")
    assert names(event.actor, by_id) == {"United States"} and names(event.recipient, by_id) == {"Russia"}
    assert event.cameo == "1312" and event.status == "actual"
    assert not [e for e in events if e.type == "SANCTION"]


def test_threatened_to_is_a_threat() -> None:
    events, by_id = code("France threatened to impose sanctions on Iran.")
    assert only(events, "THREATEN").cameo == "1312"
    assert not [e for e in events if e.type == "SANCTION"]


def test_imposed_sanctions_are_a_sanction() -> None:
    events, by_id = code("France imposed new sanctions on Iran.")
    event = only(events, "SANCTION")
    assert event.cameo == "163" and names(event.recipient, by_id) == {"Iran"}


def test_refusal_to_yield_is_a_rejection() -> None:
    events, _ = code("Russia refused to release the prisoners.")
    event = only(events, "REJECT")
    assert event.cameo == "1243" and not [e for e in events if e.type == "RETREAT"]


def test_historical_background_from_the_date() -> None:
    text = "Russia pressed its invasion of Ukraine, which began in 2022."
    events, by_id = code(text, [time_at(text, "2022", "2022")], published="2025-05-27")
    event = only(events, "ASSAULT")
    assert event.status == "historical"
    assert event.date is not None and event.date.value == "2022"
    assert names(event.recipient, by_id) == {"Ukraine"}


# ------------------------------------------------------------------------------ when and source


def test_date_comes_from_the_trigger_clause_only() -> None:
    text = "Lavrov said on Tuesday that Russia attacked Ukraine."
    events, _ = code(text, [time_at(text, "Tuesday", "2025-05-27")])
    assert only(events, "ASSAULT").date is None  # Tuesday dates the saying, not the attack
    text = "Russia attacked Ukraine on Monday, Lavrov said on Tuesday."
    events, _ = code(text, [time_at(text, "Monday", "2025-05-26"), time_at(text, "Tuesday", "2025-05-27")])
    date = only(events, "ASSAULT").date
    assert date is not None and date.value == "2025-05-26" and date.text == "Monday"


@pytest.mark.parametrize(
    "text",
    [
        "Russia attacked Ukraine, Reuters reported.",
        "Russia attacked Ukraine, according to Reuters.",
        "Reuters reported that Russia attacked Ukraine.",
    ],
)
def test_reported_by(text: str) -> None:
    events, by_id = code(text)
    event = only(events, "ASSAULT")
    assert event.reported_by is not None and by_id[event.reported_by].name == "Reuters"


def test_same_occurrence_twice_is_one_event_with_both_spans() -> None:
    text = ("Lavrov met Fidan in Istanbul on Tuesday. During their meeting on Tuesday, Lavrov and Fidan "
            "discussed the plant.")
    events, by_id = code(text, [time_at(text, "Tuesday", "2025-05-27"),
                                TimeRecord("Tuesday", (text.rindex("Tuesday"), text.rindex("Tuesday") + 7),
                                           "DATE", "2025-05-27")])
    consult = [e for e in events if e.type == "CONSULT"]
    assert len(consult) == 1, [(e.trigger, e.evidence) for e in consult]
    assert len(consult[0].evidence_spans) >= 2
    assert names(consult[0].actor + consult[0].recipient, by_id) == {"Lavrov", "Fidan"}


@pytest.mark.parametrize(
    ("text", "type", "day"),
    [
        # a verbal act is performed by the saying that carries it
        ("Lavrov said on Tuesday that Russia supports Turkey.", "SUPPORT", "Tuesday"),
        # a meeting happens when the trip for it does
        ("Lavrov will travel to Istanbul on Tuesday for talks with Fidan.", "CONSULT", "Tuesday"),
        # an event noun happens when the verb it is the subject of does
        ("The talks between Russia and Ukraine resumed on Tuesday.", "CONSULT", "Tuesday"),
        # the parser hangs the time on the subject
        ("Russia on Tuesday attacked Ukraine.", "ASSAULT", "Tuesday"),
    ],
)
def test_date_from_the_governing_clause(text: str, type: str, day: str) -> None:
    events, _ = code(text, [time_at(text, day, "2025-05-27")], published="2025-05-27")
    date = only(events, type).date
    assert date is not None and date.value == "2025-05-27", [(e.type, e.date, e.rule) for e in events]


def test_a_city_naming_a_meeting_is_its_venue() -> None:
    from eventwire.records import Place

    text = "Lavrov joined the Istanbul talks with Fidan."
    start = text.index("Istanbul")
    places = [Place(id="P1", name="Istanbul", country="TUR", feature="PPLA", mentions=[(start, start + 8)])]
    entities = entities_for(text)
    events = find_events(analyse(text), entities, [], [], places)
    event = only(events, "CONSULT")
    by_id = {e.id: e for e in entities}
    assert names(event.actor + event.recipient, by_id) == {"Lavrov", "Fidan"}
    assert event.location is not None and event.location.name == "Istanbul"


def test_never_the_publication_date() -> None:
    text = "Russia attacked Ukraine. Lavrov met Fidan on Tuesday."
    events, _ = code(text, [time_at(text, "Tuesday", "2025-05-27")], published="2025-05-27")
    assert only(events, "ASSAULT").date is None


def test_different_days_are_different_occurrences() -> None:
    text = "Lavrov met Fidan on Monday. Lavrov met Fidan again on Tuesday."
    events, _ = code(text, [time_at(text, "Monday", "2025-05-26"), time_at(text, "Tuesday", "2025-05-27")])
    assert len([e for e in events if e.type == "CONSULT"]) == 2


def test_record_shape() -> None:
    text = "Russia attacked Ukraine. France condemned Russia."
    events, _ = code(text)
    assert [e.id for e in events] == [f"V{i}" for i in range(1, len(events) + 1)]
    for event in events:
        assert event.type in PLOVER_TYPES
        assert event.sentence[0] <= event.evidence[0] < event.evidence[1] <= event.sentence[1]
        assert event.evidence in event.evidence_spans
        assert event.rule and 0 < event.confidence < 1
        plover, _, quad, goldstein = code_info(event.cameo)
        assert (plover, quad, goldstein) == (event.type, event.quad, event.goldstein)


# ---------------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("text", ["", " ", "\n\n", "!!!", "attack", "the the the", "“”", "Russia"])
def test_odd_text_yields_nothing_or_well_formed_events(text: str) -> None:
    doc = analyse(text)
    events = find_events(doc, entities_for(text), [], [], [])
    for event in events:
        assert 0 <= event.evidence[0] <= event.evidence[1] <= len(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Russia", "attacked", "Ukraine", "did", "not", "talks", "between", "and",
                                 "met", "with", "France", ",", ".", "the", "sanctions", "on", "refused", "to",
                                 "threatened", "Reuters", "reported", "its", "which", "began", "in", "2022",
                                 "“", "”", "\n", "possibility", "of", "imposing"]), max_size=30))
def test_any_word_salad_never_raises(words: list[str]) -> None:
    text = " ".join(words)
    doc = analyse(text)
    times = [time_at(text, "2022", "2022")] if "2022" in text else []
    events = find_events(doc, entities_for(text), times, [], [], published="2025-05-27")
    for event in events:
        assert 0 <= event.evidence[0] < event.evidence[1] <= len(text)
        assert event.type in PLOVER_TYPES and event.status in {"actual", "negated", "future", "hypothetical", "historical"}


def test_date_range() -> None:
    assert date_range("2025-05")[1].day == 31  # type: ignore[index]
    assert date_range("2025-05-26TNI")[0].day == 26  # type: ignore[index]
    assert date_range("PRESENT_REF") is None and date_range("") is None


# ------------------------------------------------------------------------------ lexicon data


def test_lexicon_codes_are_known_and_reach_all_sixteen_types() -> None:
    lex = load_lexicon()
    reached = set()
    for table in (lex.verbs, lex.nouns):
        for entries in table.values():
            for trigger in entries:
                if trigger.cameo is None:
                    continue
                info = lex.code(trigger.cameo)
                assert info is not None, trigger.source
                if info.plover_type:
                    reached.add(info.plover_type)
    assert reached == set(PLOVER_TYPES)
    for row in lex.derived.values():
        for value in row.values():
            assert lex.code(value) is not None and value in lex.codes, value


def test_every_cameo_code_has_a_quad_and_goldstein() -> None:
    lex = load_lexicon()
    for code_, info in lex.codes.items():
        assert info.quad in (1, 2, 3, 4), code_
        assert -10.0 <= info.goldstein <= 10.0
    assert lex.code("190").goldstein == -10.0 and lex.code("057").goldstein == 8.0  # type: ignore[union-attr]


# Where our table differs from the published CAMEO-to-PLOVER table on purpose.
DELIBERATE = {
    "163": "imposing sanctions, an embargo or a boycott is a SANCTION for us (the table says COERCE)",
}


def test_plover_table_agrees_with_the_published_mapping(anchors: Path) -> None:
    published = {}
    for line in (anchors / "events" / "raw" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(\d{3,4}):\s*([A-Z]+)", line)
        if match:
            published.setdefault(match.group(1), match.group(2))
    lex = load_lexicon()
    differences = {c: (lex.codes[c].plover_type, t) for c, t in published.items()
                   if c in lex.codes and lex.codes[c].plover_type != t and c not in DELIBERATE}
    assert not differences
    assert all(lex.codes[c].plover_type != published[c] for c in DELIBERATE)


# --------------------------------------------------------------------------- reference article


def _by_name(reference, ids: list[str]) -> set[str]:  # type: ignore[no-untyped-def]
    return {reference.entity(i).country or reference.entity(i).name for i in ids}


def _find(reference, type: str, actor: str, recipient: str | None = None, **where: str):  # type: ignore[no-untyped-def]
    found = []
    for event in reference.events:
        if event.type != type or actor not in _by_name(reference, event.actor):
            continue
        if recipient is not None and recipient not in _by_name(reference, event.recipient):
            continue
        found.append(event)
    assert found, f"no {actor} {type} {recipient} in {[(e.type, e.trigger) for e in reference.events]}"
    return found


def test_reference_article_events(reference) -> None:  # type: ignore[no-untyped-def]
    def reporter(event: Event) -> str | None:
        entity = reference.entity(event.reported_by)
        return entity.name if entity else None

    assert _find(reference, "SUPPORT", "RUS", "TUR")
    talks = [e for e in _find(reference, "CONSULT", "RUS") if "UKR" in _by_name(reference, e.actor + e.recipient)
             and e.status == "actual"]
    assert talks and talks[0].location and talks[0].location.name == "Istanbul"
    assert talks[0].date is not None and talks[0].date.value == "2025-05"
    assert len(talks[0].evidence_spans) >= 2  # "a previous meeting" and "the initial direct talks"
    rejects = _find(reference, "REJECT", "RUS")
    assert any("USA" in _by_name(reference, e.recipient) for e in rejects)
    assert any(reporter(e) == "Bloomberg" for e in rejects)
    fidan = [e for e in _find(reference, "CONSULT", "TUR", "RUS") if e.date and e.date.value == "2025-05-26"]
    assert fidan and reporter(fidan[0]) == "Kremlin"
    accuse = _find(reference, "ACCUSE", "USA", "RUS")
    assert accuse[0].date is not None and accuse[0].date.value == "2025-05-25"
    threat = _find(reference, "THREATEN", "USA", "RUS")
    assert threat and not [e for e in reference.events if e.type == "SANCTION" and e.status == "actual"]
    assault = [e for e in _find(reference, "ASSAULT", "RUS", "UKR") if e.status == "actual"]
    assert assault and assault[0].date is not None and assault[0].date.value.startswith("2025-05-26")
    assert assault[0].mode == "drone" and reporter(assault[0]) == "Ukraine"
    moscow = [e for e in _find(reference, "CONSULT", "RUS", "TUR") if e.date and e.date.value == "2025-05-27"]
    assert moscow and moscow[0].location and moscow[0].location.name == "Moscow"
    assert any(e.status == "historical" and e.date and e.date.value == "2022" for e in reference.events)


def test_reference_article_has_no_plant_delay_event(reference) -> None:  # type: ignore[no-untyped-def]
    text = reference.article.text
    plant = text.index("The facility")
    assert not [e for e in reference.events if e.evidence[0] >= plant]


def test_reference_article_counts_each_occurrence_once(reference) -> None:  # type: ignore[no-untyped-def]
    keys = [(e.type, tuple(sorted(e.actor)), tuple(sorted(e.recipient)), e.status, e.date.value if e.date else None)
            for e in reference.events]
    assert len(keys) == len(set(keys))


# ------------------------------------------------------------------------------------- modes


@pytest.mark.parametrize(
    ("text", "type", "mode"),
    [
        ("Russia launched drone strikes on Ukraine.", "ASSAULT", "drone"),
        ("Israel carried out airstrikes against Hamas.", "ASSAULT", "aerial"),
        ("Russia shelled Ukraine with artillery.", "ASSAULT", "heavy-weapons"),
        ("Lavrov spoke with Fidan by phone.", "CONSULT", "phone"),
        ("Lavrov visited Turkey.", "CONSULT", "visit"),
        ("Russia and Ukraine declared a ceasefire.", "RETREAT", "ceasefire"),
        ("Russia released the prisoners from Ukraine.", "RETREAT", "release"),
    ],
)
def test_modes(text: str, type: str, mode: str) -> None:
    events, _ = code(text)
    assert only(events, type).mode == mode


def test_obligation_under_speech_is_a_demand() -> None:
    events, by_id = code("France said Iran must release the prisoners.")
    event = only(events, "REQUEST")
    assert names(event.actor, by_id) == {"France"} and names(event.recipient, by_id) == {"Iran"}
    assert event.cameo == "1053" and not [e for e in events if e.type == "RETREAT"]


def test_not_wanting_to_meet_is_a_rejection() -> None:
    events, by_id = code("Lavrov does not want to meet with Fidan.")
    event = only(events, "REJECT")
    assert event.cameo == "125" and event.status == "actual" and names(event.recipient, by_id) == {"Fidan"}


def test_accused_violence_is_the_accusation_and_the_act_reported_by_the_accuser() -> None:
    events, by_id = code("Ukraine accused Russia of attacking Kyiv.")
    event = only(events, "ACCUSE")
    assert names(event.actor, by_id) == {"Ukraine"} and names(event.recipient, by_id) == {"Russia"}
    attack = only(events, "ASSAULT")
    assert names(attack.actor, by_id) == {"Russia"} and attack.reported_by is not None
    assert by_id[attack.reported_by].name == "Ukraine"


@pytest.mark.parametrize("text", ["Ukraine denied attacking Russia.",
                                  "Russia rejected accusations that it attacked Kyiv."])
def test_denied_or_rejected_content_is_not_asserted(text: str) -> None:
    events, _ = code(text)
    assert not [e for e in events if e.type == "ASSAULT"], [(e.type, e.trigger) for e in events]


def test_stating_another_partys_violence_accuses_it() -> None:
    events, by_id = code("Ukraine said that Russia attacked Kyiv.")
    accuse = only(events, "ACCUSE")
    assert names(accuse.actor, by_id) == {"Ukraine"} and names(accuse.recipient, by_id) == {"Russia"}
    attack = only(events, "ASSAULT")
    assert attack.reported_by is not None and by_id[attack.reported_by].name == "Ukraine"


@pytest.mark.parametrize(
    "text",
    [
        "Russia attacked Kyiv, Ukraine said.",  # an attribution, not an accusation
        "Reuters reported that Russia attacked Ukraine.",  # the media report
        "Russia said it attacked Kyiv.",  # a claim of one's own act
        "Ukraine said that Russia could attack Kyiv.",  # a warning of what may come
    ],
)
def test_reports_that_accuse_nobody(text: str) -> None:
    events, _ = code(text)
    assert not [e for e in events if e.type == "ACCUSE"], [(e.type, e.trigger) for e in events]


def test_future_negation_of_a_concession_is_a_refusal() -> None:
    events, by_id = code("France will not lift the sanctions on Iran.")
    event = only(events, "REJECT")
    assert event.status == "actual" and event.cameo.startswith("12") and names(event.actor, by_id) == {"France"}
    assert not [e for e in events if e.type == "RETREAT"]
    events, _ = code("Russia did not release the prisoners.")
    assert only(events, "RETREAT").status == "negated" and not [e for e in events if e.type == "REJECT"]


def test_an_attempt_is_an_act() -> None:
    events, _ = code("Hamas tried to assassinate Lavrov.")
    event = only(events, "ASSAULT")
    assert event.status == "actual" and event.cameo == "185"
    events, _ = code("Hamas plans to assassinate Lavrov.")
    assert only(events, "ASSAULT").status == "future"


@pytest.mark.parametrize(
    ("text", "type"),
    [
        ("France deployed troops to the UN peacekeeping mission in Iraq.", "AID"),  # near=peacekeeping
        ("France deployed troops to the border with Iraq.", "MOBILIZE"),
        ("The war game was staged by France and Germany.", "COOPERATE"),  # joint=062
        ("The war game was staged by Russia.", "MOBILIZE"),
        ("Russia summoned the French ambassador.", "ACCUSE"),
        ("Protesters hurled stones at the police in Kyiv.", "PROTEST"),
        ("Iran test-fired a ballistic missile.", "MOBILIZE"),
        ("Russia and Ukraine exchanged fire near Kyiv.", "ASSAULT"),
    ],
)
def test_cameo_categories(text: str, type: str) -> None:
    events, _ = code(text)
    assert type in {e.type for e in events}, [(e.type, e.cameo, e.trigger) for e in events]


@pytest.mark.parametrize("text", ["The Kremlin declined to comment.", "We agree with France that talks matter."])
def test_statements_are_not_events(text: str) -> None:
    events, _ = code(text)
    assert not events, [(e.type, e.trigger) for e in events]


def test_unparsed_document_and_bad_spans_yield_no_traceback() -> None:
    import spacy

    blank = spacy.blank("en")("Russia attacked Ukraine.")
    assert find_events(blank, entities_for(blank.text), [], [], []) == []
    doc = analyse("Russia attacked Ukraine.")
    odd = [Entity(id="E1", name="Russia", kind="GPE", country="RUS", mentions=[(0, 6), (-5, 3), (40, 90)])]
    times = [TimeRecord("x", (0, 6), "DATE", "garbage"), TimeRecord("y", (-3, 2000), "DATE", "2020-13-45")]
    events = find_events(doc, odd, times, [], [], published="not a date")
    assert [e.type for e in events] == ["ASSAULT"]


# ------------------------------------------------------------- demands, promises, complaints


def test_a_demand_for_a_thing_is_a_request_and_a_bare_demand_is_nothing() -> None:
    events, by_id = code("Hamas demanded early elections.")
    assert names(only(events, "REQUEST").actor, by_id) == {"Hamas"}
    events, _ = code("Hamas demanded it.")
    assert not events


def test_an_official_promising_what_the_state_will_do_is_its_promise() -> None:
    events, by_id = code("Fidan said Turkey would provide aid to Iraq.")
    event = only(events, "AGREE")
    assert names(event.recipient, by_id) == {"Iraq"} and event.status == "actual"
    assert not [e for e in events if e.type == "AID"]
    # another state's act is reported, not promised
    events, _ = code("Fidan said Iran would provide aid to Iraq.")
    assert not [e for e in events if e.type == "AGREE"]


def test_a_protest_lodged_with_a_government_is_a_complaint() -> None:
    events, by_id = code("Iran lodged a protest with France over the arrests.")
    event = only(events, "ACCUSE")
    assert event.cameo == "114" and names(event.actor, by_id) == {"Iran"}
    assert not [e for e in events if e.type == "PROTEST"]


def test_a_team_sent_to_investigate_investigates() -> None:
    events, _ = code("France sent a team of experts to Iraq to investigate the blast.")
    assert only(events, "ACCUSE").cameo.startswith("09")
    assert not [e for e in events if e.type == "AID"]


def test_troops_sent_to_help_protect_and_troops_massed_on_a_border_threaten() -> None:
    events, _ = code("France offered to send troops to help Iraq.")
    assert only(events, "AGREE").cameo.startswith("03")
    assert not [e for e in events if e.type == "MOBILIZE"]
    events, _ = code("Russia moved troops to the border with Ukraine.")
    assert only(events, "MOBILIZE").cameo == "154"


def test_armed_groups_handing_over_weapons_disarm_and_states_arm() -> None:
    events, _ = code("Hamas fighters handed over their weapons in Gaza on Sunday.")
    assert only(events, "RETREAT").cameo == "0873"
    events, _ = code("Iran handed over weapons to Hamas.")
    assert only(events, "AID").cameo == "072"


def test_a_bomb_going_off_is_a_bombing_and_an_ignored_deadline_a_rejection() -> None:
    events, _ = code("A car bomb exploded outside a police station in Iraq.")
    assert only(events, "ASSAULT").cameo == "183"
    events, _ = code("Iran ignored the deadline set by France.")
    assert only(events, "REJECT").cameo.startswith("12")


def test_an_adjective_before_the_infinitive_keeps_the_subject_and_sets_the_mood() -> None:
    events, by_id = code("Russia is about to restore diplomatic ties with Iraq.")
    event = only(events, "SUPPORT")
    assert names(event.actor, by_id) == {"Russia"} and event.status == "future"
    events, _ = code("Iran is likely to attack Iraq.")
    assert only(events, "ASSAULT").status == "hypothetical"


def test_reported_refusals_suspended_cooperation_and_acceding_to_demands() -> None:
    events, by_id = code("Iraq said it would not allow the inspectors to return.")
    assert names(only(events, "REJECT").actor, by_id) == {"Iraq"}
    events, _ = code("Iraq suspended cooperation with Iran.")
    assert only(events, "SANCTION").cameo == "160"
    events, by_id = code("Russia agreed to the demands of Ukraine.")
    event = only(events, "CONCEDE")
    assert event.cameo == "083" and names(event.recipient, by_id) == {"Ukraine"}
    events, _ = code("Iran sent an envoy to Iraq.")
    assert only(events, "CONSULT").cameo == "042"


def test_an_event_noun_describing_a_party_is_no_event() -> None:
    events, _ = code("Riot police fired tear gas at protesters in Iran.")
    assert not [e for e in events if e.type == "PROTEST"]
    events, _ = code("Iraq arrested the protest leaders.")
    assert [e.type for e in events] == ["COERCE"]
    events, _ = code("Iran threatened to crush the rebellion.")
    assert only(events, "THREATEN").cameo.startswith("13")


def test_a_promise_in_a_that_clause_is_a_promise_of_its_content() -> None:
    events, by_id = code("Iran promised that it would release the prisoners.")
    event = only(events, "AGREE")
    assert event.cameo == "0353" and names(event.actor, by_id) == {"Iran"}
    assert not [e for e in events if e.type == "RETREAT"]


def test_taking_part_in_peacekeeping_and_sending_a_platoon_to_keep_peace() -> None:
    events, _ = code("Iran takes part in peacekeeping operations in Iraq.")
    assert only(events, "AID").cameo == "074"
    events, _ = code("France is sending a platoon to Iraq for a peacekeeping mission.")
    assert only(events, "AID").cameo == "074"


def test_a_threat_of_an_uncoded_act_is_a_threat() -> None:
    events, by_id = code("Iran threatened to quit the coalition.")
    assert names(only(events, "THREATEN").actor, by_id) == {"Iran"}
    events, _ = code("Iran threatened to halt the peace process.")
    assert only(events, "THREATEN").cameo == "134"


def test_an_unresolved_subject_still_threatens() -> None:
    events, _ = code("The rebels threatened to quit the talks with Iran.")
    assert only(events, "THREATEN").cameo == "134"


# --------------------------------------------------------------------- codebook probe fixes
# Constructions the CAMEO codebook probes (tests/test_event_probes.py) showed missing.


@pytest.mark.parametrize(
    ("text", "type", "cameo"),
    [
        ("Germany pledged 500 million dollars to Ukraine.", "AGREE", "0331"),  # a pledge is a promise, not aid
        ("France pledged more tanks to Ukraine.", "AGREE", "0332"),
        ("Turkey declined to share intelligence with France.", "REJECT", "1214"),  # "declined to V"
        ("Germany demanded that Iran act on the report.", "REQUEST", "100"),  # a that-clause with a named party
        ("Iran ordered the French diplomats to leave.", "SANCTION", "166"),
        ("Iran expelled French aid officials.", "SANCTION", "166"),
        ("Turkey forced the Iranian fishing boats out of its waters.", "COERCE", "174"),  # particle after the object
        ("Russia rallied its allies against Ukraine.", "ACCUSE", "113"),  # the phrase hangs on the object
        ("Germany pulled out of the Russian pipeline project.", "REJECT", "121"),
        ("Iran voted against the French resolution.", "REJECT", "120"),
        ("Germany expressed disapproval of the Russian plan.", "ACCUSE", "110"),
        ("Turkey offered an apology to France.", "SUPPORT", "055"),
        ("Israel allowed the United Nations inspectors into Gaza.", "RETREAT", "086"),
        ("Bowing to pressure from Germany, Turkey dissolved the election commission.", "CONCEDE", "083"),
        ("The United States provided Ukraine with air defence systems.", "AID", "072"),
        ("France gave Germany until Friday to withdraw the proposal.", "THREATEN", "139"),
        ("Turkey said it was ready to use force against Iraq.", "THREATEN", "1384"),  # readiness to strike threatens
        ("Russia will not hesitate to impose sanctions on Turkey.", "THREATEN", "1312"),  # litotes
        ("Germany pulled its ambassador out of Iran.", "SANCTION", "161"),
        ("The parliament of Turkey voted down the French proposal.", "REJECT", "120"),
        ("Germany threw its weight behind the French initiative.", "SUPPORT", "051"),
    ],
)
def test_codebook_constructions(text: str, type: str, cameo: str) -> None:
    events, _ = code(text)
    found = [(e.type, e.cameo) for e in events]
    assert (type, cameo) in found, [(e.type, e.cameo, e.trigger) for e in events]


def test_a_concession_needs_the_pressure_and_a_guarantee_by_law_grants_nothing() -> None:
    events, _ = code("Turkey dissolved the election commission.")
    assert "CONCEDE" not in {e.type for e in events}
    events, _ = code("The constitution of Turkey guarantees the right to protest.")
    assert not events, [(e.type, e.trigger) for e in events]


def test_a_participle_describing_a_party_or_a_time_clause_is_not_the_main_act() -> None:
    from eventwire.evaluate.events import code_with_mentions, main_type

    for text, expected in [("The jailed Iranian activist has been on hunger strike for two weeks.", "PROTEST"),
                           ("French troops withdrew from the town on Monday, a witness said, two weeks after "
                            "Hamas kidnapped dozens of soldiers.", "RETREAT")]:
        events, mentions, _ = code_with_mentions(analyse(text))
        assert main_type(events, mentions) == expected, text


@pytest.mark.parametrize("text", [
    "President Trump called the Danish prime minister nasty on Wednesday.",
    "Erdogan called Netanyahu a terrorist.",
    "Iran's president called the American general a war criminal.",
])
def test_calling_somebody_names_is_a_denunciation_not_a_phone_call(text: str) -> None:
    from eventwire import extract

    events = extract(text, published="2025-05-27").events
    assert [e.type for e in events if e.trigger == "called"] == ["ACCUSE"], [(e.type, e.trigger) for e in events]


def test_an_act_named_by_a_denunciation_is_not_the_speakers_act() -> None:
    from eventwire import extract

    events = extract("Iran called the strike an act of aggression.", published="2025-05-27").events
    assert [e.type for e in events] == ["ACCUSE"], [(e.type, e.trigger, e.rule) for e in events]


def test_a_date_after_the_object_is_no_particle_and_a_date_before_one_is_skipped() -> None:
    from eventwire import extract

    result = extract("Biden called Xi Jinping on Tuesday to discuss trade.", published="2025-05-27")
    call = next(e for e in result.events if e.trigger == "called")
    recipients = {e.name for e in result.entities if e.id in call.recipient}
    assert (call.type, call.cameo) == ("CONSULT", "041") and recipients == {"Xi Jinping"}
    events = extract("The French president called on Friday for Germany to raise its defence spending.",
                     published="2025-05-27").events
    assert any(e.type == "REQUEST" and e.trigger.startswith("called") for e in events), [(e.type, e.trigger) for e in events]


def test_they_in_a_speakers_own_words_is_not_the_speaker() -> None:
    from eventwire import extract

    text = 'Jamshed Ajmal, a farmer, described the raid. "At night, they took 10 more men and shot them," Ajmal said.'
    result = extract(text, published="2025-05-27")
    ajmal = next(e.id for e in result.entities if e.name == "Jamshed Ajmal")
    assert not any(ajmal in e.actor for e in result.events), [(e.type, e.actor) for e in result.events]


def test_anonymity_requested_is_no_request() -> None:
    from eventwire import extract

    text = "An official in Kabul, who requested anonymity for fear of reprisal, said the Taliban closed the office."
    assert not [e for e in extract(text, published="2025-05-27").events if e.type == "REQUEST"]


def test_a_question_asks_and_reports_nothing() -> None:
    from eventwire import extract

    events = extract("Did Russia attack Kyiv overnight? Officials said Russian drones struck Kyiv.", published="2025-05-27").events
    assert sorted((e.trigger, e.status) for e in events if e.type == "ASSAULT") == [("attack", "hypothetical"), ("struck", "actual")]


def test_putting_an_offer_on_the_table_is_no_deployment() -> None:
    from eventwire import extract

    offer = extract("The United States put new concessions on the table in Geneva.", published="2025-05-27").events
    troops = extract("China put troops on the border with India.", published="2025-05-27").events
    assert not [e for e in offer if e.type == "MOBILIZE"] and [e.type for e in troops] == ["MOBILIZE"]


def test_an_analysts_warning_is_no_threat_a_states_is() -> None:
    from eventwire import extract

    analyst = extract('"Sanctions are waiting," warned Asli Aydintasbas, a senior fellow at a think tank.',
                      published="2025-05-27").events
    state = extract("Iran warned that it would close the Strait of Hormuz.", published="2025-05-27").events
    assert not [e for e in analyst if e.type == "THREATEN"] and [e.type for e in state] == ["THREATEN"]


def test_tourists_visiting_is_no_state_visit_a_visiting_king_is() -> None:
    from eventwire import extract

    tourists = extract("More than two million Chinese tourists visited Vietnam this year.", published="2025-05-27").events
    king = extract("The emperor hosted a banquet for the visiting Dutch king in Tokyo.", published="2025-05-27").events
    assert not [e for e in tourists if e.type == "CONSULT"]
    assert [e.cameo for e in king if e.type == "CONSULT"] == ["042"], [(e.type, e.trigger) for e in king]
