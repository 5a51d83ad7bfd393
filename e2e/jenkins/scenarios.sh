# shellcheck shell=bash disable=SC2154,SC2034  # globals shared with run
# The scenarios of e2e/jenkins/run (sourced): each drives Jenkins over REST, asks the Buildbot what really
# happened there, and calls pass or fail once. Globals from run: base (Buildbot URL), tmp, mode, pass/fail.

# --- Buildbot side -------------------------------------------------------------------------------------------
# fresh BUILDER [complete]: forces BUILDER with a fresh key and waits for its first build (complete, or started);
# sets KEY, BUILD_ID (global build id), BUILD_URL (the UI URL a user copies).
fresh() {
  local brid builder number
  KEY="jk-$1-$$-$RANDOM$RANDOM"
  brid=$(force "$base" "$1" "$KEY") || return 1
  read -r BUILD_ID builder number _ < <(first_build "$base" "$brid" "${2:-}" 240) || return 1
  BUILD_URL="$base/#/builders/$builder/builds/$number"
}
# cancelled_slow: a `slow` build, stopped once running (results 6): something finished whose rebuild is slow.
cancelled_slow() { fresh slow && bb_stop "$BUILD_ID" && [ "$(build_results "$base" "$BUILD_ID" 30)" = 6 ]; }
# bb_stop BUILDID: stops a running build.
bb_stop() {
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"stop","params":{"reason":"e2e"}}' "$base/api/v2/builds/$1" >/dev/null
}
# bb_builds BUILDER KEY: the builds of BUILDER carrying property key=KEY (the original and every rebuild, which
# copies the properties), oldest first, one "buildid complete results complete_at" line each.
bb_builds() {
  curl -fsS -H 'Accept: application/json' "$base/api/v2/builders/$1/builds?property=key&order=buildid" \
    | KEY=$2 json '"\n".join("%s %s %s %s" % (b["buildid"], b["complete"], b["results"], b["complete_at"]) for b in d["builds"] if (b.get("properties") or {}).get("key", [None])[0] == __import__("os").environ["KEY"])'
}
bb_count() { bb_builds "$1" "$2" | grep -c .; }
# bb_wait_running BUILDER KEY N SECONDS: until build number N (1-based) of KEY exists and is running; prints its id.
bb_wait_running() {
  local deadline=$((SECONDS + $4)) line
  while [ "$SECONDS" -lt "$deadline" ]; do
    line=$(bb_builds "$1" "$2" | sed -n "${3}p")
    if [ -n "$line" ] && [ "$(echo "$line" | cut -d' ' -f2)" = False ]; then echo "${line%% *}"; return 0; fi
    sleep 0.5
  done
  return 1
}

# --- Jenkins side --------------------------------------------------------------------------------------------
# run_pipeline JOB SCRIPT SECONDS: creates JOB, builds it, waits; sets N and RESULT; console in $tmp/last.out.
run_pipeline() {
  jk_pipeline "$1" "$2" 2>"$tmp/last.out" || { RESULT="job not created"; return 1; }
  N=$(jk_build "$1") || { RESULT="not started"; return 1; }
  RESULT=$(jk_result "$1" "$N" "$3")
  jk_log "$1" "$N" >"$tmp/last.out" 2>&1
}
# echo_result: the Groovy line every Pipeline ends with, read back by the checks.
ECHO='echo "E2E result=${r.status} attempt=${r.attempt} id=${r.id}"'

s_flaky() {
  fresh flaky complete || { fail "flaky: could not get a failed flaky build"; return; }
  run_pipeline e2e-flaky "def s = externalBuildStatus url: '$BUILD_URL'
echo \"E2E status=\${s.status}\"
def r = restartExternalBuild url: '$BUILD_URL'
$ECHO" 180
  local builds; builds=$(bb_count flaky "$KEY")
  if [ "$RESULT" = SUCCESS ] && grep -q 'E2E status=failed' "$tmp/last.out" \
      && grep -q 'E2E result=success attempt=2' "$tmp/last.out" && [ "$builds" = 2 ]; then
    RUN_FLAKY="/job/e2e-flaky/$N"
    pass "flaky: externalBuildStatus said failed; restartExternalBuild restarted $BUILD_URL once (server: $builds builds), success at attempt 2; e2e-flaky #$N SUCCESS"
  else
    fail "flaky: e2e-flaky #$N $RESULT, $builds builds on the server (expected SUCCESS, 2)"
  fi
}

s_attempts() {
  fresh always-fail complete || { fail "attempts: could not force always-fail"; return; }
  run_pipeline e2e-attempts "def r = restartExternalBuild url: '$BUILD_URL', attempts: 2, propagate: false
$ECHO" 240
  local builds; builds=$(bb_count always-fail "$KEY")
  if [ "$RESULT" = SUCCESS ] && grep -q 'E2E result=failed attempt=3' "$tmp/last.out" && [ "$builds" = 3 ]; then
    pass "attempts: 2: exactly 2 restarts on the server ($builds builds of key $KEY), result failed at attempt 3, propagate: false"
  else
    fail "attempts: e2e-attempts #$N $RESULT, $builds builds on the server (expected SUCCESS, 3 = original + 2 restarts)"
  fi
}

# The 75 s pause (longer than Buildbot's 60 s idle-connection timeout): started first, checked after the others.
start_delay() {
  D_N='' D_KEY=''
  fresh always-fail complete || return
  D_KEY=$KEY
  jk_pipeline e2e-delay "def r = restartExternalBuild url: '$BUILD_URL', attempts: 2, delay: 75, propagate: false
$ECHO" && D_N=$(jk_build e2e-delay)
}
check_delay() {
  [ -n "$D_N" ] || { fail "delay: could not start e2e-delay"; return; }
  local result builds
  result=$(jk_result e2e-delay "$D_N" 400); jk_log e2e-delay "$D_N" >"$tmp/last.out" 2>&1
  builds=$(bb_count always-fail "$D_KEY")
  if [ "$result" = SUCCESS ] && grep -q 'E2E result=failed attempt=3' "$tmp/last.out" && [ "$builds" = 3 ] \
      && grep -q 'restarting in 75 s' "$tmp/last.out"; then
    pass "delay: attempts: 2, delay: 75 waited 75 s and sent the second restart too ($builds builds on the server)"
  else
    fail "delay: e2e-delay #$D_N $result, $builds builds (expected SUCCESS, 3, a 'restarting in 75 s' line)"
  fi
}

# s_abort cancel|leave: the Jenkins build is aborted while it waits for a slow rebuild.
s_abort() {
  local how=$1 job="e2e-abort-$1" rebuild result state
  cancelled_slow || { fail "abort $how: could not get a cancelled slow build"; return; }
  jk_pipeline "$job" "def r = restartExternalBuild url: '$BUILD_URL', onAbort: '$how'
$ECHO" && N=$(jk_build "$job") || { fail "abort $how: $job did not start"; return; }
  rebuild=$(bb_wait_running slow "$KEY" 2 120) && jk_log_wait "$job" "$N" 'attempt 2: running' 60 \
    || { jk_log "$job" "$N" >"$tmp/last.out" 2>&1; fail "abort $how: the rebuild never ran"; return; }
  jk_post "/job/$job/$N/stop" >/dev/null
  result=$(jk_result "$job" "$N" 90); jk_log "$job" "$N" >"$tmp/last.out" 2>&1
  if [ "$how" = cancel ]; then
    RUN_ABORT="/job/$job/$N"
    state=$(build_results "$base" "$rebuild" 30)
    [ "$result" = ABORTED ] && [ "$state" = 6 ] \
      && pass "abort (onAbort: cancel): #$N ABORTED and Buildbot build $rebuild ended CANCELLED (results 6)" \
      || fail "abort (onAbort: cancel): #$N $result, Buildbot build $rebuild results '$state' (expected ABORTED, 6)"
  else
    sleep 5
    state=$(bb_builds slow "$KEY" | sed -n 2p | cut -d' ' -f2)
    [ "$result" = ABORTED ] && [ "$state" = False ] \
      && pass "abort (onAbort: leave): #$N ABORTED and Buildbot build $rebuild still runs 5 s later" \
      || fail "abort (onAbort: leave): #$N $result, Buildbot build $rebuild complete=$state (expected ABORTED, False)"
    bb_stop "$rebuild"; build_results "$base" "$rebuild" 30 >/dev/null
  fi
}
freestyle_xml() {  # freestyle_xml BUILDERS_XML: a freestyle job's config.xml around the given builders
  cat <<EOF
<?xml version='1.1' encoding='UTF-8'?>
<project>
  <description>External Build e2e</description>
  <keepDependencies>false</keepDependencies>
  <scm class="hudson.scm.NullSCM"/>
  <canRoam>true</canRoam>
  <disabled>false</disabled>
  <triggers/>
  <concurrentBuild>false</concurrentBuild>
  <builders>
$1
  </builders>
  <publishers/>
  <buildWrappers/>
</project>
EOF
}
PKG=io.jenkins.plugins.externalbuild.jenkins

# A freestyle job with both build steps, as the configure form saves them; the shell step in between prints
# what the restart exported. (Its configure page is screenshot by the browser part.)
s_freestyle() {
  local result url
  fresh flaky complete || { fail "freestyle: could not get a failed flaky build"; return; }
  url=$(xml_escape "$BUILD_URL")
  freestyle_xml "    <$PKG.RestartExternalBuildBuilder>
      <url>$url</url><timeout>0</timeout><propagate>true</propagate><wait>true</wait><attempts>1</attempts>
      <delay>0</delay><backoff>1.0</backoff><retryOn>failure</retryOn><onAbort>cancel</onAbort>
    </$PKG.RestartExternalBuildBuilder>
    <hudson.tasks.Shell><command>env | grep '^EXTERNAL_BUILD_' | sort</command></hudson.tasks.Shell>
    <$PKG.WaitForExternalBuildBuilder>
      <url>\${EXTERNAL_BUILD_URL}</url><timeout>5</timeout><propagate>true</propagate><onAbort>leave</onAbort>
    </$PKG.WaitForExternalBuildBuilder>" >"$tmp/freestyle.xml"
  jk_job e2e-freestyle "$tmp/freestyle.xml" && N=$(jk_build e2e-freestyle) || { fail "freestyle: job did not start"; return; }
  result=$(jk_result e2e-freestyle "$N" 180); jk_log e2e-freestyle "$N" >"$tmp/last.out" 2>&1
  if [ "$result" = SUCCESS ] && grep -q '^EXTERNAL_BUILD_STATUS=success' "$tmp/last.out" \
      && grep -q '^EXTERNAL_BUILD_ATTEMPT=2' "$tmp/last.out" && grep -qE "^EXTERNAL_BUILD_URL=$base/#/buildrequests/[0-9]+" "$tmp/last.out" \
      && grep -qE '^EXTERNAL_BUILD_ID=[0-9]+' "$tmp/last.out"; then
    pass "freestyle: the shell step saw $(grep '^EXTERNAL_BUILD_' "$tmp/last.out" | tr '\n' ' ')and the wait step followed \${EXTERNAL_BUILD_URL}"
  else
    fail "freestyle: e2e-freestyle #$N $result; expected SUCCESS and EXTERNAL_BUILD_STATUS=success, _ATTEMPT=2, _URL, _ID"
  fi
}

# A job written as XML (REST, Job DSL, JCasC) naming only the build URL: every other field takes its default.
s_xml_defaults() {
  local result builds
  fresh flaky complete || { fail "xml defaults: could not get a failed flaky build"; return; }
  freestyle_xml "    <$PKG.RestartExternalBuildBuilder><url>$(xml_escape "$BUILD_URL")</url></$PKG.RestartExternalBuildBuilder>" >"$tmp/xml.xml"
  jk_job e2e-xml-url-only "$tmp/xml.xml" && N=$(jk_build e2e-xml-url-only) || { fail "xml defaults: job did not start"; return; }
  result=$(jk_result e2e-xml-url-only "$N" 180); jk_log e2e-xml-url-only "$N" >"$tmp/last.out" 2>&1
  builds=$(bb_count flaky "$KEY")
  if [ "$result" = SUCCESS ] && [ "$builds" = 2 ] && grep -q 'attempt 2' "$tmp/last.out"; then
    pass "xml defaults: a freestyle job with only <url> restarted once, waited and succeeded (defaults: wait, 1 attempt)"
  else
    fail "xml defaults: e2e-xml-url-only #$N $result, $builds builds (expected SUCCESS, 2)"
  fi
}

# Replay of a run that restarted a build follows that restart; building the job again restarts again.
s_replay() {
  local script before result builds n2
  fresh always-fail complete || { fail "replay: could not force always-fail"; return; }
  script="def r = restartExternalBuild url: '$BUILD_URL', propagate: false
$ECHO"
  run_pipeline e2e-replay "$script" 180
  builds=$(bb_count always-fail "$KEY")
  [ "$RESULT" = SUCCESS ] && [ "$builds" = 2 ] || { fail "replay: first run #$N $RESULT, $builds builds (expected SUCCESS, 2)"; return; }
  before=$(jk '/job/e2e-replay/api/json?tree=nextBuildNumber' | json 'd["nextBuildNumber"]')
  jk_post "/job/e2e-replay/$N/replay/run" --data-urlencode \
      "json=$(printf '%s' "$script" | /usr/bin/python3 -c 'import json, sys; print(json.dumps({"mainScript": sys.stdin.read()}))')" \
      >/dev/null 2>"$tmp/last.out" || { fail "replay: POST replay/run refused"; return; }
  for _ in $(seq 60); do [ "$(jk_code "/job/e2e-replay/$before/api/json")" = 200 ] && break; sleep 0.5; done
  result=$(jk_result e2e-replay "$before" 180); jk_log e2e-replay "$before" >"$tmp/last.out" 2>&1
  builds=$(bb_count always-fail "$KEY")
  if [ "$result" = SUCCESS ] && [ "$builds" = 2 ]; then
    pass "replay: #$before (replay of #$N) sent no second restart (server: still $builds builds)"
  else
    fail "replay: #$before (replay of #$N) $result, $builds builds on the server (expected SUCCESS, 2: no double restart)"
  fi
  n2=$(jk_build e2e-replay) && result=$(jk_result e2e-replay "$n2" 180); jk_log e2e-replay "$n2" >"$tmp/last.out" 2>&1
  builds=$(bb_count always-fail "$KEY")
  if [ "$result" = SUCCESS ] && [ "$builds" = 3 ]; then
    pass "run again: #$n2 (a new build, not a replay) restarted again (server: $builds builds)"
  else
    fail "run again: #$n2 $result, $builds builds on the server (expected SUCCESS, 3: a new build restarts)"
  fi
}

# kill -9 of the controller while the Pipeline waits for a slow rebuild; then start it again.
s_kill() {
  local rebuild t0 back line running_after result end_ms remote_end builds
  cancelled_slow || { fail "kill -9: could not get a cancelled slow build"; return; }
  jk_pipeline e2e-kill "def r = restartExternalBuild url: '$BUILD_URL'
$ECHO" && N=$(jk_build e2e-kill) || { fail "kill -9: e2e-kill did not start"; return; }
  rebuild=$(bb_wait_running slow "$KEY" 2 120) && jk_log_wait e2e-kill "$N" 'attempt 2: running' 90 \
    || { jk_log e2e-kill "$N" >"$tmp/last.out" 2>&1; fail "kill -9: the rebuild never ran"; return; }
  sleep 2
  t0=$SECONDS; jk_kill9; jk_start
  jk_wait_up 600 || { fail "kill -9: Jenkins did not come back"; return; }
  back=$((SECONDS - t0))
  running_after=$(bb_builds slow "$KEY" | sed -n 2p | cut -d' ' -f2)
  result=$(jk_result e2e-kill "$N" $((BB_SLOW_SECONDS + 180))); jk_log e2e-kill "$N" >"$tmp/last.out" 2>&1
  builds=$(bb_count slow "$KEY")
  line=$(bb_builds slow "$KEY" | sed -n 2p); remote_end=$(echo "$line" | cut -d' ' -f4)
  [[ $remote_end =~ ^[0-9]+$ ]] && remote_end=$((remote_end * 1000)) || remote_end=0
  end_ms=$(jk_end_millis e2e-kill "$N"); [[ $end_ms =~ ^[0-9]+$ ]] || end_ms=0
  if [ "$result" = SUCCESS ] && [ "$builds" = 2 ] && grep -q 'E2E result=success attempt=2' "$tmp/last.out" \
      && [ "$running_after" = False ] && [ "$remote_end" -gt 0 ] && [ "$end_ms" -ge "$remote_end" ]; then
    pass "kill -9: Jenkins killed during the wait and back after ${back} s with build $rebuild still running; #$N resumed and ended SUCCESS $(( (end_ms - remote_end) / 1000 )) s after the remote build, no second restart ($builds builds)"
  else
    fail "kill -9: #$N $result, $builds builds, remote running when Jenkins was back: $running_after, Jenkins end - remote end: $(( (end_ms - remote_end) / 1000 )) s (expected SUCCESS, 2, False, >= 0)"
  fi
}
