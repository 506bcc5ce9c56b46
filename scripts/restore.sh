#!/usr/bin/env bash
# Restauration de Copilote depuis un dossier créé par scripts/backup.sh.
#
#   scripts/restore.sh [--force] DOSSIER
#
# Relit DOSSIER/base.dump dans la base DATABASE_URL (pg_restore) et remet le contenu de
# MEDIA_ROOT et PRIVATE_MEDIA_ROOT à partir de media.tar.gz et private.tar.gz.
# Refuse d'écraser une base qui contient déjà des tables, ou des dossiers de fichiers non vides,
# sauf avec --force : la base et les dossiers sont alors vidés puis remplacés par la sauvegarde.
# Arrêtez le site et les workers avant (voir docs/production.md).
# Variables lues : DATABASE_URL (obligatoire, postgres://…), MEDIA_ROOT (défaut : var/media),
# PRIVATE_MEDIA_ROOT (défaut : le dossier « private » à côté de MEDIA_ROOT), PG_BIN (facultatif).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
case " $* " in *" -h "*|*" --help "*) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
. "$(dirname "$0")/backup-common.sh"
FORCE=false
SOURCE=""
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=true ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "option inconnue : $arg (usage : scripts/restore.sh [--force] DOSSIER)" ;;
    *) [ -z "$SOURCE" ] || die "un seul dossier de sauvegarde à la fois."; SOURCE="$arg" ;;
  esac
done
[ -n "$SOURCE" ] || die "usage : scripts/restore.sh [--force] DOSSIER"
for file in base.dump media.tar.gz private.tar.gz; do
  [ -f "$SOURCE/$file" ] || die "$SOURCE/$file est introuvable : ce dossier n'est pas une sauvegarde complète."
done
if [ -f "$SOURCE/SHA256SUMS" ]; then
  (cd "$SOURCE" && sha256sum --check --quiet SHA256SUMS) \
    || die "les empreintes de $SOURCE ne correspondent pas : sauvegarde abîmée, rien n'est restauré."
fi
"$PG_RESTORE" --list "$SOURCE/base.dump" >/dev/null 2>&1 \
  || die "$SOURCE/base.dump n'est pas un fichier pg_dump lisible."

tables="$("$PSQL" --dbname="$PG_URL" --no-psqlrc --tuples-only --no-align --set ON_ERROR_STOP=1 \
  --command "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" \
  || die "impossible de se connecter à la base $(db_label)."
not_empty=()
[ "$tables" -gt 0 ] && not_empty+=("la base $(db_label) ($tables tables)")
for folder in "$MEDIA_DIR" "$PRIVATE_DIR"; do
  [ -d "$folder" ] && [ -n "$(ls -A "$folder")" ] && not_empty+=("le dossier $folder")
done
if [ ${#not_empty[@]} -gt 0 ]; then
  if [ "$FORCE" != true ]; then
    for what in "${not_empty[@]}"; do warn "$what n'est pas vide."; done
    die "restauration refusée pour ne rien écraser : relancez avec --force pour remplacer ces données par la sauvegarde."
  fi
  warn "--force : les données actuelles sont remplacées par la sauvegarde."
fi

if [ "$tables" -gt 0 ]; then
  info "Vidage de la base $(db_label)"
  "$PSQL" --dbname="$PG_URL" --no-psqlrc --quiet --set ON_ERROR_STOP=1 \
    --command "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null \
    || die "impossible de vider la base $(db_label)."
fi
info "Restauration de la base $(db_label) depuis $SOURCE/base.dump"
"$PG_RESTORE" --dbname="$PG_URL" --no-owner --no-acl --exit-on-error --single-transaction "$SOURCE/base.dump" \
  || die "pg_restore a échoué : transaction annulée, rien de la sauvegarde n'est dans la base ; les fichiers n'ont pas été touchés."

restore_folder() {  # restore_folder NOM DOSSIER
  local name="$1" folder="$2"
  info "Restauration de $folder depuis $SOURCE/$name.tar.gz"
  mkdir -p "$folder"
  find "$folder" -mindepth 1 -delete
  tar --extract --gzip --file="$SOURCE/$name.tar.gz" --directory="$folder" \
    || die "l'extraction de $SOURCE/$name.tar.gz a échoué."
}
restore_folder media "$MEDIA_DIR"
restore_folder private "$PRIVATE_DIR"
info "Restauration terminée."
