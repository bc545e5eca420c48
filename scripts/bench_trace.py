#!/usr/bin/env python3
"""Close-contact tracing on DuckDB and PostgreSQL, compared with Cordon's answer and timings.

Called by scripts/bench-trace after `cordon bench trace --export DIR` has written to DIR:
  presence.csv      person,place,kind,start,end,seat  (minutes since 1970, end >= start)
  cases.csv         case,from,to                      (100 cases and their tracing windows)
  cordon-close.csv  case,contact,minutes              (Cordon's close contacts)
and printed `trace median: X ms` and `trace p99: Y ms` (saved in --cordon-output).

A close contact of a case is everyone other than the case whose overlap with the case's stays at
places of kind venue, checkpoint, compound or pharmacy, clipped to the case's window [from, to) and
summed over those places, is at least 15 minutes. The generator writes no overlapping stays of one
person at one place, so the plain sum of pairwise overlaps equals Cordon's merged sum, and every
engine must return exactly Cordon's (case, contact, minutes) rows.

Exit status: 0 when the three engines agree (whether or not the speed goals are met), 1 when they
disagree or a step fails.
"""

import argparse
import csv
import math
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

CLOSE_KINDS = ("venue", "checkpoint", "compound", "pharmacy")
CLOSE_MINUTES = 15

# Goals of the tracing issue: Cordon's median per case against each engine's median.
GOAL_VS_DUCKDB = 100.0
GOAL_VS_POSTGRES = 10.0
GOAL_MEDIAN_MS = 10.0

PG_SCHEMA = "cordon_bench_trace"  # our own schema, so a shared server's tables are never touched
SHOWN_DIFFERENCES = 10

# One query text for both engines ($1 case, $2 window from, $3 window to), run as a prepared
# statement. The join condition is the overlap test on the clipped intervals, written so that
# PostgreSQL can range-scan an index on (place, start); greatest(0, …) only guards zero-length stays.
# The kind filter is on the case's stays: a place has one kind (checked on load), as in Cordon.
OVERLAP = 'greatest(0, least(c."end", o."end", $3) - greatest(c."start", o."start", $2))'
CLOSE_CONTACTS_SQL = f"""
SELECT o.person AS contact, sum({OVERLAP}) AS minutes
FROM {{table}} AS c
JOIN {{table}} AS o
  ON o.place = c.place
 AND o."start" < least(c."end", $3)
 AND o."end" > greatest(c."start", $2)
WHERE c.person = $1
  AND c.kind IN ({", ".join(f"'{k}'" for k in CLOSE_KINDS)})
  AND c."start" < $3
  AND c."end" > $2
  AND o.person <> $1
GROUP BY o.person
HAVING sum({OVERLAP}) >= {CLOSE_MINUTES}
"""


def fail(message):
    print(f"bench_trace: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def say(message):
    print(f"bench_trace: {message}", flush=True)


# ---------------------------------------------------------------- inputs


def read_csv_rows(path, header):
    """Rows of a CSV file as tuples of ints, after checking the header against the contract."""
    if not path.is_file():
        fail(f"{path} is missing")
    with path.open(newline="") as f:
        reader = csv.reader(f)
        got = next(reader, None)
        if got != header:
            fail(f"{path}: header {got} is not {header}")
        try:
            return [tuple(int(v) for v in row) for row in reader if row]
        except ValueError as e:
            fail(f"{path}: line {reader.line_num}: {e}")


def read_cordon_timings(path):
    """Cordon's own timings per case from its output: the close-contact query alone (`close query
    median/p99: X ms`, the query the other engines run, so the ratios use it) and the full trace
    with every category and secondary contacts (`trace median/p99: X ms`, the issue's latency goal)."""
    text = path.read_text(errors="replace")
    found = {}
    for label in ("close query median", "close query p99", "trace median", "trace p99"):
        m = re.search(rf"(?m)^{label}\s*:\s*([0-9]+(?:\.[0-9]+)?)\s*ms", text)
        if not m:
            fail(f"`{label}: X ms` not found in the output of cordon bench trace ({path})")
        found[label] = float(m.group(1))
    FULL_TRACE["median"] = found["trace median"]
    FULL_TRACE["p99"] = found["trace p99"]
    return found["close query median"], found["close query p99"]


# Cordon's full-trace latency (all categories), for the median goal.
FULL_TRACE = {}


# ---------------------------------------------------------------- statistics


def p99(values):
    """Nearest-rank 99th percentile: with 100 cases, the second slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


class EngineRun:
    """One engine's answer, {(case, contact): minutes}, and its milliseconds per case."""

    def __init__(self, name):
        self.name = name
        self.answer = {}
        self.ms = []

    @property
    def median(self):
        return statistics.median(self.ms)

    @property
    def p99(self):
        return p99(self.ms)


class CordonRun(EngineRun):
    """Cordon's answer from cordon-close.csv; its timings are its own, printed by cordon bench trace
    (measured inside the process, so they leave out no client round trip the others pay)."""

    def __init__(self, median_ms, p99_ms):
        super().__init__("Cordon")
        self.median_ms = median_ms
        self.p99_ms = p99_ms

    @property
    def median(self):
        return self.median_ms

    @property
    def p99(self):
        return self.p99_ms


# ---------------------------------------------------------------- DuckDB


def sql_string(s):
    return "'" + str(s).replace("'", "''") + "'"


def run_duckdb(work_dir, cases):
    import duckdb  # installed by scripts/bench-trace

    con = duckdb.connect()  # in memory: the fastest DuckDB can be, so the strictest anchor
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    say(f"DuckDB {duckdb.__version__}, in memory, {threads} threads")
    loads = {}

    # Column types given explicitly: person and place are unsigned 32-bit, as in Cordon.
    csv_path = work_dir / "presence.csv"
    started = time.perf_counter()
    con.execute(
        "CREATE TABLE presence AS SELECT * FROM read_csv("
        f"{sql_string(csv_path)}, header = true, "
        "columns = {'person': 'UINTEGER', 'place': 'UINTEGER', 'kind': 'VARCHAR', "
        "'start': 'BIGINT', 'end': 'BIGINT', 'seat': 'INTEGER'})"
    )
    loads["DuckDB: presence.csv into a table"] = time.perf_counter() - started
    rows = con.execute("SELECT count(*) FROM presence").fetchone()[0]
    say(f"DuckDB loaded {rows:,} stays in {loads['DuckDB: presence.csv into a table']:.2f} s")

    # The SQL answers are only comparable with Cordon's if every place has one kind.
    mixed = con.execute(
        "SELECT count(*) FROM (SELECT place FROM presence GROUP BY place HAVING count(DISTINCT kind) > 1)"
    ).fetchone()[0]
    if mixed:
        fail(f"{mixed} places appear with more than one kind in presence.csv; the contract has one kind per place")

    parquet_path = work_dir / "presence.parquet"
    started = time.perf_counter()
    con.execute(f"COPY presence TO {sql_string(parquet_path)} (FORMAT parquet)")
    loads["DuckDB: table to presence.parquet"] = time.perf_counter() - started
    size_mb = parquet_path.stat().st_size / 1e6
    say(f"DuckDB wrote presence.parquet ({size_mb:,.1f} MB) in {loads['DuckDB: table to presence.parquet']:.2f} s")
    # A view, so that every query reads the file again, as a query on data at rest would.
    con.execute(f"CREATE VIEW presence_parquet AS SELECT * FROM read_parquet({sql_string(parquet_path)})")

    runs = []
    for label, table, statement in (
        ("DuckDB (table in memory)", "presence", "close_table"),
        ("DuckDB (Parquet file)", "presence_parquet", "close_parquet"),
    ):
        con.execute(f"PREPARE {statement} AS " + CLOSE_CONTACTS_SQL.format(table=table))
        run = EngineRun(label)
        execute = lambda case, f, t: con.execute(f"EXECUTE {statement}({case}, {f}, {t})").fetchall()
        execute(*cases[0])  # warm-up, untimed: the first query pays for caches and allocations
        for case, f, t in cases:
            started = time.perf_counter()
            result = execute(case, f, t)
            run.ms.append((time.perf_counter() - started) * 1000)
            for contact, minutes in result:
                run.answer[(case, int(contact))] = int(minutes)
        say(f"{label}: median {run.median:.2f} ms, p99 {run.p99:.2f} ms")
        runs.append(run)
    con.close()
    return runs, loads, rows


# ---------------------------------------------------------------- PostgreSQL


class Psql:
    """Runs SQL scripts through Debian's psql: unaligned, no headers, comma-separated, stop on error."""

    def __init__(self, psql, url, work_dir):
        self.command = [psql, "-X", "-q", "-A", "-t", "-F", ",", "-v", "ON_ERROR_STOP=1", "-d", url]
        self.work_dir = work_dir

    def run(self, script, name):
        path = self.work_dir / f"{name}.sql"
        path.write_text(script)
        done = subprocess.run(self.command + ["-f", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            fail(f"psql ({name}) exited {done.returncode}:\n{done.stderr.strip()}")
        return done.stdout

    def timed(self, script, name):
        started = time.perf_counter()
        self.run(script, name)
        return time.perf_counter() - started


def connect_postgres(work_dir, url, psql_path):
    """The psql runner and the server's version, checked before the long DuckDB part starts."""
    if "'" in str(work_dir):
        fail(f"the work dir {work_dir} contains a quote, which psql's \\copy cannot take")
    db = Psql(psql_path, url, work_dir)
    version = db.run("SHOW server_version;", "pg-version").split()[0]  # "15.18 (Debian …)"
    return db, version


def run_postgres(db, version, work_dir, cases):
    csv_path = work_dir / "presence.csv"
    say(f"PostgreSQL {version}")
    table = f"{PG_SCHEMA}.presence"
    loads = {}

    # person and place are unsigned 32-bit, beyond int's range: bigint. Minutes since 1970 fit int.
    # \copy reads the file in the client, so the server's user needs no access to the work dir.
    db.run(
        f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE;\n"
        f"CREATE SCHEMA {PG_SCHEMA};\n"
        f'CREATE TABLE {table} (person bigint, place bigint, kind text, "start" int, "end" int, seat int);\n',
        "pg-create",
    )
    loads["PostgreSQL: COPY presence.csv"] = db.timed(
        f"\\copy {table} FROM '{csv_path}' WITH (FORMAT csv, HEADER true)\n", "pg-copy"
    )
    say(f"PostgreSQL copied presence.csv in {loads['PostgreSQL: COPY presence.csv']:.2f} s")
    # (place, start) serves the overlap scan of the other stays at a place; (person) finds the
    # case's own stays, which would otherwise be a sequential scan of the whole table per case.
    loads["PostgreSQL: index on (place, start)"] = db.timed(
        f'CREATE INDEX presence_place_start ON {table} (place, "start");\n', "pg-index-place"
    )
    loads["PostgreSQL: index on (person)"] = db.timed(
        f"CREATE INDEX presence_person ON {table} (person);\n", "pg-index-person"
    )
    loads["PostgreSQL: ANALYZE"] = db.timed(f"ANALYZE {table};\n", "pg-analyze")
    say("PostgreSQL indexed and analysed the table in "
        f"{sum(v for k, v in loads.items() if 'COPY' not in k):.2f} s")

    prepare = (
        f"SET search_path = {PG_SCHEMA};\n"
        "PREPARE close_contacts(bigint, int, int) AS "
        + CLOSE_CONTACTS_SQL.format(table="presence").strip()
        + ";\n"
    )
    # The plan, for the record: both indexes should appear in it.
    plan = db.run(prepare + f"EXPLAIN EXECUTE close_contacts({cases[0][0]}, {cases[0][1]}, {cases[0][2]});\n",
                  "pg-explain")
    say("PostgreSQL plan for the first case:\n    " + "\n    ".join(plan.rstrip().splitlines()))

    # One session for all cases: one warm-up execution, then \timing (client-side, result
    # included, like the DuckDB timings) around each execution, each preceded by a marker line.
    lines = [prepare, f"EXECUTE close_contacts({cases[0][0]}, {cases[0][1]}, {cases[0][2]});", "\\timing on"]
    for case, f, t in cases:
        lines.append(f"\\echo @case {case}")
        lines.append(f"EXECUTE close_contacts({case}, {f}, {t});")
    out = db.run("\n".join(lines) + "\n", "pg-queries")

    run = EngineRun(f"PostgreSQL {version}")
    timed = {}
    case = None
    for line in out.splitlines():
        if line.startswith("@case "):
            case = int(line.split()[1])
        elif case is None or not line.strip():
            continue  # the warm-up's rows and blank lines
        elif line.startswith("Time: "):
            m = re.match(r"Time: ([0-9.]+) ms", line)
            if not m:
                fail(f"psql printed an unexpected timing line: {line!r}")
            timed[case] = float(m.group(1))
        else:
            contact, minutes = line.split(",")
            run.answer[(case, int(contact))] = int(minutes)
    missing = [c for c, _, _ in cases if c not in timed]
    if missing:
        fail(f"psql printed no timing for cases {missing[:5]}")
    run.ms = [timed[c] for c, _, _ in cases]
    say(f"{run.name}: median {run.median:.2f} ms, p99 {run.p99:.2f} ms")

    db.run(f"DROP SCHEMA {PG_SCHEMA} CASCADE;\n", "pg-drop")
    return run, loads


# ---------------------------------------------------------------- comparison and report


def compare(reference, run):
    """How run's answer differs from the reference's: (lines on the contact sets, lines on the
    minutes of the pairs both found). Both empty when the answers are identical."""
    ref, got = reference.answer, run.answer
    only_ref = sorted(ref.keys() - got.keys())
    only_run = sorted(got.keys() - ref.keys())
    other_minutes = sorted(k for k in ref.keys() & got.keys() if ref[k] != got[k])
    sets, minutes = [], []
    if only_ref or only_run:
        sets.append(f"{run.name}: (case, contact) pairs only in {reference.name}: {len(only_ref)}, only in "
                    f"{run.name}: {len(only_run)} (first {SHOWN_DIFFERENCES} of each)")
        sets += [f"  case {c}, contact {p}: {reference.name} {ref[(c, p)]} min, {run.name} none"
                 for c, p in only_ref[:SHOWN_DIFFERENCES]]
        sets += [f"  case {c}, contact {p}: {reference.name} none, {run.name} {got[(c, p)]} min"
                 for c, p in only_run[:SHOWN_DIFFERENCES]]
    if other_minutes:
        minutes.append(f"{run.name}: pairs with other minutes than {reference.name}: {len(other_minutes)} "
                       f"(first {SHOWN_DIFFERENCES})")
        minutes += [f"  case {c}, contact {p}: {reference.name} {ref[(c, p)]} min, {run.name} {got[(c, p)]} min"
                    for c, p in other_minutes[:SHOWN_DIFFERENCES]]
    return sets, minutes


def ratio(run, cordon):
    return run.median / cordon.median if cordon.median > 0 else math.inf


def report(cordon, runs, loads, cases, stays, events):
    print()
    title = f"## Close-contact tracing, {cases} cases, {stays:,} stays"
    print(title + (f" (--events {events:,})" if events else ""))
    print()
    print("| engine | median ms | p99 ms | median ÷ Cordon's |")
    print("|---|---|---|---|")
    print(f"| Cordon (close-contact query) | {cordon.median:.3f} | {cordon.p99:.3f} | 1× |")
    for run in runs:
        print(f"| {run.name} | {run.median:.2f} | {run.p99:.2f} | {ratio(run, cordon):,.1f}× |")
    print()
    print("| load step | seconds |")
    print("|---|---|")
    for step, seconds in loads.items():
        print(f"| {step} | {seconds:.2f} |")
    print()

    # The DuckDB goal is judged against its faster form, the stricter reading.
    duck = min((r for r in runs if r.name.startswith("DuckDB")), key=lambda r: r.median)
    pg = next(r for r in runs if r.name.startswith("PostgreSQL"))
    goals = [
        (f"Cordon full-trace median < {GOAL_MEDIAN_MS:g} ms", f"{FULL_TRACE['median']:.3f} ms (p99 {FULL_TRACE['p99']:.3f})",
         FULL_TRACE["median"] < GOAL_MEDIAN_MS),
        (f"≥ {GOAL_VS_DUCKDB:g}× {duck.name}", f"{ratio(duck, cordon):,.1f}×",
         ratio(duck, cordon) >= GOAL_VS_DUCKDB),
        (f"≥ {GOAL_VS_POSTGRES:g}× PostgreSQL", f"{ratio(pg, cordon):,.1f}×",
         ratio(pg, cordon) >= GOAL_VS_POSTGRES),
    ]
    print("| goal | measured | |")
    print("|---|---|---|")
    for goal, measured, met in goals:
        print(f"| {goal} | {measured} | {'met' if met else '**not met**'} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work-dir", required=True, type=Path)
    parser.add_argument("--cordon-output", required=True, type=Path)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--psql", default="psql")
    parser.add_argument("--events", type=int, default=0, help="only for the report's title")
    args = parser.parse_args()
    work_dir = args.work_dir.resolve()

    cases = read_csv_rows(work_dir / "cases.csv", ["case", "from", "to"])
    if not cases:
        fail(f"{work_dir / 'cases.csv'} has no cases")
    case_ids = {c for c, _, _ in cases}
    if len(case_ids) != len(cases):
        fail("cases.csv names a case twice")

    cordon = CordonRun(*read_cordon_timings(args.cordon_output))
    for case, contact, minutes in read_csv_rows(work_dir / "cordon-close.csv", ["case", "contact", "minutes"]):
        if case not in case_ids:
            fail(f"cordon-close.csv has case {case}, which is not in cases.csv")
        if (case, contact) in cordon.answer:
            fail(f"cordon-close.csv lists contact {contact} of case {case} twice")
        cordon.answer[(case, contact)] = minutes
    say(f"{len(cases)} cases; Cordon found {len(cordon.answer):,} close contacts "
        f"(median {cordon.median_ms} ms, p99 {cordon.p99_ms} ms per case)")

    db, pg_version = connect_postgres(work_dir, args.database_url, args.psql)
    duck_runs, duck_loads, stays = run_duckdb(work_dir, cases)
    pg_run, pg_loads = run_postgres(db, pg_version, work_dir, cases)
    runs = duck_runs + [pg_run]

    print()
    # The contract makes every engine's answer equal to Cordon's, minutes included: any difference
    # is a bug on one side, and the timings mean nothing until it is found.
    comparisons = [compare(cordon, run) for run in runs]
    set_lines = [line for sets, _ in comparisons for line in sets]
    minute_lines = [line for _, minutes in comparisons for line in minutes]
    engines = ", ".join(["Cordon"] + [r.name for r in runs])
    if set_lines:
        print("contact sets: DIFFERENT")
        print("\n".join(set_lines))
    else:
        print(f"contact sets: identical ({len(cordon.answer):,} (case, contact) pairs in {engines})")
    if minute_lines:
        print("minutes: DIFFERENT")
        print("\n".join(minute_lines))
    else:
        print("minutes: identical" + ("" if set_lines else f" in {engines}")
              + (" (for the pairs found by all)" if set_lines else ""))
    differences = set_lines or minute_lines

    report(cordon, runs, {**duck_loads, **pg_loads}, len(cases), stays, args.events)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
