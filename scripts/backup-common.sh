# Sourced by scripts/backup.sh and scripts/restore.sh: messages, PostgreSQL tools, DATABASE_URL
# check and the two file folders. Expects ROOT (the project folder) to be set.
info() { echo "==> $*"; }
warn() { echo "ATTENTION : $*" >&2; }
die() { echo "ERREUR : $*" >&2; exit 1; }

# Les outils PostgreSQL : ceux du dossier le plus récent de /usr/lib/postgresql (comme
# scripts/services.sh), sinon ceux du PATH (image postgres officielle).
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
_pg_tool() {
  if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/$1" ]; then echo "$PG_BIN/$1"; else command -v "$1" || true; fi
}
PG_DUMP="$(_pg_tool pg_dump)"
PG_RESTORE="$(_pg_tool pg_restore)"
PSQL="$(_pg_tool psql)"
[ -n "$PG_DUMP" ] && [ -n "$PG_RESTORE" ] && [ -n "$PSQL" ] \
  || die "pg_dump, pg_restore et psql sont introuvables (paquet postgresql-client, ou PG_BIN)."

[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL n'est pas définie (postgres://utilisateur:motdepasse@hôte:port/base)."
case "$DATABASE_URL" in
  postgres://*|postgresql://*|pgsql://*|psql://*) ;;
  *) die "DATABASE_URL ne désigne pas une base PostgreSQL : seules celles-ci se sauvegardent avec ces scripts." ;;
esac
# libpq ne connaît que postgresql:// ; les autres préfixes sont ceux de django-environ.
PG_URL="postgresql://${DATABASE_URL#*://}"
db_label() { local rest="${PG_URL#*://}"; rest="${rest#*@}"; echo "${rest%%\?*}"; }

MEDIA_DIR="${MEDIA_ROOT:-$ROOT/var/media}"
MEDIA_DIR="${MEDIA_DIR%/}"
PRIVATE_DIR="${PRIVATE_MEDIA_ROOT:-$(dirname "$MEDIA_DIR")/private}"
PRIVATE_DIR="${PRIVATE_DIR%/}"
