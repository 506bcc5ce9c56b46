"""Every form of the project receives hostile values: never a 500, never a partial write,
errors in French, typed HTML shown escaped (issue 9)."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from .conftest import FUZZ, seeded
from .engine import apply_setup, baseline, changed_tables, check_answer, client_for, fingerprint, prepare
from .registry import FUZZ as REGISTRY
from .registry import NOT_RENDERED
from .values import IMG, SCRIPT, hostile

NAMES = sorted(REGISTRY)
PREPARED: dict[str, object] = {}


def target_for(name, dataset):
    """The form's target, read once per data set (each test module builds its own); the entry's
    setup is replayed in each test's savepoint."""
    key = (dataset["action"].pk, name)
    if key not in PREPARED:
        PREPARED[key] = prepare(name, REGISTRY[name], dataset)
    else:
        apply_setup(REGISTRY[name], dataset)
    return PREPARED[key]


def foreign_ids(dataset) -> list[str]:
    """Primary keys of objects the writer may not see (another pilot's action…), and of none."""
    return [str(dataset["other_action"].pk), str(dataset["users"]["other_pilot"].pk), "2147483647"]


def describe(data, mutated) -> str:
    parts = []
    for key in mutated:
        value = data.get(key)
        text = repr(value)
        parts.append(f"{key}={text if len(text) < 160 else text[:120] + f'… ({len(text)} car.)'}")
    return "{" + ", ".join(parts) + "}"


# Each classic payload typed into every field of a form at once (other controls as shown).
SWEEP = {
    "script": SCRIPT + IMG,
    "nul": "avant\x00après",
    "long": "É" * 10_000,
    "overflow": str(2**63),
    "far date": "9999-12-31",
}
MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS", "csrfmiddlewaretoken")


def sweep(target, client, before):
    for form in target.forms:
        keys = [
            n
            for n, c in form.fields().items()
            if c.kind not in ("submit", "button", "file", "checkbox", "hidden") and not n.endswith(MANAGEMENT)
        ]
        if not keys:
            continue  # only a button: the random examples post junk fields to it
        for label, payload in SWEEP.items():
            posted = baseline(form)
            for key in keys:
                posted[key] = [payload]
            with transaction.atomic():
                check_answer(target, client, posted, f"« {label} » dans {keys}", before)
                transaction.set_rollback(True)


@pytest.mark.parametrize("name", NAMES)
def test_hostile_values(db, dataset, name):
    """The sweep of classic payloads, then random examples: 1 to 3 controls get hostile values
    (by the kind of control), the others keep what the page shows (empty ones filled sensibly)."""
    target = target_for(name, dataset)
    client = client_for(dataset, target.persona)
    before = fingerprint()
    foreign = foreign_ids(dataset)
    sweep(target, client, before)

    @FUZZ
    @seeded(name)
    @given(st.data())
    def run(data):
        form = target.forms[data.draw(st.integers(0, len(target.forms) - 1), label="form")]
        posted = baseline(form)
        fields = {n: c for n, c in form.fields().items() if c.kind not in ("submit", "button", "file")}
        names = sorted(fields)
        mutated = []
        if names:
            mutated = data.draw(
                st.lists(st.sampled_from(names), min_size=1, max_size=min(3, len(names)), unique=True),
                label="fields",
            )
        for key in mutated:
            control = fields[key]
            value = data.draw(hostile(control.kind, control.options, foreign), label=key)
            posted[key] = value if isinstance(value, list) else [value]
        if data.draw(st.booleans(), label="extra field"):
            junk = data.draw(
                st.sampled_from(["__proto__", "pk", "id", "user", "created_by", "service"]), label="extra"
            )
            posted[junk] = ["1"]
            mutated.append(junk)
        with transaction.atomic():
            tampered = any(fields[key].kind == "hidden" for key in mutated if key in fields)
            check_answer(target, client, posted, describe(posted, mutated), before, tampered)
            transaction.set_rollback(True)

    run()


@pytest.mark.parametrize("name", NAMES)
def test_choices_the_form_does_not_offer_are_refused(db, dataset, name):
    """A foreign key typed in by hand (another pilot's action, a committee elsewhere) is refused:
    the form answers with its error, or nothing is written."""
    target = target_for(name, dataset)
    if not target.outside:
        pytest.skip("aucun choix limité à ce que l'utilisateur voit")
    client = client_for(dataset, target.persona)
    before = fingerprint()
    for html_name, pk in target.outside.items():
        form = next(f for f in target.forms if html_name in f.fields())
        posted = baseline(form)
        posted[html_name] = [pk]
        with transaction.atomic():
            response = client.post(target.url, posted)
            changed = changed_tables(before, fingerprint())
            transaction.set_rollback(True)
        assert response.status_code < 500
        assert response.status_code != 302 or not changed, (
            f"{name} : « {html_name} » = {pk}, un objet que le formulaire ne propose pas, est accepté ({changed})"
        )


def test_every_form_class_of_the_project_is_fuzzed(db, dataset):
    """Each form class is held by a fuzzed page (or a base of one), or listed with its reason."""
    from .test_get_forms import GET_PREPARED, get_pages
    from .test_registry import project_form_classes

    seen = set()
    for name in NAMES:
        seen |= target_for(name, dataset).form_classes
    for page in get_pages(dataset):
        seen |= GET_PREPARED[(dataset["action"].pk, page)].form_classes
    missing = sorted(project_form_classes() - seen - set(NOT_RENDERED))
    assert not missing, (
        f"Formulaires jamais fuzzés (ajoutez leur page au FUZZ de tests/<app>/access_expectations.py) : {missing}"
    )
