"""Soak test: the default stack under steady load, watching errors and memory.

Usage: python scripts/soak.py [--minutes 5] [--users 8]
Starts the action server and Rasa (SQLite tracker store, rate limit off: this is
machine traffic), then `--users` conversations send messages back to back for
`--minutes`: questions, follow-ups, red flags, `/` commands, 50 KB messages and
rejected bodies. Each conversation starts afresh every 20 messages, as real
ones are short. Reports errors (a 5xx, a dropped connection, or an unexpected
status) and resident memory growth from the end of the first minute to the end.
Exits 1 unless errors == 0 and growth <= 10%. Stops by itself.
"""

import argparse
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Dict, List, Tuple

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench import OUR_TF_THREADS, rss_mb, start_stack  # noqa: E402
from tooling.servers import stop_processes  # noqa: E402

# (body, expected status); bodies are JSON objects unless bytes.
SCRIPT: List[Tuple[object, int]] = [
    ({"message": "hello"}, 200),
    ({"message": "how does socazolimab work?"}, 200),
    ({"message": "what are the side efects?"}, 200),
    ({"message": "/restart"}, 200),
    ({"message": "how is it given?"}, 200),
    ({"message": "I can't breathe"}, 200),
    ({"message": "what about plozalizumab?"}, 200),
    ({"message": "tell me more " + "please " * 7000}, 200),
    ({"message": ""}, 400),
    (b"{not json", 400),
    ({"message": "is it approved?"}, 200),
    ({"message": "thanks, bye"}, 200),
]
MESSAGES_PER_CONVERSATION = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--model", default=str(ROOT / "models" / "patient-bot.tar.gz"))
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="patient-bot-soak-"))
    env = {
        "ESCALATION_DB_URL": f"sqlite:///{workdir / 'escalations.db'}",
        "ESCALATION_WEBHOOK_URL": "",
        **OUR_TF_THREADS,
    }
    procs: List[subprocess.Popen] = []
    try:
        # As `make run`: SQLite tracker store, rate limit off (machine traffic).
        stack = start_stack(
            "soak", ROOT, Path(args.model), None, env, [], True, workdir, procs
        )
        print(
            f"Soaking {stack.url} for {args.minutes:g} min with {args.users} "
            f"conversations (logs in {workdir})",
            flush=True,
        )
        return soak(stack.url, procs, args)
    finally:
        stop_processes(procs)


def soak(url: str, procs: list, args: argparse.Namespace) -> int:
    webhook = f"{url}/webhooks/rest/webhook"
    counts: Dict[str, int] = {"requests": 0, "errors": 0}
    errors: List[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + args.minutes * 60

    def user(index: int) -> None:
        sent = 0
        sender = ""
        while time.monotonic() < stop_at:
            if sent % MESSAGES_PER_CONVERSATION == 0:
                sender = f"soak-{index}-{uuid.uuid4().hex[:8]}"
            body, expected = SCRIPT[sent % len(SCRIPT)]
            sent += 1
            try:
                if isinstance(body, bytes):
                    response = requests.post(webhook, data=body, timeout=60)
                else:
                    response = requests.post(
                        webhook, json={"sender": sender, **body}, timeout=60
                    )
                ok = response.status_code == expected
                problem = f"{response.status_code} for {str(body)[:40]!r}"
            except requests.RequestException as error:
                ok, problem = False, type(error).__name__
            with lock:
                counts["requests"] += 1
                if not ok:
                    counts["errors"] += 1
                    errors.append(problem)

    threads = [
        threading.Thread(target=user, args=(i,), daemon=True) for i in range(args.users)
    ]
    for thread in threads:
        thread.start()
    samples: List[Tuple[float, float]] = []
    while time.monotonic() < stop_at:
        time.sleep(min(15.0, max(0.0, stop_at - time.monotonic())))
        samples.append((time.monotonic() - start, rss_mb(procs)))
        print(
            f"  {samples[-1][0]:5.0f} s  {counts['requests']:6d} requests  "
            f"{counts['errors']} errors  RSS {samples[-1][1]:.0f} MB",
            flush=True,
        )
    for thread in threads:
        thread.join(timeout=70)

    warm = next((mb for t, mb in samples if t >= 60), samples[0][1])
    end = samples[-1][1]
    growth = (end - warm) / warm * 100
    elapsed = time.monotonic() - start
    print(
        f"\nrequests {counts['requests']} ({counts['requests'] / elapsed:.1f}/s), "
        f"errors {counts['errors']} (target 0)"
    )
    print(
        f"memory after 1 min {warm:.0f} MB, at the end {end:.0f} MB: "
        f"growth {growth:+.1f}% (target <= 10%)"
    )
    for problem in sorted(set(errors))[:10]:
        print(f"  error: {problem}")
    return 0 if counts["errors"] == 0 and growth <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
