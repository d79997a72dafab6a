#!/usr/bin/env bash
# Start the action server, Rasa and the patient page together; Ctrl-C or SIGTERM
# stops them all.
#   scripts/serve.sh         page on WEB_PORT (8080), REST + socket.io on RASA_PORT (5005)
#   scripts/serve.sh shell   chat in this terminal instead
set -euo pipefail
cd "$(dirname "$0")/.."

VENV_BIN=".venv/bin"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# `.env` (or the file ENV_FILE names): its values the environment does not set,
# checked first, so a wrong value stops here with one line (core/settings.py).
env_exports="$("$VENV_BIN/python" -m core.settings --export)" || exit 2
eval "$env_exports"
RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
MODEL="${MODEL:-models/patient-bot.tar.gz}"
# endpoints.yml (SQLite) by default; endpoints.production.yml for PostgreSQL + Redis.
ENDPOINTS_FILE="${ENDPOINTS:-endpoints.yml}"
WEB_PORT="${WEB_PORT:-8080}"
# Which web pages may call Rasa from a browser: by default the patient page.
# (Rasa's CORS, and the origins socket.io admits: channels/socketio.py.)
export CORS_ORIGINS="${CORS_ORIGINS:-http://localhost:${WEB_PORT} http://127.0.0.1:${WEB_PORT}}"
export RASA_TELEMETRY_ENABLED=false
# TensorFlow's own start-up notes (oneDNN, TensorRT) are not for a clinic.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
# One TensorFlow thread per op: faster for our small models (see README, Benchmark).
export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}"

# Conversations and keys are the patients' and the clinic's: owner-only files.
umask 077
mkdir -p state
chmod 700 state
# Rasa proves itself to the action server with this (endpoints.yml); one per start
# unless set.
export ACTION_SERVER_TOKEN="${ACTION_SERVER_TOKEN:-$("$VENV_BIN/python" -c 'import secrets; print(secrets.token_hex(32))')}"
# Point Rasa at the action server's port even when ACTION_PORT is not 5055.
ENDPOINTS="$(mktemp)"
sed "s#localhost:5055#localhost:${ACTION_PORT}#" "$ENDPOINTS_FILE" > "$ENDPOINTS"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$ENDPOINTS"
}
# Ctrl-C or SIGTERM is how a person stops the bot: a clean stop, exit 0.
trap 'stop; echo "Stopped."; exit 0' INT TERM
trap stop EXIT

# Each port free before anything starts: otherwise one clear line and exit 1.
port_names=(ACTION_PORT RASA_PORT)
if [ "${1:-}" != "shell" ]; then port_names+=(WEB_PORT); fi
for port_name in "${port_names[@]}"; do
  port="${!port_name}"
  if ! "$VENV_BIN/python" -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("", int(sys.argv[1])))' "$port" 2>/dev/null; then
    echo "error: port $port ($port_name) is in use, perhaps by another 'make run'." >&2
    echo "Stop it, or choose another port: make ${1:-run} $port_name=<free port>" >&2
    exit 1
  fi
done

# The SDK's app behind our guards (actions/server.py: loopback, token, body caps,
# daily retention), not `rasa run actions`: the Rasa CLI would load TensorFlow
# into the action server too (474 MB instead of 48 MB).
"$VENV_BIN/python" -m actions.server --port "$ACTION_PORT" &
pids+=($!)

# Rasa with our fixes to its internals applied (runtime/launch.py).
RASA=("$VENV_BIN/python" -m runtime.launch)
if [ "${1:-}" = "shell" ]; then
  "${RASA[@]}" shell --model "$MODEL" --endpoints "$ENDPOINTS" --port "$RASA_PORT"
else
  # The HTTP API (trackers, /model/parse...) stays off unless RASA_API_TOKEN is set;
  # then every API call needs ?token=<RASA_API_TOKEN>.
  api=()
  if [ -n "${RASA_API_TOKEN:-}" ]; then api=(--enable-api --auth-token "$RASA_API_TOKEN"); fi
  # shellcheck disable=SC2086  # one origin per word
  "${RASA[@]}" run --model "$MODEL" --endpoints "$ENDPOINTS" \
    --credentials "${CREDENTIALS:-credentials.yml}" --port "$RASA_PORT" \
    --cors $CORS_ORIGINS "${api[@]}" &
  pids+=($!)
  "$VENV_BIN/python" scripts/serve_web.py --port "$WEB_PORT" --rasa-port "$RASA_PORT" &
  pids+=($!)
  # "Ready" only once Rasa answers (loading the model takes 15-30 s).
  echo "Starting: Rasa is loading the model..."
  until "$VENV_BIN/python" -c 'import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1)' "$RASA_PORT" 2>/dev/null; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "error: a server stopped while starting (see above)." >&2; exit 1; }
    done
    sleep 1
  done
  echo "Ready: page http://localhost:$WEB_PORT/, Rasa :$RASA_PORT (REST, socket.io), actions :$ACTION_PORT. Ctrl-C stops."
  wait -n "${pids[@]}"
fi
