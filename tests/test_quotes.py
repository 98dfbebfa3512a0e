"""The quote stage: who said what, through whom — direct, partial and indirect speech."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventwire.actors import find_entities
from eventwire.analyse import load_pipeline
from eventwire.quotes import find_quoted_segments, find_quotes, find_quotes_with_parts, quote_subjects
from eventwire.quotes.lexicon import build_lexicon, load_lexicon
from eventwire.records import Article, Entity, Quote


@functools.lru_cache(maxsize=64)
def parse(text: str) -> Doc:
    return load_pipeline()(text)


def quotes_of(text: str, entities: list[Entity] | None = None) -> tuple[list[Quote], dict[str, Entity]]:
    doc = parse(text)
    if entities is None:
        entities = find_entities(doc, Article(id="t", text=text))
    return find_quotes(doc, entities), {e.id: e for e in entities}


def one(text: str, cue: str | None = None) -> Quote:
    found, _ = quotes_of(text)
    if cue is not None:
        found = [q for q in found if q.cue == cue]
    assert len(found) == 1, [(q.cue, q.text) for q in found]
    return found[0]


def source(text: str, quote: Quote) -> str:
    assert quote.speaker_span is not None
    return text[quote.speaker_span[0]:quote.speaker_span[1]]


def segments(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quoted_segments(text)]


# ---- quotation marks --------------------------------------------------------------------------


def test_straight_quotes_nest_when_the_inner_one_plainly_opens() -> None:
    text = 'The mayor wrote, "Witnesses heard him yell "Open the gates!" before the crowd moved." Then she left.'
    assert segments(text) == ['"Witnesses heard him yell "Open the gates!" before the crowd moved."']
    # a mark that could close an unfinished quote still closes it
    assert segments('"We are ready," she said. "And so are they."') == ['"We are ready,"', '"And so are they."']


def test_curly_and_straight_marks_pair_up() -> None:
    text = '“A,” she said. "B," he said. ``C,\'\' they said.'
    assert segments(text) == ["“A,”", '"B,"', "``C,''"]


def test_nested_quotes_stay_inside_their_outer_quote() -> None:
    text = "“He told me ‘never again’ and left,” she said. \"They called it \"a trap\" today,\" he said."
    found = segments(text)
    assert found[0] == "“He told me ‘never again’ and left,”"
    assert "‘never again’" not in found


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Russia’s forces and the voters’ choice don't change 'em. It’s the ’90s."
    assert segments(text) == []


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“We will not stop, he said.\n\nThe talks ended. “Next week,” Fidan said."
    found = find_quoted_segments(text)
    assert text[found[0].start:found[0].end] == "“We will not stop, he said."
    assert found[0].closed is False
    assert text[found[1].start:found[1].end] == "“Next week,”"  # the odd mark did not flip the rest


def test_a_quote_runs_on_across_paragraphs_that_open_with_a_mark() -> None:
    text = "Lavrov said: “First paragraph.\n\n“Second paragraph.\n\n“Third and last.”\n\nThen they left."
    found = find_quoted_segments(text)
    assert [text[s.start:s.end] for s in found] == ["“First paragraph.", "“Second paragraph.", "“Third and last.”"]
    assert [s.continues for s in found] == [False, True, True]


def test_single_marks_quote_a_headline() -> None:
    assert segments("Warren Hammers CEO: ‘You Should Be Criminally Investigated.’") == [
        "‘You Should Be Criminally Investigated.’"
    ]


@given(st.text(alphabet=st.sampled_from(list("ab “”\"'‘’`«»\n.,")), max_size=200))
@settings(max_examples=300, deadline=None)
def test_segments_are_ordered_and_inside_the_text(text: str) -> None:
    found = find_quoted_segments(text)
    previous_end = 0
    for seg in found:
        assert 0 <= seg.start < seg.end <= len(text)
        assert seg.start >= previous_end
        previous_end = seg.end


# ---- direct quotes ----------------------------------------------------------------------------


def test_quote_before_the_cue() -> None:
    text = "“We are grateful for Turkey,” Russian Foreign Minister Sergei Lavrov said on Tuesday."
    quote = one(text)
    assert (quote.kind, quote.text, quote.cue) == ("direct", "“We are grateful for Turkey,”", "said")
    assert source(text, quote) == "Russian Foreign Minister Sergei Lavrov"


def test_quote_after_the_cue_with_a_colon() -> None:
    text = "Lavrov said: “Moscow is ready. We will send a delegation to Istanbul.”"
    quote = one(text)
    assert quote.kind == "direct"
    assert quote.text == "“Moscow is ready. We will send a delegation to Istanbul.”"
    assert quote.cue == "said:"
    assert source(text, quote) == "Lavrov"


def test_inverted_cue_and_speaker() -> None:
    text = "“The talks failed,” said Hakan Fidan, Turkey's foreign minister."
    quote = one(text)
    assert quote.text == "“The talks failed,”"
    assert source(text, quote).startswith("Hakan Fidan")


def test_a_quote_split_by_its_cue_keeps_both_parts() -> None:
    text = "“We are ready,” Zelensky said. “But Moscow must stop the attacks.”\n\nThe talks resume."
    doc = parse(text)
    [(quote, parts)] = find_quotes_with_parts(doc, find_entities(doc, Article(id="t", text=text)))
    assert [text[a:b] for a, b in parts] == ["“We are ready,”", "“But Moscow must stop the attacks.”"]
    assert quote.span == (parts[0][0], parts[1][1])
    assert quote.parts == parts  # the record carries them too (output contract: quotes[].parts)


def test_a_whole_quote_has_one_part() -> None:
    text = "“We are ready for talks,” Zelensky said."
    quote = one(text)
    assert [text[a:b] for a, b in quote.parts] == ["“We are ready for talks,”"]


def test_a_compound_source_names_every_speaker() -> None:
    text = "Sergei Lavrov and Hakan Fidan said the talks would continue in Istanbul."
    quote, entities = one(text), quotes_of(text)[1]
    assert [entities[i].name for i in quote.speakers] == ["Sergei Lavrov", "Hakan Fidan"]
    assert quote.speaker == quote.speakers[0]


def test_parts_and_speakers_survive_the_store() -> None:
    from eventwire import extract
    from eventwire.store import Store

    text = ("Sergei Lavrov and Hakan Fidan met in Moscow. “We are ready,” Lavrov and Fidan said. "
            "“But the ceasefire must hold.”")
    extraction = extract(text, published="2025-05-27", id="compound")
    [quote] = [q for q in extraction.quotes if "We are ready" in q.text]
    assert len(quote.parts) == 2 and len(quote.speakers) == 2
    with Store(":memory:") as store:
        store.save(extraction, content_hash="h")
        loaded = store.load("compound")
        assert loaded is not None and loaded["quotes"] == extraction.to_dict()["quotes"]
        again = store.load_extraction("compound")
        assert again is not None and again.quotes == extraction.quotes
        found = store.quotes(speaker="Fidan")  # the second speaker of the pair
        assert [row["quote_id"] for row in found] == [quote.id]


def test_a_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "Zelensky said: “We are ready for talks.\n\n"
        "“We have always been ready.\n\n"
        "“But the attacks must stop first.”\n\n"
        "Moscow did not reply."
    )
    quote = one(text)
    assert quote.text.startswith("“We are ready") and quote.text.endswith("must stop first.”")


def test_partial_quotes_woven_into_a_sentence() -> None:
    text = (
        "Trump indicated the possibility of imposing additional sanctions on Russia, condemning Putin "
        "as “absolutely CRAZY!” and accusing him of “needlessly killing a lot of people” through "
        "recent drone and missile attacks."
    )
    found, _ = quotes_of(text)
    by_cue = {q.cue: q for q in found}
    assert by_cue["condemning"].kind == "partial" and "“absolutely CRAZY!”" in by_cue["condemning"].text
    assert by_cue["accusing"].kind == "partial" and "“needlessly killing a lot of people”" in by_cue["accusing"].text
    for cue in ("condemning", "accusing"):
        assert source(text, by_cue[cue]) == "Trump"  # the participles share the subject of "indicated"


def test_a_quoted_phrase_as_object_is_partial() -> None:
    text = "During their meeting on Tuesday, Lavrov and Fidan also addressed “some setbacks” in the construction."
    quote = one(text)
    assert (quote.kind, quote.text) == ("partial", "“some setbacks”")
    assert source(text, quote) == "Lavrov and Fidan"


# ---- indirect speech and cue words ------------------------------------------------------------


def test_indirect_speech_after_the_content() -> None:
    text = (
        "Meanwhile, Russia continues to prepare a draft memorandum for a possible peace agreement with "
        "Ukraine, Russian Foreign Ministry spokeswoman Maria Zakharova said on Tuesday."
    )
    quote = one(text)
    assert quote.kind == "indirect"
    assert quote.text == "Russia continues to prepare a draft memorandum for a possible peace agreement with Ukraine"
    assert source(text, quote) == "Russian Foreign Ministry spokeswoman Maria Zakharova"


def test_indirect_speech_with_that() -> None:
    text = "Kyiv stated that the assaults injured civilians and damaged critical infrastructure."
    quote = one(text)
    assert quote.text == "that the assaults injured civilians and damaged critical infrastructure"
    assert (quote.cue, source(text, quote)) == ("stated", "Kyiv")


def test_a_quotation_with_its_own_cue_is_not_the_previous_quote() -> None:
    text = ("“It is a reflection of anger that people feel,” McCain said, citing low growth.\n\n"
            "“A lot of it is justified,” he added.")
    found, _ = quotes_of(text)
    said = next(q for q in found if q.cue == "said")
    added = next(q for q in found if q.cue == "added")
    assert [text[a:b] for a, b in said.parts] == ["“It is a reflection of anger that people feel,”"]
    assert [text[a:b] for a, b in added.parts] == ["“A lot of it is justified,”"]


def test_an_uncued_quotation_in_the_next_paragraph_carries_on() -> None:
    text = "“We will not stop,” Zelensky said.\n\n“The attacks must end before any talks.”\n\nThe talks resume."
    quote = one(text)
    assert [text[a:b] for a, b in quote.parts] == ["“We will not stop,”", "“The attacks must end before any talks.”"]


def test_a_speaker_parsed_inside_the_quoted_clause() -> None:
    text = "“It is not the position that everything is fine,” Gene Sperling, a top adviser, said at an event."
    quote = one(text, "said")
    assert quote.text == "“It is not the position that everything is fine,”"
    assert source(text, quote).startswith("Gene Sperling, a top adviser")


def test_no_attribution_inside_a_quotation() -> None:
    text = "“I think we will win, and they know it,” Zelensky said."
    found, _ = quotes_of(text)
    assert [q.cue for q in found] == ["said"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Trump is expected to deliver a victory speech tonight.", "is expected",
         ["Trump", "to deliver a victory speech tonight"]),
        ("It was reported that the talks had failed.", "was reported", ["that the talks had failed"]),
        ("Asked about the loan, Trump said it was legal.", "Asked about", ["the loan"]),
    ],
)
def test_reports_without_a_named_source(text: str, cue: str, content: list[str]) -> None:
    quote = one(text, cue)
    assert quote.speaker is None and quote.speaker_span is None
    assert [text[a:b] for a, b in quote.parts] == content


def test_an_event_verb_is_not_a_cue() -> None:
    for text in ("Russia attacked Ukraine overnight.", "Russia supports Turkey hosting the talks.",
                 "Turkey backed the ceasefire proposal."):
        assert quotes_of(text)[0] == [], text


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The minister told reporters that the deal was dead.", "told"),
        ("“It is over,” the minister added.", "added"),
        ("The minister warned that Moscow would retaliate.", "warned"),
        ("The minister wrote that the border was closed.", "wrote"),
        ("The minister posted that the border was closed.", "posted"),
        ("The ministry announced that the border was closed.", "announced"),
        ("The minister accused Kyiv of shelling the plant.", "accused"),
        ("The minister condemned the strike as a crime.", "condemned"),
        ("The minister called the strike a crime.", "called"),
        ("The minister insisted that the plant was safe.", "insisted"),
        ("The minister addressed “the situation at the plant” on Monday.", "addressed"),
    ],
)
def test_cue_verbs_beyond_said(sentence: str, cue: str) -> None:
    quote = one(sentence, cue)
    assert source(sentence, quote).lower() in {"the minister", "the ministry"}
    assert quote.text and quote.text not in {"reporters", "Kyiv"}


def test_according_to_is_a_cue() -> None:
    text = "Fidan additionally met with Russian President Vladimir Putin and Lavrov late on Monday, according to Kremlin statements."
    quote = one(text)
    assert quote.cue == "according to"
    assert source(text, quote) == "Kremlin statements"
    assert quote.text == "Fidan additionally met with Russian President Vladimir Putin and Lavrov late on Monday"


def test_said_in_a_statement_is_one_cue() -> None:
    text = "The ministry said in a statement that the talks would resume."
    quote = one(text)
    assert quote.cue == "said in a statement"
    assert quote.text == "that the talks would resume"


def test_a_passive_speech_act_takes_its_subject_as_content() -> None:
    text = "The new tariff plan was sharply criticized by the farmers' union for its timing."
    quote = one(text, "was sharply criticized")
    assert source(text, quote) == "the farmers' union"
    assert quote.text == "The new tariff plan was sharply criticized by the farmers' union for its timing"
    assert quote.parts is not None and [text[a:b] for a, b in quote.parts] == ["The new tariff plan", "for its timing"]


def test_a_passive_without_a_speech_verb_is_no_quote() -> None:
    # "arrested" is no cue: an agent of any verb is not a speaker
    assert quotes_of("The mayor was arrested by federal agents on Friday.")[0] == []


def test_an_opening_poll_phrase_sources_its_clause() -> None:
    text = "In the latest Harbor Research poll, 48 percent of voters backed the mayor."
    quote = one(text, "In")
    assert source(text, quote) == "the latest Harbor Research poll"
    assert quote.text == "48 percent of voters backed the mayor"


def test_a_poll_phrase_after_the_subject_is_no_quote() -> None:
    # "leads in the polls" says something about the polls; the polls say nothing here
    found, _ = quotes_of("The governor still leads in the polls despite the scandal.")
    assert [q.cue for q in found] == []


def test_a_closing_relative_aside_is_the_writers() -> None:
    text = "The mayor said the budget would be approved by Dana Ortiz, who chairs the finance committee."
    quote = one(text, "said")
    assert quote.text == "the budget would be approved by Dana Ortiz"


def test_a_quoted_relative_clause_stays_in_the_quote() -> None:
    text = 'The mayor said the budget was "a gift to Dana Ortiz, who never reads it."'
    quote = one(text, "said")
    assert quote.text.endswith("who never reads it.\"")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The harbour workers have been critical of the port authority's new rota.",
         "have been critical of", "the port authority's new rota"),
        ("Local farmers are optimistic that the dam will hold through the winter.",
         "are optimistic", "that the dam will hold through the winter"),
    ],
)
def test_a_stance_adjective_after_a_copula_is_a_cue(text: str, cue: str, content: str) -> None:
    quote = one(text, cue)
    assert quote.text == content
    assert source(text, quote).split()[-1] in {"workers", "farmers"}


def test_an_adjective_without_its_complement_is_no_cue() -> None:
    # "critical" of a state with no "of"/"that" complement and "it is clear that" name no stance-taker
    assert quotes_of("The patient's condition is critical.")[0] == []
    assert quotes_of("It is clear that the bridge needs repairs.")[0] == []


@pytest.mark.parametrize("text", [
    "The harbour master made it clear that the pier would stay closed.",
    "The harbour master made clear on Monday that the pier would stay closed.",
])
def test_made_clear_is_a_cue(text: str) -> None:
    quote = next(q for q in quotes_of(text)[0] if "made" in q.cue)
    assert quote.text == "that the pier would stay closed"
    assert source(text, quote) == "The harbour master"


def test_made_without_clear_is_no_cue() -> None:
    assert quotes_of("The harbour master made a new pier out of old timber.")[0] == []


def test_a_headline_surname_before_a_colon_is_the_source() -> None:
    # headline case hides the proper noun; the article names "Marta Okafor" below
    text = ("Okafor: Harbour Tax Will Not Rise This Year\n\n"
            "Finance minister Marta Okafor spoke to dock workers on Monday.")
    quote = one(text, ":")
    assert source(text, quote) == "Okafor"
    assert quote.text == "Harbour Tax Will Not Rise This Year"


def test_a_headline_poll_label_is_a_source() -> None:
    text = "Poll: Most Residents Back The New Ferry Line\n\nThe survey asked 900 residents."
    quote = one(text, ":")
    assert source(text, quote) == "Poll"


def test_a_label_before_a_list_of_names_is_no_quote() -> None:
    text = "Ohio: Ann Reed, Bo Li, Cy Park, Dee Moss, Eli Ford\n\nThese are the delegates."
    assert [q for q in quotes_of(text)[0] if q.cue == ":"] == []


def test_naming_something_keeps_what_is_named_in_the_content() -> None:
    text = 'The mayor called the new bridge "a triumph of engineering."'
    quote = one(text, "called")
    assert quote.text == 'the new bridge "a triumph of engineering."'
    assert source(text, quote) == "The mayor"


def test_referring_to_something_as_keeps_the_as_phrase() -> None:
    text = "The senator referred to the blockade as a provocation."
    quote = one(text)
    assert quote.text == "the blockade as a provocation"


def test_a_hearer_between_the_cue_and_its_preposition() -> None:
    text = "A reporter asked the governor about the closed hospital."
    quote = one(text)
    assert quote.text == "the closed hospital"
    assert source(text, quote) == "A reporter"


def test_a_clause_ending_in_a_colon_introduces_its_quotation() -> None:
    text = 'Mayor Ortiz brushed aside the question: "We will rebuild the pier next spring."'
    quote = one(text)
    assert quote.cue == "brushed aside the question:"
    assert source(text, quote) == "Mayor Ortiz"
    assert quote.text == '"We will rebuild the pier next spring."'


def test_a_description_before_a_colon_is_no_cue() -> None:
    # a copula describes the speaker's mood; the quotation has no cue of its own here
    text = 'The harbour was quiet: "Nobody came," a guard said.'
    assert [q.cue for q in quotes_of(text)[0]] == ["said"]


def test_but_opening_the_content_stays_but_meanwhile_goes() -> None:
    assert one("But the bridge will open in May, the mayor said.").text == "But the bridge will open in May"
    assert one("Meanwhile, the bridge will open in May, the mayor said.").text == "the bridge will open in May"


def test_non_speech_verbs_are_not_cues() -> None:
    assert quotes_of("Moscow declined a US-backed proposal for a 30-day ceasefire.")[0] == []
    assert quotes_of("Russia continues to prepare a draft memorandum.")[0] == []


# ---- speakers ---------------------------------------------------------------------------------


def test_a_pronoun_source_takes_the_last_speaker() -> None:
    text = "“We are ready,” Zelensky said on Monday.\n\nHe added that the delegation would fly to Istanbul."
    found, entities = quotes_of(text)
    added = next(q for q in found if q.cue == "added")
    assert source(text, added) == "He"
    assert added.speaker is not None and entities[added.speaker].name.endswith("Zelensky")


def test_a_source_without_an_entity_keeps_its_span() -> None:
    text = "Officials said the talks would resume next week."
    found, _ = quotes_of(text, entities=[])  # whatever the actors stage makes of "Officials"
    assert len(found) == 1
    quote = found[0]
    assert quote.speaker is None and quote.speakers == []
    assert source(text, quote) == "Officials"


def test_the_relative_pronoun_speaks_for_its_antecedent() -> None:
    text = "The plan was backed by Sergei Lavrov, who said that Moscow supports the talks."
    found, entities = quotes_of(text)
    said = next(q for q in found if q.cue == "said")
    assert source(text, said) == "who"
    assert said.speaker is not None and entities[said.speaker].name == "Sergei Lavrov"


def test_speaker_prefers_the_person_over_the_organisation_in_a_title() -> None:
    text = "Russia will respond, Russian Foreign Ministry spokeswoman Maria Zakharova said."
    found, entities = quotes_of(text)
    assert found and found[0].speaker is not None
    assert entities[found[0].speaker].name == "Maria Zakharova"


# ---- channels (via) ---------------------------------------------------------------------------


def _channel(name: str, start: int, kind: str = "MEDIA") -> Entity:
    return Entity(id=f"M{start}", name=name, kind=kind, sector="JRN", mentions=[(start, start + len(name))])


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Russia is ready, Zakharova said on Tuesday, as reported by the Interfax news agency.", "Interfax"),
        ("The talks will resume, Fidan told VOA on Monday.", "VOA"),
        ("Zelensky said, posting on X, that the attacks had not stopped.", "X"),
        ("Russia rejected the venue, Bloomberg reported.", "Bloomberg"),
        ("The minister said in an interview with CNN that the talks would resume.", "CNN"),
    ],
)
def test_via_names_the_channel(text: str, channel: str) -> None:
    entities = [_channel(channel, text.index(channel))]
    found, _ = quotes_of(text, entities)
    assert found, text
    assert found[0].via == entities[0].id


def test_no_channel_no_via() -> None:
    text = "The talks will resume, Fidan told reporters on Monday."
    found, _ = quotes_of(text, [])
    assert found and found[0].via is None


# ---- the reference article --------------------------------------------------------------------


def test_reference_article_quotes(reference) -> None:  # type: ignore[no-untyped-def]
    text = reference.article.text
    names = {e.id: e.name for e in reference.entities}

    def find(fragment: str) -> Quote:
        hits = [q for q in reference.quotes if fragment in q.text]
        assert len(hits) == 1, (fragment, [(q.cue, q.text) for q in reference.quotes])
        return hits[0]

    lavrov = find("We are grateful for Turkey")
    assert lavrov.kind == "direct" and names.get(lavrov.speaker or "") == "Sergei Lavrov"
    crazy = find("absolutely CRAZY!")
    assert crazy.kind == "partial" and names.get(crazy.speaker or "") == "Donald Trump"
    killing = find("needlessly killing a lot of people")
    assert killing.kind == "partial" and names.get(killing.speaker or "") == "Donald Trump"
    setbacks = find("some setbacks")
    assert setbacks.kind == "partial" and text[setbacks.speaker_span[0]:setbacks.speaker_span[1]] == "Lavrov and Fidan"
    assert names.get(setbacks.speaker or "") in {"Sergei Lavrov", "Hakan Fidan"}
    zakharova = find("Russia continues to prepare a draft memorandum")
    assert zakharova.kind == "indirect" and names.get(zakharova.speaker or "") == "Maria Zakharova"
    assert names.get(zakharova.via or "") == "Interfax"
    kyiv = find("the assaults injured civilians")
    assert kyiv.speaker is not None and text[kyiv.speaker_span[0]:kyiv.speaker_span[1]] == "Kyiv"
    ukraine = find("a record wave of Russian attacks")
    assert ukraine.speaker is not None and text[ukraine.speaker_span[0]:ukraine.speaker_span[1]] == "Ukraine"
    assert [q.id for q in reference.quotes] == [f"Q{n}" for n in range(1, len(reference.quotes) + 1)]
    for quote in reference.quotes:
        assert text[quote.span[0]:quote.span[1]] == quote.text
        assert quote.cue_span is not None and text[quote.cue_span[0]:quote.cue_span[1]] == quote.cue


def test_what_a_quote_is_about(reference) -> None:  # type: ignore[no-untyped-def]
    names = {e.id: e.name for e in reference.entities}
    lavrov = next(q for q in reference.quotes if "We are grateful for Turkey" in q.text)
    about = {names[i] for i in quote_subjects(lavrov, reference.entities)}
    assert "Turkey" in about and "Sergei Lavrov" not in about


# ---- data, robustness -------------------------------------------------------------------------


def test_users_can_add_a_cue_verb() -> None:
    lexicon = load_lexicon()
    assert lexicon.cue_verb("opine", "opined") is not None
    extended = build_lexicon({"classes": {"mine": {"content": ["clause"], "lemmas": ["grumph"]}}}, {}, {})
    assert extended.cue_verb("grumph", "grumphed") is not None
    assert extended.cue_verb("say", "said") is None


def test_yaml_on_is_a_preposition_not_a_boolean() -> None:
    assert "on" in load_lexicon().verbs["comment"].prepositions


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "“", "” ” “ “", "said", ": “", "― “x”", "“" * 50, "He said: “" + "a " * 300, "according to"],
)
def test_odd_text_gives_no_error(text: str) -> None:
    found, _ = quotes_of(text)
    for quote in found:
        assert 0 <= quote.span[0] <= quote.span[1] <= len(text)


_PIECES = list("abc XY.,:;“”\"'‘’\n―") + [" said ", " told ", " according to ", "Lavrov", " he ", "\n\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_spans_always_point_into_the_text(text: str) -> None:
    found, _ = quotes_of(text)
    for quote in found:
        assert text[quote.span[0]:quote.span[1]] == quote.text
        if quote.speaker_span:
            assert 0 <= quote.speaker_span[0] < quote.speaker_span[1] <= len(text)


def test_a_channel_is_the_medium_named_not_the_country_beside_it() -> None:
    from eventwire import extract

    text = ("Indonesia's education minister, Nadiem Makarim, told Indonesian newspaper Kompas that the "
            "results should not be packaged as good news.")
    result = extract(text, published="2025-05-27")
    names = {e.id: e.name for e in result.entities}
    assert [(names.get(q.speaker), names.get(q.via)) for q in result.quotes] == [("Nadiem Makarim", "Kompas")]
