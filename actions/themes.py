"""The 6 Anact QVT themes (seed 003).

The data migration `0002_qvt_themes` creates them; `ensure_qvt_themes` puts them back
where a database was emptied without migrations running again (a test database flushed
between transactional tests, for instance) before the demo relies on them.
"""

from .models import QvtTheme

QVT_THEMES = [
    ("contenu-travail", "Contenu du travail"),
    ("relations-climat-social", "Relations au travail et climat social"),
    ("engagement-management", "Engagement et management"),
    ("egalite-professionnelle", "Égalité professionnelle"),
    ("parcours-professionnels", "Parcours professionnels"),
    ("sante-travail", "Santé au travail"),
]


def ensure_qvt_themes() -> None:
    for order, (code, name) in enumerate(QVT_THEMES, start=1):
        QvtTheme.objects.get_or_create(code=code, defaults={"name": name, "order": order})
