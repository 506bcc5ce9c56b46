"""The benchmark's evaluation data: indicators of every action and their monthly measurements, in bulk."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from bench.data_common import (  # the constants are re-exported: bench.data's public names
    BATCH,
    _aware,
    _bulk,
    _months_back,
)


def _evaluation(ctx) -> dict:
    from evaluation.models import ApproachEntry, Indicator, Measurement

    scale, today = ctx["scale"], ctx["today"]
    months = _months_back(today, scale.months)
    names = [
        "Entreprises engagées",
        "Salariés sensibilisés",
        "Plans d'action formalisés",
        "Taux de participation aux ateliers",
        "Documents uniques mis à jour",
    ]
    indicators = _bulk(
        Indicator,
        [
            Indicator(
                action=a,
                name=f"{names[k % len(names)]} ({a.code})",
                kind=["suivi", "resultat", "impact", "suivi", "resultat"][k % 5],
                unit="pourcentage" if k == 3 else "nombre",
                periodicity="mensuelle",
                baseline=Decimal(0),
                baseline_date=months[0],
                target=Decimal(80 if k == 3 else 200),
                target_date=today + timedelta(days=365),
            )
            for a in ctx["actions"]
            for k in range(scale.indicators_per_action)
        ]
        + [
            Indicator(
                programme=ctx["programme"],
                name=f"Indicateur régional {k + 1}",
                kind="impact",
                unit="pourcentage",
                periodicity="trimestrielle",
                baseline=Decimal(10),
                baseline_date=months[0],
                target=Decimal(60),
                target_date=today + timedelta(days=365),
            )
            for k in range(6)
        ],
    )
    Indicator.objects.filter(pk__in=[i.pk for i in indicators]).update(created_at=_aware(months[0]))
    action_indicators = [i for i in indicators if i.action_id]
    count = 0
    batch = []
    for index, indicator in enumerate(action_indicators):
        # One indicator in ten has no value yet for last month (the reminder scan asks for it).
        periods = months[:-1] if index % 10 == 9 else months
        for m, period in enumerate(periods):
            value = (m * (index % 7 + 1)) % 80 if indicator.unit == "pourcentage" else m * (index % 3 + 1)
            batch.append(Measurement(indicator=indicator, period=period, value=Decimal(value)))
        if len(batch) >= BATCH * 4:
            _bulk(Measurement, batch)
            count += len(batch)
            batch = []
    quarters = [m for m in months if m.month in (1, 4, 7, 10)]
    for indicator in indicators:
        if indicator.programme_id:
            batch += [
                Measurement(indicator=indicator, period=q, value=Decimal(10 + k % 50))
                for k, q in enumerate(quarters)
            ]
    _bulk(Measurement, batch)
    count += len(batch)
    _bulk(
        ApproachEntry,
        [
            ApproachEntry(
                action=a,
                date=today - timedelta(days=30 * k + 5),
                kind=kind,
                text=text,
                author=ctx["manager"].user,
            )
            for a in ctx["actions"]
            for k, (kind, text) in enumerate(
                [
                    ("difficulte", "Difficulté à mobiliser les entreprises en période estivale."),
                    ("ajustement", "Ateliers déplacés en visioconférence."),
                    ("enseignement", "Associer le CSE dès le cadrage."),
                ]
            )
        ],
    )
    return {"indicators": len(indicators), "measurements": count}
