"""Ranking quality (issue 5): NDCG@10 on the hand-graded set, next to a plain TF-IDF baseline.

    .venv/bin/python benchmarks/evaluate.py [--db /tmp/matchdesk-bench/demo-9000.db]

The labels (``benchmarks/labels/rank_labels.csv``, grades 0-3) were made from the vacancies'
requirements before the scorer was tuned; see ``benchmarks/labels/README.md``. For each labelled
vacancy its 20 candidates are ordered (1) by the matching engine exactly as ``rank`` orders them
(eligible first, then score) and (2) by TF-IDF cosine similarity between the vacancy's text (title,
description, skills) and each candidate's text (skills, wishes, desired occupations), the baseline.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

TODAY = dt.date(2026, 11, 23)
HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels" / "rank_labels.csv"


def ndcg_at(ranked_grades: list[int], all_grades: list[int], k: int = 10) -> float:
    def dcg(grades):
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(all_grades, reverse=True))
    return dcg(ranked_grades) / ideal if ideal > 0 else 1.0


def main() -> int:
    from bench_key import ensure_key

    ensure_key()  # the demo databases are encrypted: one key file for the benchmark folder
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/matchdesk-bench/demo-9000.db"))
    parser.add_argument("--labels", type=Path, default=LABELS, help="graded pairs (vacature;klantnummer;cijfer)")
    args = parser.parse_args()
    if not args.db.exists():
        subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(args.db), "--today", TODAY.isoformat(), "demo",
                        "--candidates", "9000", "--seed", "1"], check=True)

    sys.path.insert(0, str(HERE / "labels"))
    from dossier import FINGERPRINTS, build_dossiers, fingerprints

    if fingerprints(build_dossiers(args.db, TODAY.isoformat())) != FINGERPRINTS.read_text(encoding="utf-8"):
        print("De gelabelde paren horen bij andere demogegevens (de demogenerator is veranderd): dezelfde "
              "klantnummers zijn nu andere mensen. Selecteer en beoordeel opnieuw (benchmarks/labels/README.md).",
              file=sys.stderr)
        return 1

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from matchdesk.app import App
    from matchdesk.matching.profiles import vacancy_profile
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import MatchService
    from matchdesk.storage.database import Database
    from matchdesk.storage.models import Candidate, Vacancy

    labels: dict[str, dict[str, int]] = defaultdict(dict)
    with args.labels.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            labels[row["vacature"]][row["klantnummer"]] = int(row["cijfer"])

    db = Database.open(args.db)
    service = MatchService(App(db, user='tester', today=dt.date(2026, 11, 23), rulebooks=load_rulebooks()))
    engine, index = service.engine, service.engine.index
    engine_scores, baseline_scores = [], []
    with db.reading() as session:
        index.refresh(session)
        people = {c.klantnummer: c for c in session.scalars(
            select(Candidate).where(Candidate.deleted_at.is_(None)).options(selectinload(Candidate.skills)))}
        texts = {k: " ".join([*(s.text for s in c.skills), c.wishes or "", (c.desired_occupations or "")])
                 for k, c in people.items()}
        tfidf = TfidfVectorizer(sublinear_tf=True).fit(list(texts.values()))
        for reference, graded in sorted(labels.items()):
            vacancy = session.scalar(select(Vacancy).where(Vacancy.reference == reference)
                                     .options(selectinload(Vacancy.skills), selectinload(Vacancy.languages)))
            numbers = sorted(graded)
            grades = [graded[k] for k in numbers]
            # the engine, through the same vectorised path and order as `rank`
            profile = vacancy_profile(vacancy, engine.resolver)
            rows = np.array([index.row_of[people[k].id] for k in numbers])
            scores = index.score(engine.scorer.terms(profile, TODAY), TODAY, rows)
            blocked = engine._blocked_rows(rows, profile.kind, TODAY)
            order = sorted(range(len(numbers)), key=lambda i: (blocked[i], -round(scores.total[i], 6), numbers[i]))
            engine_scores.append(ndcg_at([grades[i] for i in order], grades))
            # the baseline: TF-IDF cosine of vacancy text and candidate text
            query = " ".join([vacancy.title, vacancy.description or "", *(s.text for s in vacancy.skills)])
            matrix = tfidf.transform([texts[k] for k in numbers])
            similarity = (matrix @ tfidf.transform([query]).T).toarray().ravel()
            order = sorted(range(len(numbers)), key=lambda i: (-similarity[i], numbers[i]))
            baseline_scores.append(ndcg_at([grades[i] for i in order], grades))
    service.close()
    engine_mean, baseline_mean = statistics.mean(engine_scores), statistics.mean(baseline_scores)
    print(f"labels: {args.labels.name}")
    print(f"gelabelde vacatures: {len(labels)}; paren: {sum(len(v) for v in labels.values())}")
    print(f"NDCG@10 matching:      {engine_mean:.3f}")
    print(f"NDCG@10 TF-IDF-basis:  {baseline_mean:.3f}")
    print(f"verschil:              {engine_mean - baseline_mean:+.3f} (doel: minstens +0.10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
