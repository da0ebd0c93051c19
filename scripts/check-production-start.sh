#!/usr/bin/env bash
# Runs, outside Docker, the commands the Dockerfile runs, on copies of exactly what it copies,
# then checks the result the way a container runtime would use it:
#   build stage:  npm ci, npm run build (dist/)
#   runtime:      npm ci --omit=dev, dist/ and knowledge/ beside it; no dev dependency installed
#   checks:       the console answers through `npm start`; in HTTP mode (with HEALTH_PORT) the
#                 HEALTHCHECK command passes, /metrics answers, and SIGTERM to `npm start` (and to
#                 the image's own command) stops everything within 10 s, leaving no process.
# Slow (two npm installs), so not part of `npm test`. Usage: bash scripts/check-production-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/iranpak-production-XXXXXX")
BOT_PID=""
cleanup() {
  if [ -n "$BOT_PID" ] && kill -0 "$BOT_PID" 2>/dev/null; then kill -KILL "$BOT_PID"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -z "${KEEP:-}" ] || trap - EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

step "build stage: npm ci && npm run build"
mkdir -p "$WORK/build" "$WORK/app" "$WORK/data"
cp -r package.json package-lock.json tsconfig.json scripts src "$WORK/build/"
(cd "$WORK/build" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error && npm run build)

step "runtime: npm ci --omit=dev, dist/ and knowledge/"
cp package.json package-lock.json "$WORK/app/"
(cd "$WORK/app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
rm "$WORK/app/package-lock.json"
cp -r "$WORK/build/dist" "$WORK/app/dist"
mkdir "$WORK/app/scripts" && cp scripts/build.mjs "$WORK/app/scripts/"
cp -r knowledge "$WORK/app/knowledge"
for dev in tsx esbuild typescript vitest @biomejs; do
  [ ! -e "$WORK/app/node_modules/$dev" ] || fail "dev dependency $dev is installed"
done
echo "no dev dependencies installed; $(ls "$WORK/app/node_modules" | wc -l) packages"

cd "$WORK/app"
export DATA_DIR="$WORK/data"

step "console through npm start"
answer=$(printf '/iranpak How long is the Iran Pakistan border?\n' | npm start 2>"$WORK/console.err")
grep -q "959 km" <<<"$answer" || { cat "$WORK/console.err"; fail "the console did not answer"; }
echo "answered: $(grep -m1 "959 km" <<<"$answer")"

# Waits for the bot to listen (its log names the ports), or fails with the log.
start_http_bot() {
  : >"$WORK/bot.log"
  SLACK_BOT_TOKEN=xoxb-0000-0000-production-check \
    SLACK_SIGNING_SECRET=0123456789abcdef0123456789abcdef \
    SLACK_API_URL=http://127.0.0.1:9/api/ PORT=0 HEALTH_PORT=0 LOG_FORMAT=json \
    "$@" >"$WORK/bot.log" 2>&1 &
  BOT_PID=$!
  for _ in $(seq 300); do
    grep -q "listening for Slack on port" "$WORK/bot.log" && break
    kill -0 "$BOT_PID" 2>/dev/null || { cat "$WORK/bot.log"; fail "the bot exited"; }
    sleep 0.1
  done
  PORT=$(grep -o 'listening for Slack on port [0-9]*' "$WORK/bot.log" | grep -o '[0-9]*$')
  HEALTH_PORT=$(grep -o '/metrics on port [0-9]*' "$WORK/bot.log" | tail -1 | grep -o '[0-9]*$')
  [ -n "$PORT" ] && [ -n "$HEALTH_PORT" ] || { cat "$WORK/bot.log"; fail "no ports in the log"; }
}

# Every process below $1, from ps.
descendants() {
  local children
  children=$(ps -o pid= --ppid "$1" | tr -d ' ' || true)
  for c in $children; do echo "$c"; descendants "$c"; done
}

# Sends SIGTERM to $BOT_PID, and checks it and everything it started end within 10 s.
stop_within_10s() {
  local below started
  below=$(descendants "$BOT_PID")
  started=$(date +%s%N)
  kill -TERM "$BOT_PID"
  local code=0
  wait "$BOT_PID" || code=$?
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  BOT_PID=""
  [ "$ms" -le 10000 ] || fail "took $ms ms to stop"
  [ "$code" -eq 0 ] || { cat "$WORK/bot.log"; fail "exit code $code after SIGTERM"; }
  for pid in $below; do
    if ps -o stat= -p "$pid" | grep -qv Z; then fail "process $pid is still running"; fi
  done
  grep -q "SIGTERM: stopping" "$WORK/bot.log" || fail "the bot did not see SIGTERM"
  echo "stopped in $ms ms with exit code 0; nothing left of: $BOT_DESC ($(echo $below | wc -w) processes below it)"
}

check_http_bot() {
  HEALTH_PORT=$HEALTH_PORT PORT=$PORT SLACK_BOT_TOKEN=xoxb-0-0 \
    SLACK_SIGNING_SECRET=0123456789abcdef0123456789abcdef node dist/healthcheck.js
  node -e '
    fetch(process.argv[1]).then(async (r) => {
      const text = await r.text();
      if (r.status !== 200 || !/^iranpak_knowledge_documents\{kind="passages"\} \d+/m.test(text)) process.exit(1);
      console.log(`GET /metrics: ${text.split("\n").length} lines`);
    }, () => process.exit(1));
  ' "http://127.0.0.1:$HEALTH_PORT/metrics" || fail "/metrics did not answer"
  if grep -q "xoxb-0000" "$WORK/bot.log"; then fail "the bot token is in the log"; fi
  node -e '
    for (const line of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
      if (line.startsWith(">") || line === "") continue;
      const entry = JSON.parse(line);
      if (!entry.time || !entry.level) process.exit(1);
    }
  ' "$WORK/bot.log" || fail "the log is not JSON lines"
}

step "HTTP mode through npm start: HEALTHCHECK, /metrics, SIGTERM to npm"
BOT_DESC="npm start"
start_http_bot npm start
check_http_bot
stop_within_10s

step "the image's command: node --enable-source-maps dist/main.js, SIGTERM"
BOT_DESC="node dist/main.js"
start_http_bot node --enable-source-maps dist/main.js
check_http_bot
stop_within_10s

step "all checks passed"
