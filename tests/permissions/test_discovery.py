"""The apps' expectation tables are found and merged; a duplicate or a stray entry is reported."""

from types import SimpleNamespace

from . import discovery


def test_every_app_with_urls_keeps_its_tables_beside_its_tests():
    found = discovery.modules()
    assert set(found) >= {
        "core",
        "directory",
        "reports",
        "reminders",
        "actions",
        "governance",
        "raci",
        "adherents",
        "evaluation",
        "calls",
        "library",
    }
    assert [folder for folder, module in found.items() if not (module.ROWS and module.KWARGS)] == []


def test_a_name_declared_twice_or_in_another_apps_folder_is_reported(monkeypatch):
    fake = {
        "actions": SimpleNamespace(ROWS={"actions:action_list": 1, "raci:matrix_list": 2}),
        "core": SimpleNamespace(ROWS={"login": 3, "actions:action_list": 4}),
        "raci": SimpleNamespace(),  # no table of this kind: skipped
    }
    monkeypatch.setattr(discovery, "modules", lambda: fake)
    collected = discovery.collect("ROWS")
    assert collected.items == {"actions:action_list": 1, "raci:matrix_list": 2, "login": 3}
    assert collected.duplicates == ["ROWS actions:action_list: tests/actions/ et tests/core/"]
    assert collected.misplaced == [
        "ROWS raci:matrix_list dans tests/actions/ (attendu dans tests/raci/)",
        "ROWS actions:action_list dans tests/core/ (attendu dans tests/actions/)",
    ]


def test_sets_and_variants_are_collected_by_their_url():
    assert discovery.app_of_url("governance:followup_edit#owner") == "governance"
    assert discovery.app_of_url("password_reset") == "core"
