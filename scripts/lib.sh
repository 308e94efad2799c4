# Shared helpers for the scripts in this directory. Source it; don't run it.
# shellcheck shell=bash

# The repository root, whatever the caller's working directory.
TESSERA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TESSERA_ROOT

if [[ -t 1 ]]; then
  _bold=$'\e[1m' _red=$'\e[31m' _green=$'\e[32m' _dim=$'\e[2m' _reset=$'\e[0m'
else
  _bold='' _red='' _green='' _dim='' _reset=''
fi

say() { printf '%s==>%s %s\n' "$_bold" "$_reset" "$*"; }
note() { printf '%s    %s%s\n' "$_dim" "$*" "$_reset"; }
warn() { printf '%swarning:%s %s\n' "$_red" "$_reset" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$_red" "$_reset" "$*" >&2
  exit 1
}

# Runs a command as root: directly when we are root (CI), else through sudo.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $* (run as root or install sudo)"
  fi
}
