"""The quorum of a meeting: the committee's rule (none, a share of the members, a minimum per college)
applied to its attendance list.

Who counts: the members on the list (guests never count). A member present or represented (their proxy
held by a member present) counts towards the quorum; excused, absent and not yet recorded members do not.
The attendance rate (governance.selectors.attendance_rates, the « attendance_rate » indicator) counts only
the members present in person: it measures who came, the quorum measures who had a voice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from directory.models import College

from .models import Committee, QuorumRule


@dataclass
class CollegeQuorum:
    college: str
    label: str
    counted: int
    members: int
    required: int

    @property
    def reached(self) -> bool:
        return self.counted >= self.required


@dataclass
class Quorum:
    """The quorum as it stands (see the module's docstring for who counts)."""

    rule: str
    counted: int
    members: int
    required: int
    colleges: list[CollegeQuorum]

    @property
    def applies(self) -> bool:
        return self.rule != QuorumRule.NONE

    @property
    def reached(self) -> bool:
        if self.rule == QuorumRule.PER_COLLEGE:
            return all(college.reached for college in self.colleges)
        return self.counted >= self.required

    @property
    def sentence(self) -> str:
        """« Quorum atteint : 7 présents ou représentés sur 12, il en faut 7. »"""
        if not self.applies:
            return _("This committee has no quorum rule.")
        state = _("Quorum reached") if self.reached else _("Quorum not reached")
        if self.rule == QuorumRule.PER_COLLEGE:
            parts = [_college_part(c.label, c.counted, c.members, c.required) for c in self.colleges]
            return _by_college(state, parts)
        return _share_sentence(state, self.counted, self.members, self.required)

    def templates(self) -> str:
        """The same sentences with {placeholders}, for the page's script to count as lines change (JSON)."""
        one, other = (
            _share_sentence("{state}", number, "{members}", "{required}").replace(str(number), "{counted}", 1)
            for number in (1, 2)
        )
        return json.dumps(
            {
                "rule": self.rule,
                "required": self.required,
                "reached": _("Quorum reached"),
                "not_reached": _("Quorum not reached"),
                "one": one,
                "other": other,
                "by_college": _by_college("{state}", ["{parts}"]),
                "separator": _("; "),
                "colleges": [
                    {
                        "college": c.college,
                        "required": c.required,
                        "text": _college_part(c.label, "{counted}", "{members}", c.required),
                    }
                    for c in self.colleges
                ],
            }
        )


def _share_sentence(state, counted, members, required) -> str:
    return ngettext(
        "%(state)s: %(counted)s present or represented out of %(members)s, %(required)s needed.",
        "%(state)s: %(counted)s present or represented out of %(members)s, %(required)s needed.",
        counted if isinstance(counted, int) else 2,
    ) % {"state": state, "counted": counted, "members": members, "required": required}


def _college_part(label, counted, members, required) -> str:
    return _("%(college)s: %(counted)s of %(members)s, %(required)s needed") % {
        "college": label,
        "counted": counted,
        "members": members,
        "required": required,
    }


def _by_college(state, parts) -> str:
    return _("%(state)s by college: %(parts)s.") % {"state": state, "parts": _("; ").join(parts)}


def quorum_of(committee: Committee, attendances) -> Quorum:
    """The committee's quorum rule applied to attendance rows (of one meeting)."""
    members = [a for a in attendances if not a.is_guest]
    counted = sum(1 for a in members if a.counts_for_quorum)
    rule = committee.quorum_rule or QuorumRule.NONE
    colleges: list[CollegeQuorum] = []
    required = 0
    if rule == QuorumRule.SHARE:
        # Rounded up: half of 9 members is 5 (4,5 present would not be half).
        required = -(-len(members) * committee.quorum_share // 100)
    elif rule == QuorumRule.PER_COLLEGE:
        for code, label in College.choices:
            minimum = int((committee.quorum_colleges or {}).get(code) or 0)
            if not minimum:
                continue
            in_college = [a for a in members if a.college == code]
            colleges.append(
                CollegeQuorum(
                    code,
                    str(label),
                    sum(1 for a in in_college if a.counts_for_quorum),
                    len(in_college),
                    minimum,
                )
            )
            required += minimum
    return Quorum(rule=rule, counted=counted, members=len(members), required=required, colleges=colleges)


def quorum_rule_text(committee: Committee) -> str:
    """The committee's rule in words: « Quorum : 50 % des membres présents ou représentés ; 1 pouvoir par membre. »"""
    if committee.quorum_rule == QuorumRule.SHARE:
        rule = _("%(share)s%% of the members present or represented") % {"share": committee.quorum_share}
    elif committee.quorum_rule == QuorumRule.PER_COLLEGE:
        labels = dict(College.choices)
        rule = _("in each college, at least: %(minimums)s") % {
            "minimums": ", ".join(
                f"{labels.get(code, code)} {count}"
                for code, count in (committee.quorum_colleges or {}).items()
            )
        }
    else:
        rule = pgettext("quorum rule", "none")
    proxies = ngettext(
        "%(count)s proxy per member", "%(count)s proxies per member", committee.max_proxies
    ) % {
        "count": committee.max_proxies,
    }
    return _("Quorum: %(rule)s; %(proxies)s.") % {"rule": rule, "proxies": proxies}
