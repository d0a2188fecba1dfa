"""The public API: `scorer.audit(text)` and the shape of `to_dict()`."""

from __future__ import annotations

import json

import scorer
from tests.conftest import INDEPENDENT, REWRITE


def test_audit_to_dict_has_the_contract_keys_and_is_json_safe():
    result = scorer.audit(REWRITE.read_text(encoding="utf-8"))
    data = result.to_dict()
    assert data["version"] == scorer.__version__
    assert data["document"]["title"] == "Someone Really Important Just Defected From Syria"
    assert data["document"]["sentences"] == 18
    assert json.loads(json.dumps(data)) == data


def test_boilerplate_is_reported_as_a_signal_with_its_pattern():
    data = scorer.audit(REWRITE.read_text(encoding="utf-8")).to_dict()
    assert [s for s in data["signals"] if s["kind"] == "boilerplate"] == [
        {
            "id": "boilerplate-2744-2756",
            "kind": "boilerplate",
            "start": 2744,
            "end": 2756,
            "text": "Image: Getty",
            "sentence": 19,
            "pattern": "image-credit",
        }
    ]


def test_audit_file_reads_a_path():
    assert scorer.audit_file(str(REWRITE)).document.source == str(REWRITE)


def test_public_functions_survive_the_import_of_every_submodule():
    import scorer.load
    import scorer.scoring.audit

    assert callable(scorer.audit)
    assert callable(scorer.load_document)


def test_every_signal_of_the_seeds_keeps_the_contract():
    from scorer.signals import KINDS

    for path in (INDEPENDENT, REWRITE):
        audit = scorer.audit_file(str(path))
        text = audit.document.text
        ids = [s.id for s in audit.signals]
        assert len(ids) == len(set(ids))
        for signal in audit.signals:
            assert signal.kind in KINDS
            assert 0 <= signal.start <= signal.end <= len(text)
            assert signal.text == text[signal.start : signal.end]
            for key in ("cue", "source", "content", "outlet"):
                part = signal.fields.get(key)
                if isinstance(part, dict) and "start" in part:
                    assert part["text"] == text[part["start"] : part["end"]], (signal.id, key)


def test_loaders_only_make_blocks_of_the_known_kinds(tmp_path):
    from scorer.load.html import load_html
    from scorer.load.markdown import load_markdown
    from scorer.load.text import load_text
    from scorer.load.types import BLOCK_KINDS

    markdown = "# Syria crisis\n\n*If confirmed, he would be the highest figure*\n\n## Background\n\nHe fled.\n"
    page = (
        "<html><head><title>Syria crisis</title></head><body><article>"
        + "<p>The general fled to Turkey at night, officials said.</p>" * 6
        + "</article></body></html>"
    )
    loaded = [
        load_text(INDEPENDENT.read_text(encoding="utf-8"), "a.txt"),
        load_markdown(markdown, "a.md"),
        load_html(page, "a.html"),
    ]
    kinds = {block.kind for item in loaded for block in item.blocks}
    assert kinds <= set(BLOCK_KINDS)
    assert {"headline", "standfirst", "heading", "body"} <= kinds
