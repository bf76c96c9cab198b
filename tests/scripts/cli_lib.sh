# Shared by the CLI contract scripts (sourced, not run): a scratch folder, and the two kinds of check.
#   check NAME CONDITION            CONDITION (shell code) holds
#   run NAME RC GREP ARGS...        `kronscope-cli ARGS` exits RC within CLI_TIMEOUT s (default 60) with exactly one
#                                   stderr line matching GREP (a refusal names its option or file in one line)
#   json FILE EXPR                  prints the Python expression EXPR of the last line of FILE, parsed as `d`
# Expects $cli; sets $fail (the script's exit status) and $tmp (removed on exit; the current folder).
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
run() {
  local name="$1" want="$2" pattern="$3"; shift 3
  timeout "${CLI_TIMEOUT:-60}" "$cli" "$@" >out.txt 2>err.txt; local rc=$?
  local lines; lines=$(wc -l <err.txt)
  if [ "$rc" -ne "$want" ] || [ "$lines" -ne 1 ] || ! grep -qE -- "$pattern" err.txt; then
    echo "FAIL: $name (rc $rc, want $want; $lines stderr lines)"; head -c 400 err.txt; echo; fail=1
  else
    echo "ok: $name"
  fi
}
json() { python3 -c "import json,sys; d=json.loads(open('$1').read().strip().splitlines()[-1]); print($2)"; }
