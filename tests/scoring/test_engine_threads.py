"""scorer.audit from several threads at once gives each text its own findings."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import scorer
from tests.conftest import article_corpus


def test_threads_auditing_at_once_get_what_one_thread_gets() -> None:
    texts = [record["articleBody"] for record in article_corpus(40)]
    alone = [scorer.audit(text).to_dict()["findings"] for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda text: scorer.audit(text).to_dict()["findings"], texts))
    assert together == alone
    assert sum(len(findings) for findings in alone) > 200
