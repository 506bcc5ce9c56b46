"""`raci.access` is the one place that answers who may read, edit and clone a matrix.

The `can_*` checks answer as the querysets they derive from, for every persona and every
kind of matrix (an action's, a programme's, a template).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from core import access as core_access
from raci import access
from raci.models import Matrix
from raci.services import templates_install

from .factories import ProgrammeFactory, manage_programme, small_matrix

pytestmark = pytest.mark.django_db

PERSONAS = [
    "pilot",
    "other_pilot",
    "consultant",
    "committee_member",
    "service_staff",
    "member_contact",
    "admin_user",
    "outsider",
]


@pytest.fixture
def matrices(matrix, other_pilot):
    """The action's matrix (`pilot` in its team, `committee_member` reads it), a programme's
    (`other_pilot` manages it) and a template."""
    programme = ProgrammeFactory()
    manage_programme(programme, other_pilot)
    template, _other = templates_install(by=None)
    return {"action": matrix, "programme": small_matrix(programme=programme), "template": template}


# (reads, edits, clones) for the action's, the programme's matrix and the template.
EXPECTED = {
    "pilot": {
        "action": (True, True, False),
        "programme": (False, False, False),
        "template": (True, False, True),
    },
    "other_pilot": {
        "action": (False, False, False),
        "programme": (True, True, False),
        "template": (True, False, True),
    },
    "consultant": {
        "action": (False, False, False),
        "programme": (False, False, False),
        "template": (True, False, True),
    },
    "committee_member": {
        "action": (True, False, False),
        "programme": (False, False, False),
        "template": (False, False, False),
    },
    "admin_user": {
        "action": (True, True, False),
        "programme": (True, True, False),
        "template": (True, True, True),
    },
}
NOBODY = dict.fromkeys(("action", "programme", "template"), (False, False, False))


def test_the_matrix_policy_lives_in_raci_access():
    policy = core_access.policy_for(Matrix)
    assert policy.visible is access.matrices_visible_to
    assert policy.verbs == {"change": access.can_edit_matrix, "clone": access.can_clone_template}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_edits_and_clones_each_kind_of_matrix(request, matrices, persona):
    user = request.getfixturevalue(persona)
    for kind, matrix in matrices.items():
        reads, edits, clones = EXPECTED.get(persona, NOBODY)[kind]
        assert access.can_view_matrix(user, matrix) is reads, kind
        assert access.can_edit_matrix(user, matrix) is edits, kind
        assert access.can_clone_template(user, matrix) is clones, kind
        # The checks answer as the querysets, and the rules permissions as the checks.
        assert access.matrices_visible_to(user).filter(pk=matrix.pk).exists() is reads, kind
        assert access.matrices_editable_by(user).filter(pk=matrix.pk).exists() is edits, kind
        if not user.is_superuser:  # Django grants a superuser every permission before asking the rules
            assert user.has_perm("raci.view_matrix", matrix) is reads, kind
            assert user.has_perm("raci.change_matrix", matrix) is edits, kind
            assert user.has_perm("raci.clone_template", matrix) is clones, kind


def test_anonymous_reads_nothing(matrices):
    anonymous = AnonymousUser()
    assert not access.matrices_visible_to(anonymous).exists()
    assert not access.matrices_editable_by(anonymous).exists()
    assert not access.templates_visible_to(anonymous).exists()
    assert not access.can_add_matrix(anonymous)
    assert not any(access.can_edit_matrix(anonymous, m) for m in matrices.values())


def test_a_matrix_is_created_in_the_actions_and_programmes_one_edits(matrices, pilot, other_pilot, outsider):
    assert list(access.actions_open_to_new_matrices_by(pilot)) == [matrices["action"].action]
    assert not access.programmes_open_to_new_matrices_by(pilot).exists()
    assert list(access.programmes_open_to_new_matrices_by(other_pilot)) == [matrices["programme"].programme]
    assert access.can_add_matrix(pilot) and access.can_add_matrix(other_pilot)
    assert not access.can_add_matrix(outsider)


def test_editing_a_template_costs_no_query(matrices, pilot, django_assert_num_queries):
    template = matrices["template"]
    with django_assert_num_queries(0):
        assert not access.can_edit_matrix(pilot, template)
