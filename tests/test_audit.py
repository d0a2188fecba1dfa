"""The public API: `scorer.audit(text)` and the shape of `to_dict()`."""

from __future__ import annotations

import json

import scorer
from tests.conftest import REWRITE


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
    import scorer.pipeline

    assert callable(scorer.audit)
    assert callable(scorer.load_document)
