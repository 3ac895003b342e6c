#!/usr/bin/env bash
# Removes session-logger's hook registration (and our status line) from Claude Code's settings.
#
#   PREFIX      install root of the binaries                     (default: ~/.local)
#   SETTINGS    Claude Code settings file                        (default: ~/.claude/settings.json)
#   --remove-binaries  also deletes $PREFIX/bin/session-logger and session-stats
#
# Logs are never deleted.
set -euo pipefail

die() {
    echo "uninstall.sh: error: $*" >&2
    exit 1
}
usage() {
    echo "usage: [PREFIX=dir] [SETTINGS=file] $0 [--remove-binaries]" >&2
    exit 64
}
help() {
    echo "usage: [PREFIX=dir] [SETTINGS=file] $0 [--remove-binaries]"
    sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
}

remove_binaries=0
for argument in "$@"; do
    case "$argument" in
    --remove-binaries) remove_binaries=1 ;;
    -h | --help) help ;;
    *)
        echo "uninstall.sh: error: unknown argument '$argument'" >&2
        usage
        ;;
    esac
done
[[ -n "${HOME:-}" ]] || die "HOME is not set"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${PREFIX:-$HOME/.local}"
settings="${SETTINGS:-$HOME/.claude/settings.json}"
bin="$prefix/bin"

stats="$bin/session-stats"
if [[ ! -x "$stats" ]]; then
    # Without the installed binary, build one from this checkout just to edit the settings.
    command -v swift >/dev/null 2>&1 || die "$stats is missing and swift is not on PATH to build it"
    build_flags=(-c release --package-path "$root")
    [[ -z "${SCRATCH_PATH:-}" ]] || build_flags+=(--scratch-path "$SCRATCH_PATH")
    echo "$stats not found; building session-stats..."
    swift build "${build_flags[@]}" --product session-stats >&2 || die "swift build of session-stats failed"
    stats="$(swift build "${build_flags[@]}" --show-bin-path)/session-stats"
fi

"$stats" hooks uninstall --settings "$settings" || die "could not remove the hook from $settings"

if [[ $remove_binaries -eq 1 ]]; then
    rm -f "$bin/session-logger" "$bin/session-stats" || die "cannot remove the binaries from $bin"
    echo "removed $bin/session-logger and $bin/session-stats"
fi
echo "logs were kept in ${CLAUDE_LOG_DIR:-~/.claude/logs}"
