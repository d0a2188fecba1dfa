"""Quote pairing: within a paragraph, by flanking, robust to stray marks."""

from __future__ import annotations

from scorer.load import load_string


def quotes(text: str) -> list[tuple[str, bool]]:
    doc = load_string(text)
    return [(doc.slice(q), q.closed) for q in doc.quotes]


def test_curly_and_straight_double_quotes_pair():
    assert quotes('“One,” he said. "Two," she said.') == [("“One,”", True), ('"Two,"', True)]


def test_a_mis_typed_opening_mark_still_closes_its_quote():
    assert quotes("He said: “Not true,“ he told AFP. Then he left.") == [("“Not true,“", True)]


def test_an_unbalanced_quote_stops_at_its_paragraph_and_later_quotes_survive():
    text = (
        "“This quote is never closed, he said.\n\n"
        "A later paragraph. “This one is fine,” she said.\n\n"
        "“So is this one,” they said."
    )
    assert quotes(text) == [
        ("“This quote is never closed, he said.", False),
        ("“This one is fine,”", True),
        ("“So is this one,”", True),
    ]


def test_a_stray_closing_mark_is_skipped():
    assert quotes("It was 6” long. “Quoted,” he said.") == [("“Quoted,”", True)]


def test_apostrophes_are_not_quotes():
    assert quotes("Assad’s aide and the Russians’ plan for the ’90s don’t match.") == []


def test_single_quotes_pair_outside_double_quotes():
    assert quotes("‘He is now in Turkey,’ he said.") == [("‘He is now in Turkey,’", True)]


def test_single_quotes_inside_double_quotes_are_part_of_the_outer_quote():
    assert quotes("“He said ‘no’ to me,” she said.") == [("“He said ‘no’ to me,”", True)]


def test_a_new_opening_mark_ends_a_quote_left_open():
    assert quotes("“First part. “Second part,” he said.") == [
        ("“First part.", False),
        ("“Second part,”", True),
    ]


def test_inner_span_excludes_the_marks():
    doc = load_string("“Yes,” he said.")
    quote = doc.quotes[0]
    assert doc.text[quote.inner_start : quote.inner_end] == "Yes,"


def test_a_decade_apostrophe_does_not_open_a_quote():
    assert quotes("In the '90s he said 'yes' often.") == [("'yes'", True)]
    assert quotes("They stayed 'til dawn and said 'enough' at last.") == [("'enough'", True)]
