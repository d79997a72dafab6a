#!/usr/bin/env bash
# Print the path of a working Python 3.10 (Rasa 3.6 needs 3.8-3.10): PATH first,
# then pyenv's versions. A pyenv shim that is on PATH but not active is skipped.
for candidate in \
  "$(command -v python3.10 2>/dev/null)" \
  $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r); do
  if [ -n "$candidate" ] && "$candidate" -c \
      'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
exit 1
