#!/usr/bin/env bash
# Sauvegarde de Copilote : la base PostgreSQL (pg_dump, format personnalisé) et les fichiers
# (MEDIA_ROOT : PDF générés, photos ; PRIVATE_MEDIA_ROOT : livrables déposés).
#
#   scripts/backup.sh [DOSSIER]
#
# Crée DOSSIER (par défaut ./sauvegardes/copilote-AAAAMMJJ-HHMMSS) contenant :
#   base.dump      la base, à relire avec scripts/restore.sh (pg_restore)
#   media.tar.gz   le contenu de MEDIA_ROOT
#   private.tar.gz le contenu de PRIVATE_MEDIA_ROOT
#   SHA256SUMS     les empreintes des trois fichiers
# Variables lues : DATABASE_URL (obligatoire, postgres://…), MEDIA_ROOT (défaut : var/media),
# PRIVATE_MEDIA_ROOT (défaut : le dossier « private » à côté de MEDIA_ROOT), PG_BIN (facultatif).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# --- Commun à backup.sh et restore.sh (gardez les deux copies identiques) ---
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
# --- Fin de la partie commune ---

case "${1:-}" in
  -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
[ $# -le 1 ] || die "usage : scripts/backup.sh [DOSSIER]"

TARGET="${1:-$PWD/sauvegardes/copilote-$(date +%Y%m%d-%H%M%S)}"
if [ -e "$TARGET" ] && [ -n "$(ls -A "$TARGET" 2>/dev/null)" ]; then
  die "le dossier $TARGET existe déjà et n'est pas vide : choisissez un autre dossier."
fi
umask 077  # données personnelles : lisibles par le seul propriétaire
mkdir -p "$TARGET"

info "Sauvegarde de la base $(db_label) vers $TARGET/base.dump"
"$PG_DUMP" --dbname="$PG_URL" --format=custom --no-owner --no-acl --file="$TARGET/base.dump" \
  || die "pg_dump a échoué : la base n'est pas sauvegardée."

archive_folder() {  # archive_folder NOM DOSSIER
  local name="$1" folder="$2"
  if [ -d "$folder" ]; then
    info "Archivage de $folder vers $TARGET/$name.tar.gz"
    tar --create --gzip --numeric-owner --file="$TARGET/$name.tar.gz" --directory="$folder" . \
      || die "l'archivage de $folder a échoué."
  else
    warn "le dossier $folder n'existe pas : archive vide."
    tar --create --gzip --file="$TARGET/$name.tar.gz" --files-from=/dev/null
  fi
}
archive_folder media "$MEDIA_DIR"
archive_folder private "$PRIVATE_DIR"

(cd "$TARGET" && sha256sum base.dump media.tar.gz private.tar.gz > SHA256SUMS)
info "Sauvegarde terminée : $TARGET"
