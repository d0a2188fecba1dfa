"""Markdown loading: markup blanked in place, so offsets and line:column are the file's."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.errors import ScorerError
from scorer.load.document import Document, Span
from scorer.load.markdown import load_markdown
from scorer.load.types import Block
from tests.counting import assert_linear

LEDE_URL = "https://www.bbc.co.uk/news/world-middle-east-19213470"
ARTICLE = (
    "# Syria crisis: General deserts Damascus and flees to Turkey\n"
    "\n"
    "*If confirmed, Ali Habib would be the highest ranking figure from the minority Alawite"
    " sect to defect since the uprising began*\n"
    "\n"
    "<!-- TODO: check the sourcing with the Beirut desk -->\n"
    "\n"
    "A former Syrian defence minister who was once a top aide of President Bashar al-Assad\n"
    f"has [reportedly defected]({LEDE_URL}) from the government side, fleeing across the\n"
    "border to Turkey in the dead of night.\n"
    "\n"
    '![Gen Ali Habib in 2011](habib.jpg "Gen Ali Habib")\n'
    "\n"
    "> Syrian state television denied that Gen Habib had left Syria and said he was still\n"
    "> at his home.\n"
    "\n"
    "The wire story was filed under `syria-defection` on the news desk.\n"
)
HEADLINE = "Syria crisis: General deserts Damascus and flees to Turkey"
STANDFIRST = (
    "If confirmed, Ali Habib would be the highest ranking figure from the minority Alawite"
    " sect to defect since the uprising began"
)


def masked(src: str) -> str:
    return load_markdown(src, "draft.md").text


def block_texts(src: str) -> list[tuple[str, str]]:
    loaded = load_markdown(src, "draft.md")
    return [(b.kind, loaded.text[b.start : b.end]) for b in loaded.blocks]


# --- the realistic article ----------------------------------------------------------------


def test_article_keeps_every_prose_word_at_its_file_offset():
    loaded = load_markdown(ARTICLE, "draft.md")
    assert len(loaded.text) == len(ARTICLE)
    for word in (
        "Syria crisis",
        "Ali Habib",
        "reportedly defected",
        "al-Assad",
        "dead of night",
        "Syrian state television",
        "at his home.",
        "The wire story",
        "news desk.",
    ):
        i = ARTICLE.index(word)
        assert loaded.text[i : i + len(word)] == word


def test_article_blanks_comment_link_target_image_and_code():
    text = load_markdown(ARTICLE, "draft.md").text
    gone = ("TODO", "<!--", "bbc.co.uk", "habib.jpg", "Gen Ali Habib in 2011", "syria-defection")
    for markup in (*gone, "#", "*", ">", "[", "]", "`"):
        assert markup not in text


def test_article_headline_standfirst_and_blocks():
    loaded = load_markdown(ARTICLE, "draft.md")
    assert loaded.format == "markdown"
    assert loaded.source == "draft.md"
    assert loaded.title == HEADLINE
    assert loaded.title_span == Span(2, 60)
    assert loaded.standfirst == STANDFIRST
    assert loaded.standfirst_span == Span(63, 63 + len(STANDFIRST))
    assert [b.kind for b in loaded.blocks] == ["headline", "standfirst", "body", "body", "body"]
    lede = loaded.blocks[2]
    assert loaded.text[lede.start : lede.end] == (
        "A former Syrian defence minister who was once a top aide of President Bashar al-Assad\n"
        "has  reportedly defected" + " " * (len(LEDE_URL) + 3) + " from the government side,"
        " fleeing across the\nborder to Turkey in the dead of night."
    )
    quote = loaded.blocks[3]
    assert loaded.text[quote.start : quote.end] == (
        "Syrian state television denied that Gen Habib had left Syria and said he was still\n"
        "  at his home."
    )
    last = loaded.blocks[4]
    assert loaded.text[last.start : last.end] == (
        "The wire story was filed under" + " " * 19 + "on the news desk."
    )


# --- each kind of masking -------------------------------------------------------------------


def test_inline_link_keeps_its_text_only():
    assert masked("See [the report](http://x.org/a) now") == "See  the report                  now"


def test_link_title_is_blanked_with_the_destination():
    assert masked('See [it](/a "The title") now') == "See  it" + " " * 17 + " now"


def test_reference_links_keep_text_and_definitions_vanish():
    src = "Read [the report][r] and [more].\n\n[r]: http://x.org\n[more]: http://y.org\n"
    assert masked(src) == "Read  the report     and  more .\n\n" + " " * 17 + "\n" + " " * 20 + "\n"


def test_undefined_reference_is_left_as_text():
    assert masked("A [bracketed] aside") == "A [bracketed] aside"


def test_image_is_blanked_with_its_alt_text():
    assert masked('An ![alt text](pic.png "A title") here') == "An" + " " * 32 + "here"


def test_image_inside_link_leaves_nothing():
    assert masked("[![logo](l.png)](http://x.org)") == " " * 30


def test_code_spans_are_blanked():
    assert masked("Run `rm -rf` or ``a ` b`` now") == "Run" + " " * 10 + "or" + " " * 11 + "now"


def test_unmatched_backtick_is_text():
    assert masked("It costs `5 dollars") == "It costs `5 dollars"


def test_fenced_and_indented_code_blocks_are_blanked_line_by_line():
    src = "Text\n\n```python\nx = 1\n```\n\n~~~\ny\n~~~\n\n    indented code\n"
    assert masked(src) == (
        "Text\n\n"
        + " " * 9
        + "\n"
        + " " * 5
        + "\n"
        + " " * 3
        + "\n\n"
        + " " * 3
        + "\n"
        + " "
        + "\n"
        + " " * 3
        + "\n\n"
        + " " * 17
        + "\n"
    )


def test_html_comments_and_tags_are_blanked_but_text_between_tags_kept():
    src = (
        'Said <!-- check\nthis --> <span class="x">yes</span><br> ok\n\n'
        "<!-- block\ncomment -->\n\nEnd"
    )
    assert masked(src) == (
        "Said "
        + " " * 10
        + "\n"
        + " " * 8
        + " "
        + " " * 16
        + "yes"
        + " " * 11
        + " ok\n\n"
        + " " * 10
        + "\n"
        + " " * 11
        + "\n\nEnd"
    )


def test_autolink_is_blanked_and_bare_url_stays():
    assert masked("Mail <http://x.org> or http://y.org") == "Mail " + " " * 14 + " or http://y.org"


def test_emphasis_delimiters_are_blanked_only_where_they_are_markup():
    src = "*a* **b** _c_ __d__ ~~e~~ snake_case_word 2 * 3"
    assert masked(src) == " a    b    c    d     e   snake_case_word 2 * 3"


def test_backslash_escape_blanks_the_backslash_only():
    assert masked(r"Not \*emphasis\* here") == "Not  *emphasis * here"


def test_heading_markers_and_setext_underline_are_blanked():
    src = "## Sub heading ##\n\nTitle\n=====\n\nBody"
    assert masked(src) == "   Sub heading   \n\nTitle\n     \n\nBody"


def test_blockquote_and_list_markers_are_blanked():
    src = "> quoted\n\n- one\n* two\n\n1. first\n2. second"
    assert masked(src) == "  quoted\n\n  one\n  two\n\n   first\n   second"


def test_thematic_break_and_table_markup_are_blanked():
    src = "Before\n\n***\n\n| a | b |\n|---|:-:|\n| c | d |\n"
    assert masked(src) == "Before\n\n   \n\n  a   b  \n         \n  c   d  \n"
    assert block_texts(src) == [("body", "Before"), ("body", "a   b"), ("body", "c   d")]


def test_escaped_pipe_in_a_table_cell_is_kept():
    src = "| a \\| b | c |\n|---|---|\n"
    assert masked(src) == "  a  | b   c  \n" + " " * 9 + "\n"


def test_nested_containers_and_lazy_lines():
    src = "> - item one\n>   continued\nlazy line\n\n- > quoted in a list"
    assert masked(src) == "    item one\n    continued\nlazy line\n\n    quoted in a list"
    assert block_texts(src) == [
        ("body", "item one\n    continued\nlazy line"),
        ("body", "quoted in a list"),
    ]


# --- blocks -----------------------------------------------------------------------------------


def test_blocks_are_trimmed_to_their_prose():
    assert load_markdown("  Padded *para*  \n", "d.md").blocks == (Block(2, 14, "body"),)


def test_each_list_item_paragraph_is_a_block():
    src = "Intro:\n\n- First point.\n- Second point.\n"
    assert block_texts(src) == [
        ("body", "Intro:"),
        ("body", "First point."),
        ("body", "Second point."),
    ]


def test_code_only_document_has_no_blocks():
    src = "```\nprint('hi')\n```\n"
    loaded = load_markdown(src, "d.md")
    assert loaded.blocks == ()
    assert loaded.text == "   \n           \n   \n"


def test_image_only_and_html_only_documents_have_no_blocks():
    assert load_markdown("![a photo](b.png)\n", "d.md").blocks == ()
    assert load_markdown("<div>\nraw html\n</div>\n", "d.md").blocks == ()


# --- front matter ---------------------------------------------------------------------------


def test_front_matter_gives_title_byline_date_and_standfirst():
    src = (
        "---\ntitle: Syria crisis\nauthor:\n  - Jim Muir\n  - Ian Pannell\ndate: 2012-08-06\n"
        "description: A general defects\nunknown: 1\n---\nBody text.\n"
    )
    loaded = load_markdown(src, "d.md")
    assert loaded.title == "Syria crisis"
    assert loaded.title_span is None
    assert loaded.byline == "Jim Muir, Ian Pannell"
    assert loaded.date == "2012-08-06"
    assert loaded.standfirst == "A general defects"
    assert loaded.standfirst_span is None
    assert loaded.text == re.sub(r"[^\n]", " ", src[:-11]) + "Body text.\n"
    assert loaded.blocks == (Block(124, 134, "body"),)


def test_front_matter_byline_string_datetime_and_dots_closer():
    src = "---\nbyline: Jim Muir\ndate: 2012-08-06 09:30:00\n...\nBody.\n"
    loaded = load_markdown(src, "d.md")
    assert (loaded.byline, loaded.date) == ("Jim Muir", "2012-08-06T09:30:00")
    assert loaded.text.endswith("   \nBody.\n")


def test_front_matter_title_matching_first_heading_makes_it_the_headline():
    loaded = load_markdown("---\ntitle: Syria crisis\n---\n# Syria crisis\n\nBody. More.", "d.md")
    assert loaded.title == "Syria crisis"
    assert loaded.title_span == Span(30, 42)
    assert [b.kind for b in loaded.blocks] == ["headline", "body"]


def test_front_matter_title_differing_from_heading_leaves_it_a_heading():
    loaded = load_markdown("---\ntitle: Other\n---\n# Syria crisis\n\nBody.", "d.md")
    assert (loaded.title, loaded.title_span) == ("Other", None)
    assert [b.kind for b in loaded.blocks] == ["heading", "body"]


def test_malformed_front_matter_names_the_file_and_line():
    with pytest.raises(ScorerError) as caught:
        load_markdown("---\ntitle: ok\nbyline: a: b\n---\nText\n", "drafts/d.md")
    assert (caught.value.path, caught.value.line) == ("drafts/d.md", 3)
    assert str(caught.value) == (
        "drafts/d.md:3: front matter is not valid YAML: mapping values are not allowed here"
    )


@pytest.mark.parametrize(
    ("src", "blocks"),
    [
        (
            "---\nJust a paragraph between rules\n---\nBody.",
            [("heading", "Just a paragraph between rules"), ("body", "Body.")],
        ),
        ("---\n- a\n- b\n---\nText\n", [("body", "a"), ("body", "b"), ("body", "Text")]),
        (
            "---\nA sentence: with two: colons.\n\nAnother paragraph.\n---\nText\n",
            [
                ("body", "A sentence: with two: colons."),
                ("heading", "Another paragraph."),
                ("body", "Text"),
            ],
        ),
        ("---\n[unbalanced\n...\nText\n", [("body", "[unbalanced\n...\nText")]),
    ],
    ids=["scalar", "list", "yaml-error", "dots-closer"],
)
def test_rules_around_a_block_without_keys_are_markdown_not_front_matter(src, blocks):
    # The text between the `---` lines stays prose where it stands in the file.
    loaded = load_markdown(src, "d.md")
    assert loaded.title is None and loaded.byline is None
    assert block_texts(src) == blocks
    assert loaded.text[: len("---")] == "   "


@pytest.mark.parametrize(
    "src",
    ["---\n- title: x\n  date: 2020-01-01\n---\nText\n", "---\n- author: A\n---\nText\n"],
    ids=["list-of-mappings", "one-item"],
)
def test_front_matter_with_keys_that_is_not_a_mapping_is_an_error(src):
    with pytest.raises(ScorerError) as caught:
        load_markdown(src, "d.md")
    assert str(caught.value) == "d.md:1: front matter is not a YAML mapping"


def test_invalid_yaml_in_a_block_with_keys_is_still_an_error():
    with pytest.raises(ScorerError) as caught:
        load_markdown("---\ntitle: [unclosed\n---\nText\n", "d.md")
    assert str(caught.value) == (
        "d.md:3: front matter is not valid YAML: expected ',' or ']', but got '<stream end>'"
    )


def test_impossible_date_in_front_matter_is_an_error_not_a_crash():
    with pytest.raises(ScorerError, match=r"month must be in 1\.\.12"):
        load_markdown("---\ndate: 2012-13-45\n---\nText\n", "d.md")


def test_unclosed_front_matter_is_ordinary_markdown():
    loaded = load_markdown("---\ntitle: x\n", "d.md")
    assert loaded.title is None
    assert loaded.text == "   \ntitle: x\n"


# --- title and standfirst from the text -----------------------------------------------------


def test_first_level_one_heading_is_the_title_with_its_span():
    loaded = load_markdown("# Syria crisis: General deserts Damascus #\n\nBody text here.", "d.md")
    assert loaded.title == "Syria crisis: General deserts Damascus"
    assert loaded.title_span == Span(2, 40)
    assert loaded.blocks[0] == Block(2, 40, "headline")


def test_setext_heading_is_the_title():
    loaded = load_markdown("Syria crisis\n============\n\nBody", "d.md")
    assert (loaded.title, loaded.title_span) == ("Syria crisis", Span(0, 12))


def test_title_with_inline_markup_is_the_words_and_span_covers_them():
    loaded = load_markdown("# The *big* story\n\nBody.", "d.md")
    assert loaded.title == "The big story"
    assert loaded.title_span == Span(2, 17)
    assert loaded.text[2:17] == "The  big  story"


def test_italic_paragraph_after_headline_is_the_standfirst_even_with_two_sentences():
    loaded = load_markdown("# T\n\n_Stand first. It says more._\n\nBody.", "d.md")
    assert loaded.standfirst == "Stand first. It says more."
    assert loaded.standfirst_span == Span(6, 32)
    assert [b.kind for b in loaded.blocks] == ["headline", "standfirst", "body"]


def test_short_single_sentence_with_no_closing_stop_after_headline_is_the_standfirst():
    loaded = load_markdown("# T\n\nA short line\n\nBody.", "d.md")
    assert (loaded.standfirst, loaded.standfirst_span) == ("A short line", Span(5, 17))


def test_a_one_sentence_lede_ending_in_a_full_stop_is_copy_not_a_standfirst():
    loaded = load_markdown(
        "# T\n\nThe minister resigned on Tuesday, officials said.\n\nBody.", "d.md"
    )
    assert loaded.standfirst is None
    assert [b.kind for b in loaded.blocks] == ["headline", "body", "body"]


def test_two_sentence_paragraph_is_not_a_standfirst():
    loaded = load_markdown("# T\n\nOne sentence. Another one.\n\nBody.", "d.md")
    assert (loaded.standfirst, loaded.standfirst_span) == (None, None)
    assert [b.kind for b in loaded.blocks] == ["headline", "body", "body"]


def test_partly_italic_paragraph_is_judged_as_plain_text():
    loaded = load_markdown("# T\n\n*One* sentence. *Another* one.\n\nBody.", "d.md")
    assert loaded.standfirst is None


def test_front_matter_standfirst_keeps_a_short_paragraph_as_body():
    loaded = load_markdown("---\ndescription: Given.\n---\n# T\n\nA short line.\n", "d.md")
    assert (loaded.standfirst, loaded.standfirst_span) == ("Given.", None)
    assert [b.kind for b in loaded.blocks] == ["headline", "body"]


# --- line endings and line:column ------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_input_map_like_lf(newline):
    lf = "# Title\n\n> quoted *text*\n\nA [link](u) here.\n"
    other = lf.replace("\n", newline)
    loaded = load_markdown(other, "d.md")
    assert len(loaded.text) == len(other)
    assert loaded.text.replace(newline, "\n") == load_markdown(lf, "d.md").text
    assert [loaded.text[b.start : b.end] for b in loaded.blocks] == [
        "Title",
        "quoted  text",
        "A  link     here.",
    ]
    assert loaded.title_span == Span(2, 7)


def test_offset_of_a_word_is_its_line_and_column_in_the_file():
    src = "---\r\ntitle: T\r\n---\r\n# T\r\n\r\nIntro.\r\n> - Habib fled\r\n"
    loaded = load_markdown(src, "d.md")
    at = loaded.text.index("Habib")
    assert src[at : at + 5] == "Habib"
    assert Document(text=loaded.text).line_col(at) == (7, 5)


# --- robustness -------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "---\n", "...\n", "# ", "=\n", "> ", "- ", "1. ", "*", "_", "**", "~~", "`", "```", "[", "]",
    "(", ")", "![", "<", ">", "<!--", "-->", "\\", "|", "|---|", "\n", "\r\n", "\r", " ", "    ",
    "\t", "Word", "http://x.org", "&amp;", '"', ":", "[r]: /u", "title: x\n", "\0", "\ufeff",
    "<b>", "</b>", "date: 2012-13-45\n",
])  # fmt: skip
_MARKDOWNISH = st.one_of(
    st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=50).map("".join)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWNISH)
def test_any_text_loads_or_raises_scorer_error_and_keeps_its_shape(src):
    try:
        loaded = load_markdown(src, "d.md")
    except ScorerError:
        return
    assert len(loaded.text) == len(src)
    assert [i for i, c in enumerate(loaded.text) if c in "\r\n"] == [
        i for i, c in enumerate(src) if c in "\r\n"
    ]
    assert all(out in (orig, " ") for out, orig in zip(loaded.text, src, strict=True))
    for block in loaded.blocks:
        assert loaded.text[block.start : block.end].strip() == loaded.text[block.start : block.end]


@pytest.mark.slow
def test_pathological_input_loads_in_linear_time():
    """Counted, not timed (tests/counting.py): 4x the input, at most 10x the work."""

    def src(n: int) -> str:
        return "[a](" * n + "<a " * n + "*a " * n + "`" * 3 + "x`" * n + "\\*" * n

    assert len(load_markdown(src(20_000), "d.md").text) == len(src(20_000))
    assert_linear(lambda text: load_markdown(text, "d.md"), src, 500)
