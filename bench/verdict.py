"""The benchmark's targets, whether they are met, and its French tables."""

from __future__ import annotations

from bench.pages import DASHBOARDS, PAGES, PDFS, TRIVIAL
from bench.printing import aligned, num, ratio

PAGE_GROWTH_MAX = 1.5  # median at the largest scale ≤ 1.5 × median at the smallest
DASHBOARD_RATIO_MAX = 3.0  # dashboards ≤ 3 × the trivial page
PDF_SECONDS_MAX = 5.0
SYNTHESIS_L_SECONDS_MAX = 30.0
PDF_MEGABYTES_MAX = 400.0
SCAN_SECONDS_MAX = 10.0


def tagging_table(report: dict) -> str:
    """What tagging (PDF/UA-1, PDF/A-3a) costs: time and size of each PDF with and without it."""
    header = [
        "PDF",
        "Échelle",
        "Balisé",
        "Sans balisage",
        "Écart",
        "Taille balisé",
        "Taille sans",
        "Écart taille",
    ]
    rows = []
    for key, label, *_ in PDFS:
        for s, figures in report["scales"].items():
            p = figures["pdfs"].get(key, {})
            u = p.get("untagged") or {}
            if p.get("seconds") is None or u.get("seconds") is None:
                continue
            rows.append(
                [
                    label,
                    s,
                    f"{num(p['seconds'], 2)} s",
                    f"{num(u['seconds'], 2)} s",
                    f"{(p['seconds'] / u['seconds'] - 1) * 100:+.0f} %" if u["seconds"] else "—",
                    f"{num(p['bytes'] / 1024, 0)} Ko",
                    f"{num(u['bytes'] / 1024, 0)} Ko",
                    f"{(p['bytes'] / u['bytes'] - 1) * 100:+.0f} %" if u.get("bytes") else "—",
                ]
            )
    if not rows:
        return ""
    return "\n".join(
        [
            "Coût du balisage des PDF (PDF/UA-1, PDF/A-3a pour les documents d'archive) :",
            *aligned(header, rows),
        ]
    )


# --- Targets ------------------------------------------------------------------------------
def growth_targets(subject: str, figures: dict[str, dict]) -> list[dict]:
    """A page's (or an API list's) two growth targets from its figures per scale, smallest scale first:
    the same query count everywhere, and the median at the largest ≤ PAGE_GROWTH_MAX × the smallest."""
    scales = list(figures)
    if len(scales) < 2:
        return []
    counts = {s: figures[s]["queries"] for s in scales}
    small, big = figures[scales[0]]["median_ms"], figures[scales[-1]]["median_ms"]
    return [
        {
            "target": "queries_equal",
            "subject": subject,
            "scale": "/".join(scales),
            "value": counts,
            "met": len(set(counts.values())) == 1,
        },
        {
            "target": "median_growth",
            "subject": subject,
            "scale": f"{scales[-1]}/{scales[0]}",
            "value": round(big / small, 2),
            "limit": PAGE_GROWTH_MAX,
            "met": big <= PAGE_GROWTH_MAX * small,
        },
    ]


def evaluate(report: dict) -> list[dict]:
    """Every target of issue 9 with its figures: [{target, subject, scale, value, limit, met}]."""
    scales = list(report["scales"])
    targets = []
    for key, *_ in PAGES:
        targets += growth_targets(key, {s: report["scales"][s]["pages"][key] for s in scales})
        if key in DASHBOARDS:
            for s in scales:
                ratio = report["scales"][s]["pages"][key]["median_ratio"]
                targets.append(
                    {
                        "target": "dashboard_ratio",
                        "subject": key,
                        "scale": s,
                        "value": ratio,
                        "limit": DASHBOARD_RATIO_MAX,
                        "met": ratio <= DASHBOARD_RATIO_MAX,
                    }
                )
    for s in scales:
        for key, *_ in PDFS:
            pdf = report["scales"][s]["pdfs"][key]
            limit = SYNTHESIS_L_SECONDS_MAX if key == "synthesis" and s == "L" else PDF_SECONDS_MAX
            ok = pdf.get("status") == "done"
            targets.append(
                {
                    "target": "pdf_seconds",
                    "subject": key,
                    "scale": s,
                    "value": pdf.get("seconds"),
                    "limit": limit,
                    "met": ok and pdf["seconds"] < limit,
                }
            )
            targets.append(
                {
                    "target": "pdf_memory_mb",
                    "subject": key,
                    "scale": s,
                    "value": pdf["peak_rss_mb"],
                    "limit": PDF_MEGABYTES_MAX,
                    "met": ok and pdf["peak_rss_mb"] < PDF_MEGABYTES_MAX,
                }
            )
    scan = report.get("scan")
    if scan:
        targets.append(
            {
                "target": "scan_seconds",
                "subject": "scan",
                "scale": scan["scale"],
                "value": scan["first"]["seconds"],
                "limit": SCAN_SECONDS_MAX,
                "met": scan["first"]["seconds"] < SCAN_SECONDS_MAX and scan["first"]["rule_errors"] == 0,
            }
        )
        targets.append(
            {
                "target": "scan_second_run_sent",
                "subject": "scan",
                "scale": scan["scale"],
                "value": scan["second"]["sent"],
                "limit": 0,
                "met": scan["second"]["sent"] == 0,
            }
        )
    return targets


# --- Output -------------------------------------------------------------------------------
def table(report: dict, targets: list[dict]) -> str:
    scales = list(report["scales"])
    first, last = scales[0], scales[-1]
    by_row: dict[tuple, list] = {}
    for t in targets:
        scale = t["scale"] if t["target"] not in ("queries_equal", "median_growth") else last
        by_row.setdefault((t["subject"], scale), []).append(t)

    def verdict(subject, scale):
        found = by_row.get((subject, scale), [])
        if not found:
            return "", ""
        texts = []
        for t in found:
            texts.append(
                {
                    "queries_equal": "requêtes égales",
                    "median_growth": f"méd. ≤ {num(PAGE_GROWTH_MAX)}×{first}",
                    "dashboard_ratio": f"≤ {num(DASHBOARD_RATIO_MAX)}×triv.",
                    "pdf_seconds": f"< {num(t.get('limit'), 0)} s",
                    "pdf_memory_mb": f"< {num(t.get('limit'), 0)} Mo",
                    "scan_seconds": f"< {num(t.get('limit'), 0)} s",
                    "scan_second_run_sent": "2e passage : 0",
                }[t["target"]]
            )
        return ", ".join(texts), "oui" if all(t["met"] for t in found) else "non"

    header = [
        "élément",
        "éch.",
        "médiane",
        "×triv.",
        "p95",
        "×triv.",
        "requêtes",
        "×triv.",
        "pages",
        "mém. max",
        "cible",
        "atteinte ?",
    ]
    figures = ("median", "median_ratio", "p95", "p95_ratio", "queries", "queries_ratio", "pages", "memory")

    def row(label, scale, subject, **cells):
        return [label, scale, *(cells.get(name, "") for name in figures), *verdict(subject, scale)]

    rows = []
    for key, label, *_ in [TRIVIAL, *PAGES]:
        for s in scales:
            p = report["scales"][s]["pages"][key]
            rows.append(
                row(
                    label,
                    s,
                    key,
                    median=f"{num(p['median_ms'])} ms",
                    median_ratio=ratio(p["median_ratio"]),
                    p95=f"{num(p['p95_ms'])} ms",
                    p95_ratio=ratio(p["p95_ratio"]),
                    queries=num(p["queries"]) + ("" if p["queries_stable"] else "*"),
                    queries_ratio=ratio(p["queries_ratio"]),
                )
            )
    for key, label, *_ in PDFS:
        for s in scales:
            p = report["scales"][s]["pdfs"][key]
            seconds = f"{num(p['seconds'], 2)} s" if p.get("seconds") is not None else p.get("status", "—")
            memory = f"{num(p['peak_rss_mb'], 0)} Mo"
            rows.append(row(label, s, key, median=seconds, pages=num(p.get("pages")), memory=memory))
    scan = report.get("scan")
    if scan:
        for name, run in (
            ("Scan des rappels (1er passage)", scan["first"]),
            ("Scan des rappels (2e passage)", scan["second"]),
        ):
            label = f"{name} : {num(run['sent'])} envoyés"
            rows.append(row(label, scan["scale"], "scan", median=f"{num(run['seconds'], 2)} s"))
    return "\n".join(aligned(header, rows, right=lambda column: 2 <= column <= 9))


def scale_summary(report: dict) -> str:
    lines = []
    for s, figures in report["scales"].items():
        c = figures["counts"]
        lines.append(
            f"Échelle {s} : {num(c['actions'])} actions, {num(c['meetings'])} réunions, {num(c['measurements'])} mesures, "
            f"{num(c['member_companies'])} adhérents ({num(c['member_steps'])} étapes), {num(c['raci_cells'])} cellules RACI, "
            f"{num(c['followup_items'])} suites à donner, {num(c['survey_answers'])} réponses d'enquête "
            f"— construite en {num(figures['build_seconds'])} s"
        )
    return "\n".join(lines)


# --- Main -----------------------------------------------------------------------------------
