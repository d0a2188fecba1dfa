"""Offline by design: the whole pipeline runs with every socket blocked and no nltk_data.

Run in a fresh interpreter so that imports happen under the block too; NLTK_DATA and HOME
point at empty folders so an nltk resource lookup could not succeed by accident.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tests.conftest import INDEPENDENT, REWRITE, ROOT

SCRIPT = textwrap.dedent(
    """
    import json, socket, sys

    def refuse(*args, **kwargs):
        raise OSError("network blocked by test_offline")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from scorer.load import load
    out = []
    for path in sys.argv[1:]:
        doc = load(path)
        out.append([doc.format, len(doc.sentences), len(doc.quotes), len(doc.boilerplate)])
    print(json.dumps(out))
    """
)


def test_pipeline_runs_with_the_network_blocked(tmp_path):
    markdown = tmp_path / "draft.md"
    markdown.write_text(
        "---\ntitle: Syria crisis\n---\n\n# Syria crisis\n\n"
        "A former Syrian defence minister has reportedly defected. “He is in Turkey,” Mr Labwani said.\n",
        encoding="utf-8",
    )
    html = tmp_path / "page.html"
    paragraphs = "".join(
        f"<p>Paragraph {n}: Syrian state television denied that Gen Habib had left Syria and said he was at home.</p>"
        for n in range(6)
    )
    html.write_text(
        f"<html><head><title>Syria crisis</title></head><body><article>{paragraphs}</article></body></html>"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(empty), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(INDEPENDENT), str(REWRITE), str(markdown), str(html)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        ["text", 36, 5, 3],
        ["text", 20, 2, 1],
        ["markdown", 3, 1, 0],
        ["html", 7, 0, 0],
    ]
