"""Django's own messages that another installed app's catalogue translates differently.

Django REST framework ships French translations of a few of Django's validation messages
(« adresse e-mail », straight apostrophes). Listed here, they are translated in core's catalogue,
which comes before rest_framework in INSTALLED_APPS, so that forms say what Django says everywhere.
"""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("Enter a valid email address."),
    gettext_noop("No file was submitted."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
    gettext_noop("Value must be valid JSON."),
)
