"""Quiet starts and stops: third parties' deprecation notices and shutdown noise.

A start of Rasa 3.6 prints about 17 DeprecationWarnings from TensorFlow, Sanic,
SQLAlchemy, pyparsing and others: nothing a clinic can act on, and they bury the
one line that matters. Only warnings whose code lies outside the project are
hidden; one raised from the project's own code still shows. Filters alone are
not enough: Sanic and aiogram put their own "show DeprecationWarnings" filters
first when imported, so the hiding happens where warnings are shown. At
shutdown, asyncio reports tasks that Sanic left pending ("Task was destroyed
but it is pending!") after the server has stopped; that report alone is dropped.
"""

import logging
import warnings
from pathlib import Path
from typing import Any, Callable, Optional, TextIO, Type

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_PENDING_AT_EXIT = "Task was destroyed but it is pending"
_DEPRECATIONS = (DeprecationWarning, PendingDeprecationWarning)


def is_ours(filename: str) -> bool:
    """True for a file of the project itself (not its virtualenv's packages)."""
    return filename.startswith(str(PROJECT_ROOT)) and "site-packages" not in filename


class _DropPendingAtExit(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_PENDING_AT_EXIT)


def hiding_third_party_deprecations(
    show: Callable[..., None],
) -> Callable[..., None]:
    """`warnings.showwarning` that hides third-party deprecations, shows the rest."""

    def showwarning(
        message: Any,
        category: Type[Warning],
        filename: str,
        lineno: int,
        file: Optional[TextIO] = None,
        line: Optional[str] = None,
    ) -> None:
        if issubclass(category, _DEPRECATIONS) and not is_ours(filename):
            return
        show(message, category, filename, lineno, file, line)

    return showwarning


def quiet() -> None:
    """Hide third-party DeprecationWarnings and asyncio's pending-task report."""
    if not getattr(warnings.showwarning, "_quiet", False):
        warnings.showwarning = hiding_third_party_deprecations(warnings.showwarning)
        warnings.showwarning._quiet = True  # type: ignore[attr-defined]
    logging.getLogger("asyncio").addFilter(_DropPendingAtExit())
