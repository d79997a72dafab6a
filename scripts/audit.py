"""`make audit`: every pinned package (constraints.txt) against an advisory source.

Runs pip-audit (in its own venv, `.venv-audit`: its dependencies clash with
Rasa's pins) with PyPI's advisory data, then OSV's, and says plainly what was
checked. When no source answers (a network that only mirrors the package
index), it says that nothing was checked and exits 2, never "no advisories".
The advisories known today, and why each is or is not reachable here, are in
docs/security.md.

Exit: 0 none found, 1 advisories found, 2 nothing could be checked.
"""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv-audit" / "bin" / "pip-audit"


def run(service: str) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """(audited, skipped) dependencies as pip-audit reports them."""
    result = subprocess.run(
        [
            str(PIP_AUDIT),
            "--disable-pip",
            "--no-deps",
            "-r",
            str(ROOT / "constraints.txt"),
            "--vulnerability-service",
            service,
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        return [], []
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    return [d for d in dependencies if not d.get("skip_reason")], skipped


def main() -> int:
    for service in ("pypi", "osv"):
        audited, skipped = run(service)
        if audited:
            break
        print(
            f"audit: the {service} advisory source did not answer "
            f"({len(skipped)} packages could not be checked)"
        )
    else:
        print(
            "audit: no advisory source is reachable from here: NOTHING WAS CHECKED.\n"
            "Run `make audit` where pypi.org's JSON API or api.osv.dev answers; the "
            "advisories known on the date in docs/security.md are listed there."
        )
        return 2
    found = [
        (
            d["name"],
            d["version"],
            v["id"],
            ", ".join(v.get("fix_versions", [])) or "none",
        )
        for d in audited
        for v in d.get("vulns", [])
    ]
    for name, version, advisory, fixed in found:
        print(f"{name} {version}: {advisory} (fixed in: {fixed})")
    print(
        f"audit ({service}): {len(audited)} packages checked, "
        f"{len(skipped)} not checked, "
        f"{len(found)} advisories. See docs/security.md for each one's reachability."
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
