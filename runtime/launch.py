"""Rasa's command line with our fixes to Rasa's internals applied first.

    python -m runtime.launch run --model models/patient-bot.tar.gz ...
    python -m runtime.launch train | shell | test ... | data validate ...

Takes exactly the arguments of `rasa`. Every way this project starts Rasa goes
through here: `make train`, `make validate`, `make test-stories`, `make test-nlu`,
`make run` and `make shell` (`scripts/serve.sh`), the servers of the tests, bench
and soak (`tooling/servers.py`) and `docker-compose.yml`. So the server and the
tests of the trained bot run the same Rasa, and importing `components` (as Rasa
does to load our pipeline, and as unit tests do) patches nothing.

Sanic forks its workers after this point, so `SANIC_WORKERS` > 1 inherit the fixes.
"""

import sys
from typing import List, Optional

from core.settings import checked_settings, load_env_file
from runtime import rasa_fixes
from runtime.quiet import quiet


def main(argv: Optional[List[str]] = None) -> None:
    """Read `.env` and check the settings, apply the fixes, then run Rasa's CLI
    with `argv` (default: this process's)."""
    load_env_file()
    checked_settings()
    quiet()
    rasa_fixes.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
