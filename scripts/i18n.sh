#!/usr/bin/env bash
# Developer tool: refresh one app's Vietnamese catalogue and fill it from JSON dictionaries.
#   scripts/i18n.sh APP [DICT.json ...]      e.g. scripts/i18n.sh desk var/i18n/desk.json
# Runs makemessages inside the app (locations relative to it, as the catalogues are kept), then
# scripts/fill_po.py with the dictionaries. Serialised with flock so that two runs never write the
# same catalogue at once. Prints what is still untranslated.
set -euo pipefail
cd "$(dirname "$0")/.."
app=$1; shift
root=$PWD
.venv/bin/python -c "import polib" 2>/dev/null || .venv/bin/pip install --quiet polib
exec 9>/tmp/motcua-i18n.lock
flock 9
(cd "src/motcua/$app" && DJANGO_SETTINGS_MODULE=motcua.conf.test "$root/.venv/bin/python" "$root/manage.py" \
  makemessages -l vi --no-obsolete -v 0)
po="src/motcua/$app/locale/vi/LC_MESSAGES/django.po"
if [ $# -gt 0 ]; then
  "$root/.venv/bin/python" scripts/fill_po.py "$po" "$@" || true
fi
(cd "src/motcua/$app" && DJANGO_SETTINGS_MODULE=motcua.conf.test "$root/.venv/bin/python" "$root/manage.py" \
  compilemessages -l vi -v 0)
