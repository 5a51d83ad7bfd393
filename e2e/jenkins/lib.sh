# shellcheck shell=bash disable=SC2154  # tmp, JK_* from run
# Helpers for e2e/jenkins/run (sourced after ../buildbot/lib.sh): drive a Jenkins controller over its REST API
# with curl and an API token, and start, kill and restart the suite's own controller.
# Globals: JK (base URL, no trailing slash), JK_RC (a curl config file, mode 600, holding `user = "NAME:TOKEN"`,
# so that the token never shows in `ps`), JK_HOME/JK_PORT/JK_WAR (own controller only), tmp (scratch folder).

# jk PATH [CURL ARGS...]: GET (or whatever the args say) with the suite's credentials; body on stdout.
jk() { local p=$1; shift; curl -gfsS -K "$JK_RC" "$@" "$JK$p"; }
# jk_post PATH [CURL ARGS...]: a POST (API-token requests need no crumb).
jk_post() { local p=$1; shift; curl -gfsS -K "$JK_RC" -X POST "$@" "$JK$p"; }
# jk_code PATH [CURL ARGS...]: only the HTTP status code (000 when nothing answers).
jk_code() { local p=$1; shift; curl -gsS -o /dev/null -w '%{http_code}' -K "$JK_RC" "$@" "$JK$p" 2>/dev/null || true; }

# jk_wait_up SECONDS: until the controller answers /api/json with 200 and external-build is active (once Jenkins
# answers, the plugin has 30 s more: a plugin that failed to load does not make the suite wait out SECONDS).
jk_wait_up() {
  local deadline=$((SECONDS + $1)) answered=
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ "$(jk_code /api/json)" = 200 ]; then
      [ -n "$answered" ] || { answered=1; deadline=$((SECONDS + 30)); }
      jk '/pluginManager/api/json?tree=plugins[shortName,active]' 2>/dev/null         | json 'any(p["shortName"] == "external-build" and p["active"] for p in d["plugins"])' 2>/dev/null         | grep -q True && return 0
    fi
    if [ -n "${JK_PID:-}" ] && ! kill -0 "$JK_PID" 2>/dev/null; then return 1; fi
    sleep 1
  done
  return 1
}

# jk_start: starts the suite's own controller (JK_WAR, JK_HOME, JK_PORT) in the background; sets JK_PID.
jk_start() {
  (cd "$JK_HOME" && JENKINS_HOME="$JK_HOME" exec java -Xmx1g -Djava.awt.headless=true \
      -Djenkins.install.runSetupWizard=false -Dhudson.model.UpdateCenter.never=true \
      -Dhudson.model.DownloadService.never=true -Djenkins.model.Jenkins.slaveAgentPort=-1 \
      -jar "$JK_WAR" --httpPort="$JK_PORT" --httpListenAddress=127.0.0.1 --webroot="$JK_HOME/war" \
      >>"$JK_HOME/jenkins.log" 2>&1 </dev/null) &
  JK_PID=$!
}

# jk_kill9: kill -9 of the suite's own controller (by the pid it started), then waits for it to be gone.
jk_kill9() {
  [ -n "${JK_PID:-}" ] || return 1
  kill -KILL "$JK_PID" 2>/dev/null
  wait "$JK_PID" 2>/dev/null
  JK_PID=
}

# jk_stop: a clean stop of the suite's own controller (SIGTERM, SIGKILL after 30 s).
jk_stop() {
  [ -n "${JK_PID:-}" ] || return 0
  kill -TERM "$JK_PID" 2>/dev/null
  for _ in $(seq 300); do kill -0 "$JK_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$JK_PID" 2>/dev/null
  wait "$JK_PID" 2>/dev/null
  JK_PID=
}

# xml_escape TEXT: for job XML.
xml_escape() { printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }

# jk_pipeline NAME SCRIPT: creates (or replaces) a Pipeline job NAME running SCRIPT in the Groovy sandbox.
jk_pipeline() {
  local xml="$tmp/job-$1.xml"
  cat >"$xml" <<EOF
<?xml version='1.1' encoding='UTF-8'?>
<flow-definition>
  <description>External Build e2e</description>
  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition">
    <script>$(xml_escape "$2")</script>
    <sandbox>true</sandbox>
  </definition>
</flow-definition>
EOF
  jk_job "$1" "$xml"
}

# jk_job NAME XMLFILE: creates job NAME from its config.xml, or updates it when it exists.
jk_job() {
  if [ "$(jk_code "/job/$1/api/json")" = 200 ]; then
    jk_post "/job/$1/config.xml" -H 'Content-Type: application/xml' --data-binary "@$2" >/dev/null
  else
    jk_post "/createItem?name=$1" -H 'Content-Type: application/xml' --data-binary "@$2" >/dev/null
  fi
}

# jk_queued_number QUEUE_URL [SECONDS]: waits until the queue item has started; prints the build number.
jk_queued_number() {
  local deadline=$((SECONDS + ${2:-60})) n
  while [ "$SECONDS" -lt "$deadline" ]; do
    n=$(curl -gfsS -K "$JK_RC" "${1%/}/api/json" 2>/dev/null \
        | json '(d.get("executable") or {}).get("number", "")' 2>/dev/null)
    [ -n "$n" ] && { echo "$n"; return 0; }
    sleep 0.5
  done
  return 1
}

# jk_build NAME: schedules a build of NAME; prints its number once it started.
jk_build() {
  local loc
  loc=$(curl -fsS -o /dev/null -D - -K "$JK_RC" -X POST "$JK/job/$1/build?delay=0sec" \
        | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  [ -n "$loc" ] || return 1
  jk_queued_number "$loc"
}

# jk_result NAME NUMBER SECONDS: waits until the build ended; prints its result (SUCCESS, FAILURE, ABORTED…).
jk_result() {
  local deadline=$((SECONDS + $3)) out
  while [ "$SECONDS" -lt "$deadline" ]; do
    out=$(jk "/job/$1/$2/api/json?tree=building,result" 2>/dev/null \
          | json '"" if d["building"] else d["result"]' 2>/dev/null)
    [ -n "$out" ] && { echo "$out"; return 0; }
    sleep 1
  done
  echo TIMEOUT
  return 1
}

# jk_end_millis NAME NUMBER: when the build ended (epoch ms: timestamp + duration).
jk_end_millis() { jk "/job/$1/$2/api/json?tree=timestamp,duration" | json 'd["timestamp"] + d["duration"]'; }

# jk_log NAME NUMBER: the build's console text.
jk_log() { jk "/job/$1/$2/consoleText"; }

# jk_log_wait NAME NUMBER REGEX SECONDS: waits until the console text matches REGEX (grep -E).
jk_log_wait() {
  local deadline=$((SECONDS + $4))
  while [ "$SECONDS" -lt "$deadline" ]; do
    jk_log "$1" "$2" 2>/dev/null | grep -qE "$3" && return 0
    sleep 0.5
  done
  return 1
}
