"""The measures of ``speed_table.py``: in this process (index build, one ranking, all-vs-all, the profile PDF)
and in processes of their own (start, cold rank, the index from its saved copy, the window's first ranking
and memory peak). Public entry points only: ``App``, ``app.matcher``, ``services``, ``matchdesk``, the window."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from speed_common import ALL_VS_ALL_MAX, RANK_SAMPLE, ROOT, TODAY, Row, log, timed, timed_cpu

CANDIDATE_SQL = ("SELECT id, klantnummer, municipality, woonplaats, doelgroep, categorie, banenafspraak, "
                 "beschut_indicatie, ontheffing_until, wsw, taalachterstand, driving_licences, max_travel_km, "
                 "hours_per_week, available_from, wishes, desired_occupations, work_limitations, deleted_at, "
                 "archived_at, version FROM candidates")
SKILL_SQL = "SELECT candidate_id, text, skill_id FROM candidate_skills ORDER BY candidate_id, position"
LANGUAGE_SQL = "SELECT candidate_id, language, skill, level FROM candidate_languages"

# -- in-process measures: index build, one ranking, all-vs-all, the profile PDF --------------------------------
def raw_rows(app) -> dict[str, list[tuple]]:
    """The index's rows read through a raw DBAPI cursor of the same (encrypted) database: the floor."""
    connection = app.db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        rows = {}
        for name, sql in (("candidates", CANDIDATE_SQL), ("skills", SKILL_SQL), ("languages", LANGUAGE_SQL)):
            cursor.execute(sql)
            rows[name] = cursor.fetchall()
        return rows
    finally:
        connection.close()


def skill_matrices(app):
    """Candidates x canonical skills and canonical skills x vacancies (scipy CSR), read with a raw cursor."""
    import numpy as np
    from scipy import sparse

    connection = app.db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT candidate_id, skill_id FROM candidate_skills WHERE skill_id IS NOT NULL")
        candidate_skills = cursor.fetchall()
        cursor.execute("SELECT id FROM candidates WHERE deleted_at IS NULL")
        candidates = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT vacancy_id, skill_id FROM vacancy_skills WHERE skill_id IS NOT NULL")
        vacancy_skills = cursor.fetchall()
        cursor.execute("SELECT reference, id FROM vacancies WHERE deleted_at IS NULL ORDER BY reference")
        vacancies = cursor.fetchall()
    finally:
        connection.close()
    skills = {s: i for i, s in enumerate(sorted({s for _, s in candidate_skills} | {s for _, s in vacancy_skills}))}
    row_of = {c: i for i, c in enumerate(candidates)}
    pairs = [(row_of[c], skills[s]) for c, s in candidate_skills if c in row_of]
    people = sparse.csr_matrix((np.ones(len(pairs)), ([p[0] for p in pairs], [p[1] for p in pairs])),
                               shape=(len(candidates), len(skills)))
    column_of = {v: i for i, (_, v) in enumerate(vacancies)}
    wanted = [(skills[s], column_of[v]) for v, s in vacancy_skills if v in column_of]
    jobs = sparse.csr_matrix((np.ones(len(wanted)), ([w[0] for w in wanted], [w[1] for w in wanted])),
                             shape=(len(skills), len(vacancies)))
    return people, jobs, [reference for reference, _ in vacancies]


def in_process(args, size: int, path: Path, rows: dict[str, Row]) -> None:
    from matchdesk.app import App
    from matchdesk.matching.engine import Filters

    if "build" in args.only:
        row = rows.setdefault(f"build{size}", Row("build", "candidate index build", size, "s",
                                                  "raw-cursor read of the same rows"))
        for run in range(args.runs):
            with App.open(path, user="demo", today=TODAY) as app:  # no cache folder: built from the database
                row.floors.append(timed(lambda app=app: raw_rows(app)))
                row.runs.append(timed_cpu(lambda app=app: app.matcher.warm_up(), row))
            log(f"build {size:,} run {run + 1}: {row.runs[-1]:.2f} s, raw read {row.floors[-1]:.2f} s")
    if not ({"rank", "all", "pdf"} & set(args.only)):
        return
    with App.open(path, user="demo", today=TODAY) as app:
        people, jobs, references = skill_matrices(app)
        service = app.matcher
        service.warm_up()
        if "rank" in args.only:
            row = rows.setdefault(f"rank{size}", Row("rank", "rank one vacancy, top 50 explained", size, "ms",
                                                     "one sparse product of the same shape"))
            sample = references[:: max(1, len(references) // RANK_SAMPLE)][:RANK_SAMPLE]
            service.rank_for_vacancy(sample[0], TODAY, Filters(), 50)  # first query's one-off costs
            for reference in sample:
                vector = jobs[:, references.index(reference)].toarray().ravel()
                row.floors.append(timed(lambda vector=vector: people @ vector))
                row.runs.append(timed(lambda r=reference: service.rank_for_vacancy(r, TODAY, Filters(), 50)))
            row.note = f"{len(sample)} vacancies, one each"
            log(f"rank {size:,}: median {statistics.median(row.runs) * 1000:.0f} ms")
        if "all" in args.only and size <= ALL_VS_ALL_MAX:
            row = rows.setdefault(f"all{size}", Row("all", f"all-vs-all, {len(references)} vacancies x {size:,}",
                                                    size, "s", "the sparse product of the whole"))
            for run in range(args.runs):
                row.floors.append(timed(lambda: people @ jobs))
                row.runs.append(timed(lambda: [service.rank_for_vacancy(r, TODAY, Filters(), 10) for r in references]))
                log(f"all-vs-all {size:,} run {run + 1}: {row.runs[-1]:.1f} s")
            row.note = "top 10 explained each"
        if "pdf" in args.only and size == min(args.sizes):
            pdf_rows(app, size, args.runs * 3, rows)


def plain_reportlab() -> bytes:
    """A plain reportlab document of about a profile's size: heading, paragraphs, a table; one page."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()
    story = [Paragraph("Kandidaatprofiel", styles["Title"])]
    for number in range(12):
        story += [Paragraph(f"Onderdeel {number + 1}", styles["Heading3"]),
                  Paragraph("Ervaring in productie en logistiek, heftruckcertificaat, beschikbaar per direct. " * 2,
                            styles["BodyText"])]
    story += [Spacer(1, 8), Table([[f"vaardigheid {i}", "niveau 3", "bevestigd"] for i in range(10)])]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def pdf_rows(app, size: int, runs: int, rows: dict[str, Row]) -> None:
    from matchdesk.services.profiles import profile_pdf

    connection = app.db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(f"SELECT klantnummer FROM candidates WHERE deleted_at IS NULL ORDER BY klantnummer LIMIT {runs}")
        numbers = [r[0] for r in cursor.fetchall()]
    finally:
        connection.close()
    row = rows.setdefault("pdf", Row("pdf", "profile PDF (full, one candidate)", size, "ms",
                                     "a plain reportlab document"))
    profile_pdf(app, numbers[0], anonymous=False)  # fonts and styles once, as in a running app
    plain_reportlab()
    for number in numbers:
        row.floors.append(timed(plain_reportlab))
        row.runs.append(timed(lambda n=number: profile_pdf(app, n, anonymous=False)))
    row.note = f"{len(numbers)} candidates, one each"


# -- process measures: start, first ranking and memory, cold rank ----------------------------------------------
def process_rows(args, size: int, path: Path, rows: dict[str, Row]) -> None:
    import first_ranking
    import startup

    env_cache = args.cache / f"xdg-{size}"  # this size's own user cache folder (the saved index copy)
    os.environ["XDG_CACHE_HOME"] = str(env_cache)
    if "start" in args.only:
        row = rows.setdefault(f"start{size}", Row("start", "start to first painted page", size, "ms",
                                                  "bare PySide6 window process"))
        command = [sys.executable, "-m", "matchdesk", "--db", str(path), "--user", "demo", "--today",
                   TODAY.isoformat(), "--quit-when-ready"]
        startup.timed(command, "MATCHDESK_READY")  # the OS file cache warmed once
        for run in range(args.runs):
            row.floors.append(startup.timed([sys.executable, "-c", startup.BASELINE], None))
            row.runs.append(startup.timed(command, "MATCHDESK_READY"))  # (its CPU would count the time after READY)
            log(f"start {size:,} run {run + 1}: {row.runs[-1] * 1000:.0f} ms, bare {row.floors[-1] * 1000:.0f} ms")
    if "cold" in args.only:
        row = rows.setdefault(f"cold{size}", Row("cold", "cold `matchdesk rank --json` with a saved index", size,
                                                 "s", "import numpy + raw read of the copy"))
        references = [f"V2026-{n:05d}" for n in range(1, args.runs + 2)]
        command = [sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY.isoformat(), "rank",
                   "--top", "20", "--json", "--vacancy"]

        def cold(reference: str) -> None:
            subprocess.run([*command, reference], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)

        cold(references[0])  # saves the index copy when there is none yet (not timed)
        copies = sorted((env_cache / "MatchDesk").glob("index-*"))
        if not copies:
            raise SystemExit(f"no saved index in {env_cache / 'MatchDesk'}")
        floor = [sys.executable, "-c", "import sys, numpy; open(sys.argv[1], 'rb').read()", str(copies[-1])]
        for run, reference in enumerate(references[1:]):
            row.floors.append(timed(lambda: subprocess.run(floor, check=True)))
            row.runs.append(timed_cpu(lambda r=reference: cold(r), row, children=True))
            log(f"cold rank {size:,} run {run + 1}: {row.runs[-1]:.2f} s, floor {row.floors[-1]:.2f} s")
        row.note = f"copy {copies[-1].stat().st_size / 1e6:.0f} MB"
    if "load" in args.only:
        load_rows(args, size, path, env_cache / "MatchDesk", rows)

    if "first" in args.only or "memory" in args.only:
        for after in args.after:
            row = rows.setdefault(f"first{size}-{after}", Row(
                "first", f"first ranking in the window, asked {after:g} s after the first paint", size, "ms",
                "the same ranking again in that process"))
            memory = rows.setdefault(f"memory{size}", Row("memory", "window memory peak after the first ranking",
                                                          size, "MB", "index arrays (nbytes)"))
            for run in range(args.runs):
                result = first_ranking.one(path, after, "V2026-00001", None)
                row.runs.append(result["first"] / 1000)
                row.floors.append(result["again"] / 1000)
                if after == args.after[0]:
                    memory.runs.append(result["peak_mb"])
                    memory.floors.append(result["index_mb"])
                log(f"first ranking {size:,} after {after:g} s run {run + 1}: {result['first']:.0f} ms, "
                     f"again {result['again']:.0f} ms, peak {result['peak_mb']:.0f} MB")
            memory.note = f"VmHWM, asked {args.after[0]:g} s after paint"

def load_rows(args, size: int, path: Path, cache: Path, rows: dict[str, Row]) -> None:
    """A start that finds the saved index: a fresh ``App`` with the cache folder, ``app.matcher.warm_up()`` (the
    copy taken over and checked against the database) | floor: a raw read of the copy's bytes."""
    from matchdesk.app import App

    copies = sorted(cache.glob("index-*"))
    if not copies:  # no cold rank in this run: one untimed process saves it
        subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY.isoformat(), "rank",
                        "--top", "1", "--json", "--vacancy", "V2026-00001"], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        copies = sorted(cache.glob("index-*"))
    row = rows.setdefault(f"load{size}", Row("load", "candidate index from the saved copy (a start)", size, "s",
                                             "raw read of the copy"))
    for run in range(args.runs):
        row.floors.append(timed(copies[-1].read_bytes))
        with App.open(path, user="demo", today=TODAY, cache_dir=cache) as app:
            row.runs.append(timed_cpu(lambda app=app: app.matcher.warm_up(), row))
            taken_over = app.matcher.from_cache
        log(f"index from the copy {size:,} run {run + 1}: {row.runs[-1]:.2f} s (taken over: {taken_over})")
    row.note = f"copy {copies[-1].stat().st_size / 1e6:.0f} MB" + ("" if taken_over else "; NOT taken over: rebuilt")
