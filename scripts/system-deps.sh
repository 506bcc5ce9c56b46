#!/usr/bin/env bash
# What `make run` and `make test` need from Debian, in one place (CI and the two commands use it).
#   bash scripts/system-deps.sh run|test
# Installs what is missing when it may (root, or sudo without a password, and apt-get); otherwise stops
# at once, in its first lines, with the one command to run. Never lets a degraded suite start.
set -euo pipefail
purpose="${1:-test}"
need=()
_pkg() { dpkg -s "$1" >/dev/null 2>&1 || need+=("$1"); }

# The app itself: WeasyPrint's Pango and HarfBuzz, the PDFs' fonts, msgfmt for the catalogues.
_pkg libpango-1.0-0
_pkg libpangoft2-1.0-0
_pkg libharfbuzz-subset0
_pkg fonts-dejavu-core
if [ "$purpose" = "test" ]; then
  # The suite's real parts: PostgreSQL, Redis, Debian's Chromium (French date inputs: chromium-l10n),
  # pdftoppm to look at the PDFs, npm for axe-core (tests/a11y/package-lock.json), msgfmt for the catalogue checks.
  [ -n "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null)" ] || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  _pkg chromium-l10n
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
  command -v npm >/dev/null || need+=(npm)
  command -v msgfmt >/dev/null || need+=(gettext)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  as_root=(none)
fi
if [ "${as_root[*]}" = "none" ] || ! command -v apt-get >/dev/null; then
  echo "ERREUR : il manque des paquets Debian pour « make $purpose » : ${need[*]}" >&2
  echo "Lancez :  sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  echo "puis relancez « make $purpose »." >&2
  exit 1
fi
echo "==> apt-get install ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
