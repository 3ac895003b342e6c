#!/usr/bin/env bash
# Builds session-logger and session-stats, installs them and registers the hook with Claude Code.
#
#   PREFIX      install root; binaries go to $PREFIX/bin        (default: ~/.local)
#   SETTINGS    Claude Code settings file to register the hook in (default: ~/.claude/settings.json)
#   STATUSLINE  1 also sets Claude Code's status line to `session-stats statusline`, unless one is set
#   PORTABLE    1 registers ~/… run through a shell (for a settings.json synced between machines with
#               different home directories) instead of the absolute path run directly, which is faster
#   SCRATCH_PATH  optional swift build directory (default: the package's .build)
set -euo pipefail

die() {
    echo "install.sh: error: $*" >&2
    exit 1
}

usage="usage: [PREFIX=dir] [SETTINGS=file] [STATUSLINE=1] [PORTABLE=1] $0"
if [[ $# -eq 1 && ( "$1" == "-h" || "$1" == "--help" ) ]]; then
    echo "$usage"
    sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
fi
[[ $# -eq 0 ]] || {
    echo "$usage" >&2
    exit 64
}
[[ -n "${HOME:-}" ]] || die "HOME is not set"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${PREFIX:-$HOME/.local}"
settings="${SETTINGS:-$HOME/.claude/settings.json}"
bin="$prefix/bin"

command -v swift >/dev/null 2>&1 || die "swift is not on PATH; install a Swift 6 toolchain first"

build_flags=(-c release --package-path "$root")
[[ -z "${SCRATCH_PATH:-}" ]] || build_flags+=(--scratch-path "$SCRATCH_PATH")

echo "building session-logger and session-stats (release)..."
for product in session-logger session-stats; do
    swift build "${build_flags[@]}" --product "$product" >&2 || die "swift build of $product failed"
done
build_bin="$(swift build "${build_flags[@]}" --show-bin-path)" || die "cannot find the build directory"

mkdir -p "$bin" || die "cannot create $bin"
temporary=()
work=""
cleanup() {
    local file
    for file in "${temporary[@]+"${temporary[@]}"}"; do rm -f "$file"; done
    if [[ -n "$work" ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

# Copy under a temporary name, then rename: a hook starting meanwhile runs the old binary or the new one.
for name in session-logger session-stats; do
    [[ -x "$build_bin/$name" ]] || die "$build_bin/$name was not built"
    staged="$bin/.$name.installing.$$"
    temporary+=("$staged")
    install -m 0755 "$build_bin/$name" "$staged" || die "cannot copy $name to $bin"
    mv -f "$staged" "$bin/$name" || die "cannot install $bin/$name"
done
echo "installed $bin/session-logger and $bin/session-stats"

register=(hooks install --settings "$settings" --command "$bin/session-logger")
[[ "${STATUSLINE:-0}" != 1 ]] || register+=(--statusline)
[[ "${PORTABLE:-0}" != 1 ]] || register+=(--portable-path)
"$bin/session-stats" "${register[@]}" || die "could not register the hook in $settings (nothing was changed)"

# Feed one sample event through the installed hook, into a throwaway log directory.
work="$(mktemp -d "${TMPDIR:-/tmp}/session-logger-check.XXXXXX")" || die "cannot create a temporary directory"
payload='{"session_id":"install-check","transcript_path":"/dev/null","cwd":"'"$work"'","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"echo hello"},"tool_response":{"stdout":"hello","stderr":"","interrupted":false},"tool_use_id":"toolu_install_check"}'
printf '%s' "$payload" | CLAUDE_LOG_DIR="$work/logs" "$bin/session-logger" ||
    die "the installed hook failed on a sample PostToolUse event"
shopt -s nullglob
logs=("$work"/logs/activity-*.jsonl)
shopt -u nullglob
[[ ${#logs[@]} -eq 1 ]] || die "the sample event wrote ${#logs[@]} log files in $work/logs, expected 1"
# BSD wc pads the count with spaces.
lines="$(wc -l <"${logs[0]}" | tr -d ' ')"
[[ "$lines" -eq 1 ]] || die "the sample event wrote $lines lines to ${logs[0]}, expected 1"
echo "sample event logged:"
cat "${logs[0]}"

echo "real logs will go to ${CLAUDE_LOG_DIR:-~/.claude/logs} (set CLAUDE_LOG_DIR to change that)"
case ":${PATH}:" in
*":$bin:"*) ;;
*) echo "note: $bin is not on your PATH; add it, e.g. export PATH=\"$bin:\$PATH\"" ;;
esac
