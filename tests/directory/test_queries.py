"""The pages of the directory cost the same number of queries whatever the size of the directory."""

import pytest
from django.urls import reverse

from directory.models import Organisation, Person

# Session, user, person (role), unread notifications, then the page's own: filter choices, count and
# page for a list; record, people and history for a detail. Never one per row.
LIST_BOUND = 8
DETAIL_BOUND = 7
# A form page: the record, the suggestions, whether the organisation's kind decides access (one query)
# and the version the form is opened on (its last history row: one query, core.conflicts).
FORM_BOUND = 9
EXPORT_BOUND = 7


def history_of(organisation, by, changes: int):
    """Give an organisation a history of `changes` edits by `by`."""
    for index in range(changes):
        organisation._history_user = by
        organisation.territory = f"Territoire {index}"
        organisation.headcount = index
        organisation.save()


@pytest.fixture(params=[3, 40], ids=["small", "large"])
def directory_of_size(request, grow_directory, pilot):
    organisations = grow_directory(request.param)
    target = organisations[0]
    history_of(target, pilot, request.param)
    return target


@pytest.mark.parametrize(
    ("url_name", "query"),
    [
        ("directory:organisation_list", {}),
        ("directory:organisation_list", {"kind": "syndicat", "tri": "-personnes", "q": "Organisation"}),
        ("directory:person_list", {}),
        ("directory:person_list", {"college": "employeurs", "tri": "organisation"}),
    ],
)
def test_list_pages(client_for, pilot, directory_of_size, django_assert_max_num_queries, url_name, query):
    client = client_for(pilot)
    with django_assert_max_num_queries(LIST_BOUND):
        response = client.get(reverse(url_name), query)
    assert response.status_code == 200


def test_organisation_detail(client_for, pilot, directory_of_size, django_assert_max_num_queries):
    client = client_for(pilot)
    Person.objects.filter(pk__in=Person.objects.filter(organisation__isnull=False).values("pk")[:10]).update(
        organisation=directory_of_size
    )
    with django_assert_max_num_queries(DETAIL_BOUND):
        response = client.get(directory_of_size.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["history"]) >= 2


def test_person_detail(client_for, pilot, directory_of_size, django_assert_max_num_queries):
    client = client_for(pilot)
    person = directory_of_size.people.first()
    others = list(Organisation.objects.exclude(pk=directory_of_size.pk)[:5])
    for organisation in others:  # A history of moves between organisations: names looked up at once.
        person._history_user = pilot
        person.organisation = organisation
        person.save()
    with django_assert_max_num_queries(DETAIL_BOUND):
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["history"]) == len(others) + 1


@pytest.mark.parametrize(
    "url_name",
    [
        "directory:organisation_create",
        "directory:organisation_update",
        "directory:person_create",
        "directory:person_update",
    ],
)
def test_form_pages(client_for, pilot, directory_of_size, django_assert_max_num_queries, url_name):
    client = client_for(pilot)
    args = []
    if url_name == "directory:organisation_update":
        args = [directory_of_size.pk]
    elif url_name == "directory:person_update":
        args = [directory_of_size.people.first().pk]
    with django_assert_max_num_queries(FORM_BOUND):
        assert client.get(reverse(url_name, args=args)).status_code == 200


def test_csv_export(client_for, pilot, directory_of_size, django_assert_max_num_queries):
    client = client_for(pilot)
    with django_assert_max_num_queries(EXPORT_BOUND):
        response = client.get(reverse("directory:export_csv"))
    assert response.status_code == 200
    assert (
        response.content.decode().count("\n")
        == Person.objects.count() + 1 + Organisation.objects.filter(people__isnull=True).count()
    )


def test_pdf_context(pilot, directory_of_size, django_assert_max_num_queries):
    from directory.documents import build_context
    from reports.models import Document

    document = Document(kind="directory.export", requested_by=pilot, params={"filters": {}})
    with django_assert_max_num_queries(EXPORT_BOUND):
        context = build_context(document)
        assert context["people_total"] == Person.objects.filter(organisation__isnull=False).count()
