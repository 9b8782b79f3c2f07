#!/usr/bin/env python3
"""What each trigger-kept cache saves: the query a route runs on the cache, and the plain query
it would run without it (a count over an index, a GROUP BY day, the partial index tickets_queue),
timed on the same database. See Benchmarks/caches.sh, which makes the databases, and
docs/schema/README.md, where the results are kept.

    Benchmarks/caches.py sqlite PATH [RUNS]
    Benchmarks/caches.py postgres URL [RUNS]

SQLite queries run in this process (Python's sqlite3, the same library build as the server's is
not guaranteed, so compare the two columns of one run, not with the server's figures). PostgreSQL
queries run as EXPLAIN (ANALYZE) in one psql session: planning plus execution time, without the
network (the server prepares its busiest statements, so planning is an upper bound). Each query
runs RUNS times (default 40) after one warm-up run; the table gives the median and the slowest.
"""
import re
import sqlite3
import statistics
import subprocess
import sys
import time

ACTIVE = "status NOT IN ('resolved', 'closed')"


def scenarios(store, staff, tech, ticket, day):
    """(cache, what the route asks, cached query, plain query) for each measured question."""
    trend30 = day - 29
    trend365 = day - 364
    if store == "sqlite":
        day_start = "(t.created_at / 86400000) * 86400000"
        dayexpr = "created_at / 86400000"
        resolved_day = "resolved_at / 86400000"
        since30 = trend30 * 86400000
        since365 = trend365 * 86400000
    else:
        day_start = "to_timestamp(utc_day(t.created_at) * 86400.0)"
        dayexpr = "utc_day(created_at)"
        resolved_day = "utc_day(resolved_at)"
        since30 = f"to_timestamp({trend30} * 86400.0)"
        since365 = f"to_timestamp({trend365} * 86400.0)"
    position_cached = (
        f"SELECT 1 + (SELECT coalesce(sum(n), 0) FROM queue_blocks WHERE priority > t.priority)"
        f" + (SELECT coalesce(sum(n), 0) FROM queue_blocks WHERE priority = t.priority AND block < {dayexpr.replace('created_at', 't.created_at')} / 32)"
        f" + (SELECT coalesce(sum(n), 0) FROM queue_days WHERE priority = t.priority"
        f"    AND day >= {dayexpr.replace('created_at', 't.created_at')} / 32 * 32 AND day < {dayexpr.replace('created_at', 't.created_at')})"
        f" + (SELECT count(*) FROM tickets a WHERE a.{ACTIVE} AND a.priority = t.priority"
        f"    AND a.created_at >= {day_start}"
        f"    AND (a.created_at, a.id) < (t.created_at, t.id))"
        f" FROM tickets t WHERE t.id = {ticket}"
    )
    position_plain = (
        f"SELECT 1 + (SELECT count(*) FROM tickets a WHERE a.{ACTIVE}"
        f" AND (a.priority > t.priority OR (a.priority = t.priority AND (a.created_at, a.id) < (t.created_at, t.id))))"
        f" FROM tickets t WHERE t.id = {ticket}"
    )
    rows = [
        ("ticket_counts", "GET /tickets: total of all tickets",
         "SELECT coalesce(sum(n), 0) FROM ticket_counts",
         "SELECT count(*) FROM tickets"),
        ("ticket_counts", "GET /tickets?status=open,in progress: total",
         "SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE status IN ('open', 'in progress')",
         "SELECT count(*) FROM tickets WHERE status IN ('open', 'in progress')"),
        ("ticket_counts", "GET /tickets?priority=high: total",
         "SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE priority = 3",
         "SELECT count(*) FROM tickets WHERE priority = 3"),
        ("ticket_counts", "GET /tickets as staff: total of own tickets",
         f"SELECT (SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE created_by_id = {staff})"
         f" + (SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE assigned_to_id = {staff} AND created_by_id <> {staff})",
         f"SELECT (SELECT count(*) FROM tickets WHERE created_by_id = {staff})"
         f" + (SELECT count(*) FROM tickets WHERE assigned_to_id = {staff} AND created_by_id <> {staff})"),
        ("ticket_counts", "a technician's queue (assigned to me, open or in progress): total",
         f"SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE assigned_to_id = {tech} AND status IN ('open', 'in progress')",
         f"SELECT count(*) FROM tickets WHERE assigned_to_id = {tech} AND status IN ('open', 'in progress')"),
        ("ticket_category_counts", "GET /tickets?category=none: total (no generated ticket has a category)",
         "SELECT coalesce(sum(n), 0) FROM ticket_category_counts WHERE category IN ('')",
         "SELECT count(*) FROM tickets WHERE category IS NULL"),
        ("ticket_category_counts", "GET /tickets?category=none as staff: total of own tickets",
         f"SELECT (SELECT coalesce(sum(n), 0) FROM ticket_category_counts WHERE created_by_id = {staff} AND category IN (''))"
         f" + (SELECT coalesce(sum(n), 0) FROM ticket_category_counts"
         f"    WHERE assigned_to_id = {staff} AND created_by_id <> {staff} AND category IN (''))",
         f"SELECT (SELECT count(*) FROM tickets WHERE created_by_id = {staff} AND category IS NULL)"
         f" + (SELECT count(*) FROM tickets WHERE assigned_to_id = {staff} AND created_by_id <> {staff} AND category IS NULL)"),
        ("ticket_counts", "GET /stats: tickets per assignee, status and priority",
         "SELECT assigned_to_id, status, priority, sum(n) FROM ticket_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0",
         "SELECT coalesce(assigned_to_id, 0), status, priority, count(*) FROM tickets GROUP BY 1, 2, 3"),
        ("queue_days, queue_blocks", "GET /tickets/{id}: queue position of an active low-priority ticket",
         position_cached, position_plain),
        ("ticket_days", "GET /stats: 30-day trend",
         f"SELECT day, created, resolved FROM ticket_days WHERE day BETWEEN {trend30} AND {day} ORDER BY day",
         f"SELECT d, sum(c), sum(r) FROM (SELECT {dayexpr} AS d, 1 AS c, 0 AS r FROM tickets WHERE created_at >= {since30}"
         f" UNION ALL SELECT {resolved_day}, 0, 1 FROM tickets WHERE resolved_at >= {since30}) AS x GROUP BY d ORDER BY d"),
        ("ticket_days", "GET /stats?days=365: trend",
         f"SELECT day, created, resolved FROM ticket_days WHERE day BETWEEN {trend365} AND {day} ORDER BY day",
         f"SELECT d, sum(c), sum(r) FROM (SELECT {dayexpr} AS d, 1 AS c, 0 AS r FROM tickets WHERE created_at >= {since365}"
         f" UNION ALL SELECT {resolved_day}, 0, 1 FROM tickets WHERE resolved_at >= {since365}) AS x GROUP BY d ORDER BY d"),
    ]
    if store == "sqlite":
        rows.append(("ticket_search viewer tokens", "GET /tickets?q=printer as staff: total",
                     f"SELECT count(*) FROM ticket_search WHERE ticket_search MATCH '(\"printer\") AND viewers : \"viewer{staff}\"'",
                     f"SELECT count(*) FROM ticket_search CROSS JOIN tickets t ON t.id = ticket_search.rowid"
                     f" WHERE ticket_search MATCH '\"printer\"' AND (t.created_by_id = {staff} OR t.assigned_to_id = {staff})"))
    else:
        rows.append(("ticket_lexeme_counts", "GET /tickets?q=printer: total",
                     "SELECT n FROM ticket_lexeme_counts WHERE viewer_id = 0 AND lexeme = 'printer'",
                     "SELECT count(*) FROM tickets t WHERE t.document @@ plainto_tsquery('english', 'printer')"))
        rows.append(("ticket_lexeme_counts", "GET /tickets?q=printer as staff: total",
                     f"SELECT n FROM ticket_lexeme_counts WHERE viewer_id = {staff} AND lexeme = 'printer'",
                     f"SELECT (SELECT count(*) FROM tickets t WHERE created_by_id = {staff} AND t.document @@ plainto_tsquery('english', 'printer'))"
                     f" + (SELECT count(*) FROM tickets t WHERE assigned_to_id = {staff} AND created_by_id <> {staff}"
                     f" AND t.document @@ plainto_tsquery('english', 'printer'))"))
    return rows


def sqlite_times(path, queries, runs):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.execute("PRAGMA cache_size = -65536")
    times = []
    for query in queries:
        db.execute(query).fetchall()
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            db.execute(query).fetchall()
            samples.append((time.perf_counter() - started) * 1000)
        times.append(samples)
    return times


def sqlite_parameters(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return parameters(lambda sql: db.execute(sql).fetchone()[0], "created_at / 86400000")


def psql(url, script):
    return subprocess.run(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-tA"], input=script, capture_output=True,
                          text=True, check=True).stdout


def postgres_parameters(url):
    return parameters(lambda sql: psql(url, sql + ";\n").strip(), "utc_day(created_at)")


def parameters(scalar, dayexpr):
    staff = int(scalar("SELECT id FROM users WHERE email = 'staff1@generated.example'"))
    tech = int(scalar("SELECT id FROM users WHERE email = 'tech1@generated.example'"))
    # The newest active low-priority ticket: the most tickets are ahead of it in the queue.
    ticket = int(scalar(f"SELECT id FROM tickets WHERE {ACTIVE} AND priority = 1 ORDER BY created_at DESC, id DESC LIMIT 1"))
    day = int(scalar(f"SELECT max({dayexpr}) FROM tickets"))
    return staff, tech, ticket, day


def postgres_times(url, queries, runs):
    script = []
    for query in queries:
        script.append(f"EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) {query};")
        for _ in range(runs):
            script.append(f"EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) {query};")
    output = psql(url, "\n".join(script) + "\n")
    planning = [float(x) for x in re.findall(r"Planning Time: ([0-9.]+) ms", output)]
    execution = [float(x) for x in re.findall(r"Execution Time: ([0-9.]+) ms", output)]
    totals = [p + e for p, e in zip(planning, execution)]
    per = runs + 1
    return [totals[i * per + 1:(i + 1) * per] for i in range(len(queries))]


def main():
    store, target = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    if store == "sqlite":
        staff, tech, ticket, day = sqlite_parameters(target)
        count = sqlite3.connect(f"file:{target}?mode=ro", uri=True).execute("SELECT count(*) FROM tickets").fetchone()[0]
    else:
        staff, tech, ticket, day = postgres_parameters(target)
        count = int(psql(target, "SELECT count(*) FROM tickets;\n").strip())
    rows = scenarios(store, staff, tech, ticket, day)
    queries = [query for row in rows for query in (row[2], row[3])]
    times = sqlite_times(target, queries, runs) if store == "sqlite" else postgres_times(target, queries, runs)
    print(f"| {store} | {count:,} tickets | {runs} runs each | median / slowest, ms |")
    print("| cache | question | with the cache | without |")
    print("|---|---|---|---|")
    for index, (cache, question, _, _) in enumerate(rows):
        cached, plain = times[2 * index], times[2 * index + 1]
        print(f"| {cache} | {question} | {statistics.median(cached):.2f} / {max(cached):.2f}"
              f" | {statistics.median(plain):.2f} / {max(plain):.2f} |")


if __name__ == "__main__":
    main()
