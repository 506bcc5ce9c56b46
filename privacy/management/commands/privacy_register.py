from django.core.management.base import BaseCommand

from privacy.register import DOCUMENT_PATH, register_markdown


class Command(BaseCommand):
    help = "Writes docs/donnees-personnelles.md, the register of personal data, from privacy/register.py."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the committed file is out of date.")

    def handle(self, *args, check=False, **options):
        text = register_markdown()
        if check:
            if not DOCUMENT_PATH.exists() or DOCUMENT_PATH.read_text(encoding="utf-8") != text:
                raise SystemExit(f"{DOCUMENT_PATH} is out of date: run manage.py privacy_register")
            self.stdout.write("up to date")
            return
        DOCUMENT_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"written: {DOCUMENT_PATH}")
