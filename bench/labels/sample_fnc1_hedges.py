#!/usr/bin/env python3
"""Deterministic sampler for the blind FNC-1 hedge/weasel test set.

Reads ONLY /work/shared/data/fnc1/train_bodies.csv (never competition_test_*),
splits bodies into sentences with the simple rule documented below, and draws
500 sentences with random.Random(20261206):

  * stratum `random`  : 300 sentences uniformly from all kept sentences;
  * stratum `trigger` : 200 further sentences (not already chosen) uniformly
                        from kept sentences containing a TRIGGER word.

Output: a TSV of candidates (body_id, start, end, stratum, sha1, text) written
to /tmp/fnc1_hedges_candidates.tsv by default (outside the repository: the
article text is third-party copyright and must not be committed). The committed
label file bench/labels/fnc1_hedges.tsv holds only ids, offsets, sha1 and labels.

Sentence rule
-------------
1. Split each articleBody into paragraphs on newlines ("\\n", "\\r").
2. Within a paragraph, split after `.`, `!` or `?` (optionally followed by one
   closing quote or bracket: " ' ” ’ ) ]) when followed by whitespace and then
   an upper-case letter, a digit or an opening quote (" ' “ ‘).
3. Do not split after a period that ends one of the abbreviations in ABBREVS
   (matched case-sensitively on the token before the period).
4. Each sentence keeps character offsets start/end into articleBody, with
   surrounding whitespace stripped.  Keep sentences of 6..80 words
   (whitespace-separated tokens).
Bodies whose exact text already appeared under an earlier Body ID (file order)
are skipped.

Usage: python bench/labels/sample_fnc1_hedges.py [--data PATH] [--out PATH]
Python 3.11 standard library only.
"""

import argparse
import csv
import hashlib
import random
import re
import sys

SEED = 20261206
N_RANDOM = 300
N_TRIGGER = 200
MIN_WORDS, MAX_WORDS = 6, 80
DEFAULT_DATA = "/work/shared/data/fnc1/train_bodies.csv"
DEFAULT_OUT = "/tmp/fnc1_hedges_candidates.tsv"

ABBREVS = {
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Gen",
    "Sen",
    "Rep",
    "Gov",
    "Lt",
    "Col",
    "St",
    "U.S",
    "U.K",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "a.m",
    "p.m",
    "No",
    "vs",
    "Inc",
    "Corp",
    "Co",
    "Ltd",
    "Jr",
    "Sr",
}

# Broad trigger list, written from general knowledge.  It only serves to find
# enough hard cases, positive AND negative; it is not a labelling rule.
TRIGGERS = [
    "may",
    "might",
    "could",
    "would",
    "should",
    "can",
    "possibly",
    "perhaps",
    "probably",
    "likely",
    "unlikely",
    "apparently",
    "appears",
    "appear",
    "seems",
    "seem",
    "suggest",
    "suggests",
    "suggested",
    "believe",
    "believed",
    "thought",
    "reportedly",
    "allegedly",
    "alleged",
    "rumour",
    "rumor",
    "rumours",
    "rumors",
    "unconfirmed",
    "unverified",
    "if",
    "whether",
    "expected",
    "tipped",
    "understood",
    "learned",
    "claims",
    "claimed",
    "some",
    "many",
    "most",
    "experts",
    "critics",
    "widely",
    "considered",
    "regarded",
    "says",
    "said",
]
TRIGGER_RE = re.compile(r"\b(?:" + "|".join(TRIGGERS) + r")\b", re.IGNORECASE)

# Candidate boundary: terminal punctuation, optional closer, whitespace, then
# an upper-case letter / digit / opening quote (lookahead, not consumed).
BOUNDARY_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]?(?=\s+[A-Z0-9\"'\u201c\u2018])")
TOKEN_BEFORE_RE = re.compile(r"(\S+)$")


def is_abbrev(text, dot_pos):
    """True if the '.' at dot_pos ends an abbreviation from ABBREVS."""
    if text[dot_pos] != ".":
        return False
    m = TOKEN_BEFORE_RE.search(text, 0, dot_pos)
    if not m:
        return False
    tok = m.group(1).lstrip("\"'\u201c\u2018([")
    return tok in ABBREVS


def split_sentences(body):
    """Yield (start, end) offsets of stripped sentences in body."""
    for pm in re.finditer(r"[^\r\n]+", body):
        p0 = pm.start()
        para = pm.group(0)
        cuts = []
        for bm in BOUNDARY_RE.finditer(para):
            if is_abbrev(para, bm.start()):
                continue
            cuts.append(bm.end())
        prev = 0
        for c in [*cuts, len(para)]:
            seg = para[prev:c]
            lead = len(seg) - len(seg.lstrip())
            s = seg.strip()
            if s:
                start = p0 + prev + lead
                yield start, start + len(s)
            prev = c


def sha12(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load_kept(path):
    csv.field_size_limit(10**9)
    seen = set()
    kept = []  # (body_id, start, end, text)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            body = row["articleBody"]
            if body in seen:
                continue
            seen.add(body)
            bid = int(row["Body ID"])
            for s, e in split_sentences(body):
                t = body[s:e]
                if MIN_WORDS <= len(t.split()) <= MAX_WORDS:
                    kept.append((bid, s, e, t))
    return kept


def sample(kept):
    rng = random.Random(SEED)
    rand_idx = rng.sample(range(len(kept)), N_RANDOM)
    chosen = set(rand_idx)
    pool = [i for i, k in enumerate(kept) if i not in chosen and TRIGGER_RE.search(k[3])]
    trig_idx = rng.sample(pool, N_TRIGGER)
    out = [(kept[i], "random") for i in rand_idx] + [(kept[i], "trigger") for i in trig_idx]
    out.sort(key=lambda x: (x[0][0], x[0][1]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", default=DEFAULT_OUT)
    a = ap.parse_args()
    kept = load_kept(a.data)
    n_trig = sum(1 for k in kept if TRIGGER_RE.search(k[3]))
    out = sample(kept)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("body_id\tstart\tend\tstratum\tsha1\ttext\n")
        for (bid, s, e, t), stratum in out:
            clean = t.replace("\t", " ").replace("\n", " ")
            f.write(f"{bid}\t{s}\t{e}\t{stratum}\t{sha12(t)}\t{clean}\n")
    print(
        f"kept sentences: {len(kept)}; with trigger: {n_trig}; sampled: {len(out)} -> {a.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
