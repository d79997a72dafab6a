#!/usr/bin/env bash
# Start the action server and Rasa together; Ctrl-C or SIGTERM stops both.
#   scripts/serve.sh         serve REST + socket.io on RASA_PORT (default 5005)
#   scripts/serve.sh shell   chat in this terminal instead
set -euo pipefail
cd "$(dirname "$0")/.."

VENV_BIN=".venv/bin"
RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
MODEL="${MODEL:-models/patient-bot.tar.gz}"
# Which web pages may call Rasa from a browser; the REST channel ignores it.
CORS_ORIGINS="${CORS_ORIGINS:-http://localhost:8080}"
export RASA_TELEMETRY_ENABLED=false
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

# Point Rasa at the action server's port even when ACTION_PORT is not 5055.
ENDPOINTS="$(mktemp)"
sed "s#localhost:5055#localhost:${ACTION_PORT}#" endpoints.yml > "$ENDPOINTS"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$ENDPOINTS"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

"$VENV_BIN/rasa" run actions --actions actions --port "$ACTION_PORT" &
pids+=($!)

if [ "${1:-}" = "shell" ]; then
  "$VENV_BIN/rasa" shell --model "$MODEL" --endpoints "$ENDPOINTS"
else
  "$VENV_BIN/rasa" run --model "$MODEL" --endpoints "$ENDPOINTS" \
    --credentials credentials.yml --port "$RASA_PORT" --cors "$CORS_ORIGINS" &
  pids+=($!)
  echo "Serving: Rasa on :$RASA_PORT (REST /webhooks/rest/webhook, socket.io), actions on :$ACTION_PORT"
  wait -n "${pids[@]}"
fi
