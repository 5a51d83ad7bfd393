# Helpers for e2e/run and e2e/demo (sourced). Talk to the test master with curl; parse JSON with
# Debian's /usr/bin/python3, which the buildbot package depends on.

# free_port: a port in 20000-39999 on which nothing on 127.0.0.1 accepts connections (pure bash).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# json EXPR: evaluates a Python expression over the JSON document `d` read from stdin and prints it.
json() { /usr/bin/python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

# force BASE BUILDER [KEY]: forces a build through the builder's force scheduler (JSON-RPC);
# prints the id of the build request it created.
force() {
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"force\",\"params\":{\"key\":\"${3:-default}\"}}" \
    "$1/api/v2/forceschedulers/force-$2" | json 'list(d["result"][1].values())[0]'
}

# first_build BASE BRID [complete] [SECONDS]: waits until build request BRID has a build (a complete one with
# "complete"); prints "buildid builderid number results". Fails after SECONDS (default 60).
first_build() {
  local filter="" out deadline=$((SECONDS + ${4:-60}))
  [ "${3:-}" = complete ] && filter="?complete=true"
  while [ "$SECONDS" -lt "$deadline" ]; do
    out=$(curl -fsS -H 'Accept: application/json' "$1/api/v2/buildrequests/$2/builds$filter" \
      | json '" ".join(str(b[k]) for b in d["builds"][:1] for k in ("buildid", "builderid", "number", "results"))') \
      || return 1
    [ -n "$out" ] && { echo "$out"; return 0; }
    sleep 0.2
  done
  return 1
}

# build_results BASE BUILDID [SECONDS]: waits until the build is complete; prints its results code.
build_results() {
  local out deadline=$((SECONDS + ${3:-30}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    out=$(curl -fsS -H 'Accept: application/json' "$1/api/v2/builds/$2" \
      | json '"" if not d["builds"][0]["complete"] else d["builds"][0]["results"]') || return 1
    [ -n "$out" ] && { echo "$out"; return 0; }
    sleep 0.2
  done
  return 1
}
