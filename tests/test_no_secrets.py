"""No secrets in the repository: keys, tokens or literal passwords in tracked files."""

import re
import subprocess

from core.settings import PROJECT_ROOT

PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(r"\bxox[abpr]-[A-Za-z0-9-]{10,}"),
    # password/token/secret set to a literal value (checked by `is_literal`)
    "literal secret": re.compile(
        r"(?i)(?<![a-z])(password|passwd|secret|auth[_-]?token|api[_-]?key)[\"']?\s*[:=]\s*"
        r"[\"']?([^\s\"',)#]{8,})"
    ),
}
SKIP_SUFFIXES = (".lock", ".json", ".png", ".gz")


def is_literal(value: str) -> bool:
    """A hard-coded value, not a reference to the environment or a placeholder."""
    return not (
        value.startswith(("$", "os.", "get", "self.", "settings.", "<", "Optional["))
        or "change-me" in value
        or value.startswith(("test-", "example"))
        or "(" in value
        or "." in value.split("_")[0]
    )


def tracked_files():
    out = subprocess.run(
        ["git", "ls-files"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        PROJECT_ROOT / name
        for name in out
        if not name.endswith(SKIP_SUFFIXES) and name != "tests/test_no_secrets.py"
    ]


def test_no_secrets_in_tracked_files():
    found = []
    for path in tracked_files():
        if not path.is_file():
            continue
        text = path.read_text(errors="ignore")
        for what, pattern in PATTERNS.items():
            for match in pattern.finditer(text):
                if what == "literal secret" and not is_literal(match.group(2)):
                    continue
                found.append(
                    f"{path.relative_to(PROJECT_ROOT)}: {what}: {match.group(0)[:40]}"
                )
    assert not found, "\n".join(found)


def test_the_scan_finds_a_planted_secret():
    planted = "POSTGRES_PASSWORD=s3cretPassw0rd\n-----BEGIN RSA PRIVATE KEY-----"
    match = PATTERNS["literal secret"].search(planted)
    assert match and is_literal(match.group(2))
    assert PATTERNS["private key"].search(planted)
    reference = PATTERNS["literal secret"].search(
        "password: ${POSTGRES_PASSWORD:?set it}"
    )
    assert reference and not is_literal(reference.group(2))
