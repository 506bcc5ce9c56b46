#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL + Redis (used by `make bench`).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
"$@"
