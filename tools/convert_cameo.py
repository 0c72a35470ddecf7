"""Convert the CAMEO codebook and PETRARCH2's verb dictionary into newsgraph data files.

Usage (from the repository root):

    .venv/bin/python tools/convert_cameo.py ../shared/data

writes ``src/newsgraph/data/cameo-eventcodes-2013-12.csv`` (GDELT's CAMEO lookups:
code, label, Goldstein value, quad class) and
``src/newsgraph/data/event-patterns-petrarch2-2015-04.jsonl`` (CAMEO.2.0.txt, MIT,
as 'verb' and 'pattern' records over lemmas). Re-running gives the same files.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.extract.events_petrarch import read_petrarch_verbs  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "data"
CODEBOOK = "cameo-eventcodes-2013-12.csv"
PATTERNS = "event-patterns-petrarch2-2015-04.jsonl"
ACTOR_CODES = "cameo-actorcodes-2016-08.csv"


def quad_class(code: str) -> int:
    """GDELT's QuadClass by root: 01-05 verbal coop, 06-08 material coop, 09-13 verbal conflict, 14-20 material."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _tsv(path: Path) -> dict[str, str]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return {r.split("\t")[0].strip(): r.split("\t")[1].strip() for r in rows if "\t" in r}


def convert_codebook(cameo_dir: Path, out: Path) -> int:
    """Join event names and Goldstein values; fix the one mojibake label of the source."""
    labels = _tsv(cameo_dir / "CAMEO.eventcodes.txt")
    goldstein = _tsv(cameo_dir / "CAMEO.goldsteinscale.txt")
    labels = {k: v.replace("ÒhirdÓlocation", "'third' location") for k, v in labels.items()}
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "label", "goldstein", "quad_class", "source"])
        for code in sorted(labels):
            source = "gdelt:CAMEO.eventcodes.txt+CAMEO.goldsteinscale.txt"
            w.writerow([code, labels[code], goldstein[code], quad_class(code), source])
    return len(labels)


def convert_verbs(verbs_file: Path, out: Path) -> int:
    """PETRARCH verb dictionary -> JSONL records (one per verb, one per pattern)."""
    records = read_petrarch_verbs(verbs_file)
    with out.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(records)


def convert_actor_codes(cameo_dir: Path, out: Path) -> int:
    """CAMEO role/type and known-group codes (GDELT lookups), to split actor codes into GDELT columns."""
    n = 0
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "label", "kind", "source"])
        for kind, name in (("type", "CAMEO.type.tsv"), ("knowngroup", "CAMEO.knowngroup.tsv")):
            for code, label in sorted(_tsv(cameo_dir / name).items()):
                w.writerow([code, label, kind, f"gdelt:{name}"])
                n += 1
    return n


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    n = convert_codebook(data / "cameo", OUT / CODEBOOK)
    m = convert_verbs(data / "cameo" / "phoenix" / "CAMEO.2.0.txt", OUT / PATTERNS)
    k = convert_actor_codes(data / "cameo", OUT / ACTOR_CODES)
    print(f"{CODEBOOK}: {n} codes; {PATTERNS}: {m} records; {ACTOR_CODES}: {k} codes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
