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
case " $* " in *" -h "*|*" --help "*) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
. "$(dirname "$0")/backup-common.sh"

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
