#!/usr/bin/env bash
# kronscope-cli's contract: --help lists subcommands, --version, exit codes 0/1/2, --json last line is JSON,
# errors are one line on stderr.
set -u
cli="$1"
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
out=$("$cli" --help); rc=$?
check "--help exits 0" "[ $rc -eq 0 ]"
check "--help lists about" "grep -q '^  about' <<<\"\$out\""
out=$("$cli" --version); rc=$?
check "--version prints a version" "[ $rc -eq 0 ] && grep -qE '^kronscope-cli [0-9]+\.[0-9]+\.[0-9]+' <<<\"\$out\""
"$cli" no-such-command >/dev/null 2>&1; rc=$?
check "unknown command exits 2" "[ $rc -eq 2 ]"
"$cli" about --no-such-option >/dev/null 2>&1; rc=$?
check "unknown option exits 2" "[ $rc -eq 2 ]"
out=$("$cli" about --json); rc=$?
check "about --json exits 0" "[ $rc -eq 0 ]"
check "about --json last line is one JSON object" \
  "tail -n1 <<<\"\$out\" | python3 -c 'import json,sys; o=json.loads(sys.stdin.read()); assert isinstance(o, dict) and \"libtorch\" in o'"
err=$("$cli" about --bogus 2>&1 >/dev/null | tail -n1)
check "usage error names the problem on stderr" "grep -q 'unknown option --bogus' <<<\"\$err\""
if [ $fail -ne 0 ]; then echo "cli contract: failures"; exit 1; fi
echo "cli contract: all checks passed"
