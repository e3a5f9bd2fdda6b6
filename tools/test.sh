#!/usr/bin/env bash
# Runs every test: the Catch2 unit tests and the endpoint's tests (ctest), then the
# end-to-end tests in headless Chromium against build/web/dist. Prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh || exit 1
tools/build.sh all || exit 1

log_dir=build/test-logs
mkdir -p "$log_dir"
echo "== ctest (unit and endpoint tests)"
ctest --preset native -j "$(nproc)" 2>&1 | tee "$log_dir/ctest.log"
ctest_status=${PIPESTATUS[0]}

echo "== end-to-end tests (headless Chromium)"
(cd tests/e2e && node --test --test-concurrency=1 ./*.test.js) 2>&1 | tee "$log_dir/e2e.log"
e2e_status=${PIPESTATUS[0]}

# One closing line for the whole run.
read -r ctest_total ctest_failed < <(awk '/tests passed, .* tests failed out of/ {print $NF, $4}' "$log_dir/ctest.log" | tail -1)
e2e_passed=$(awk '/^# pass / {print $3}' "$log_dir/e2e.log" | tail -1)
e2e_failed=$(awk '/^# fail / {print $3}' "$log_dir/e2e.log" | tail -1)
passed=$(( ${ctest_total:-0} - ${ctest_failed:-0} + ${e2e_passed:-0} ))
failed=$(( ${ctest_failed:-0} + ${e2e_failed:-0} ))
[ "$ctest_status" = 0 ] && [ -n "${ctest_total:-}" ] || failed=$(( failed > 0 ? failed : 1 ))
[ "$e2e_status" = 0 ] && [ -n "$e2e_passed" ] || failed=$(( failed > 0 ? failed : 1 ))
echo "Screenshots: build/e2e/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
