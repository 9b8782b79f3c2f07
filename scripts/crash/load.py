#!/usr/bin/env python3
"""Write load for the crash-safety check (standard library only).

`load.py run` sends creates, comments and status changes over HTTP from several threads
until the server stops answering (it is killed with SIGKILL meanwhile), and writes every
write that got a 2xx to a JSON file. `load.py verify` checks, against the restarted server,
that each acknowledged write is there and that nothing is half-written: every ticket has its
`created` event, one `commented` event per comment, and one `status_changed` event per
version after the first.
"""

import argparse
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request


def call(base, method, path, token=None, body=None, headers=None, timeout=10):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, None, dict(error.headers)


def login(base, email, password):
    status, body, _ = call(base, "POST", "/auth/login", body={"email": email, "password": password})
    if status != 200:
        raise SystemExit(f"login as {email} failed: {status}")
    return body["token"]


def run(args):
    admin = login(args.base, args.admin_email, args.admin_password)
    acknowledged = {"tickets": [], "comments": [], "versions": {}}
    # 5xx answers and timeouts while the server was up: a crash test is no excuse for either.
    problems = []
    lock = threading.Lock()
    stop = threading.Event()

    def worker(seed):
        rng = random.Random(seed)
        mine = []
        while not stop.is_set():
            try:
                choice = rng.random()
                if choice < 0.4 or not mine:
                    status, body, _ = call(args.base, "POST", "/tickets", admin,
                                           {"title": f"Crash load {seed}-{rng.randrange(10**6)}", "description": "written under load", "priority": "low"})
                    if status == 201:
                        mine.append(body["id"])
                        with lock:
                            acknowledged["tickets"].append(body["id"])
                elif choice < 0.7:
                    ticket = rng.choice(mine)
                    status, body, _ = call(args.base, "POST", f"/tickets/{ticket}/comments", admin, {"content": f"comment {rng.randrange(10**6)}"})
                    if status == 201:
                        with lock:
                            acknowledged["comments"].append(body["id"])
                else:
                    ticket = rng.choice(mine)
                    new_status = rng.choice(["open", "in progress", "on hold"])
                    status, body, _ = call(args.base, "PATCH", f"/tickets/{ticket}", admin, {"status": new_status})
                    if status == 200:
                        with lock:
                            key = str(ticket)
                            acknowledged["versions"][key] = max(acknowledged["versions"].get(key, 0), body["version"])
                if status >= 500:
                    with lock:
                        problems.append(f"{status}: {body}")
            except TimeoutError:
                with lock:
                    problems.append("a request timed out")
                return
            except urllib.error.URLError as error:
                if isinstance(error.reason, TimeoutError):
                    with lock:
                        problems.append("a request timed out")
                # Otherwise the server is gone (killed): stop this worker.
                return
            except (OSError, ValueError):
                # The server is gone (killed): stop this worker.
                return

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(args.workers)]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    # Keep writing until the server is killed from outside; give up after a grace period.
    deadline = time.monotonic() + 60
    while any(thread.is_alive() for thread in threads) and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join()
    if not acknowledged["tickets"]:
        print("FAIL: no write was acknowledged before the kill; the check would prove nothing", file=sys.stderr)
        return 1
    if problems:
        print(f"FAIL: {len(problems)} answers were 5xx or timed out under load, first: {problems[0][:300]}", file=sys.stderr)
        return 1
    # Earlier rounds' writes stay in the file, so every round checks them all again.
    try:
        with open(args.out) as source:
            earlier = json.load(source)
    except (OSError, ValueError):
        earlier = {"tickets": [], "comments": [], "versions": {}}
    merged = {
        "tickets": earlier["tickets"] + acknowledged["tickets"],
        "comments": earlier["comments"] + acknowledged["comments"],
        "versions": {**earlier["versions"], **{key: max(value, earlier["versions"].get(key, 0)) for key, value in acknowledged["versions"].items()}},
    }
    with open(args.out, "w") as out:
        json.dump(merged, out)
    print(f"acknowledged before the kill: {len(acknowledged['tickets'])} tickets, {len(acknowledged['comments'])} comments, "
          f"{len(acknowledged['versions'])} tickets with status changes")
    return 0


def history(base, token, ticket):
    events, path = [], f"/tickets/{ticket}/history?limit=200"
    while path:
        status, body, headers = call(base, "GET", path, token)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        events += body
        link = headers.get("Link") or headers.get("link")
        path = link[1:link.index(">")] if link else None
    return events


def verify(args):
    with open(args.out) as source:
        acknowledged = json.load(source)
    admin = login(args.base, args.admin_email, args.admin_password)
    problems = []
    for ticket in acknowledged["tickets"]:
        if call(args.base, "GET", f"/tickets/{ticket}", admin)[0] != 200:
            problems.append(f"acknowledged ticket {ticket} is missing")
    for comment in acknowledged["comments"]:
        if call(args.base, "GET", f"/comments/{comment}", admin)[0] != 200:
            problems.append(f"acknowledged comment {comment} is missing")
    # Every ticket in the database, acknowledged or not, must be whole.
    checked, path = 0, "/tickets?limit=200"
    while path:
        status, tickets, headers = call(args.base, "GET", path, admin)
        if status != 200:
            raise SystemExit(f"GET {path}: {status}")
        for ticket in tickets:
            checked += 1
            events = history(args.base, admin, ticket["id"])
            kinds = [event["event"] for event in events]
            status, comments, comment_headers = call(args.base, "GET", f"/tickets/{ticket['id']}/comments?limit=1", admin)
            comment_count = int(comment_headers.get("X-Total-Count") or comment_headers.get("x-total-count") or 0)
            if not kinds or kinds[0] != "created":
                problems.append(f"ticket {ticket['id']} has no created event")
            if kinds.count("commented") != comment_count:
                problems.append(f"ticket {ticket['id']}: {comment_count} comments but {kinds.count('commented')} commented events")
            if kinds.count("status_changed") != ticket["version"] - 1:
                problems.append(f"ticket {ticket['id']}: version {ticket['version']} but {kinds.count('status_changed')} status_changed events")
            acknowledged_version = acknowledged["versions"].get(str(ticket["id"]), 0)
            if ticket["version"] < acknowledged_version:
                problems.append(f"ticket {ticket['id']}: version {ticket['version']} is older than the acknowledged {acknowledged_version}")
        link = headers.get("Link") or headers.get("link")
        path = link[1:link.index(">")] if link else None
    for problem in problems[:20]:
        print("FAIL:", problem, file=sys.stderr)
    if problems:
        return 1
    print(f"after the restart: every acknowledged write is there ({len(acknowledged['tickets'])} tickets, "
          f"{len(acknowledged['comments'])} comments, {len(acknowledged['versions'])} status changes), "
          f"and all {checked} tickets are whole")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["run", "verify"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--out", required=True, help="file of acknowledged writes")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5, help="load before the kill is expected")
    args = parser.parse_args()
    return run(args) if args.mode == "run" else verify(args)


if __name__ == "__main__":
    sys.exit(main())
