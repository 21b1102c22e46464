"""Lab charts: one test over time with its reference band and guideline lines, and the
derived indices (FIB-4, HOMA-IR, ...) with their risk bands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.display import bound_text
from tracker.progress.charts.base import (
    BRAND,
    MIDDLE_FILL,
    RISK_FILL,
    SAFE_FILL,
    Chart,
    Cutoff,
    Shade,
    Table,
    Window,
    _base_layout,
    _count,
    _cutoff_marks,
    _figure,
    _fmt,
    _iso,
    _scatter,
    _shade_marks,
    _y_range,
    day_text,
)
from tracker.science import clinical, labs, units


@dataclass(frozen=True)
class IndexSpec:
    """How to draw one derived index: its bands and lines, and where they come from."""

    unit: str
    decimals: int
    shades: tuple[Shade, ...] = ()
    cutoffs: tuple[Cutoff, ...] = ()
    note: str = ""


# --- Labs and derived indices -------------------------------------------------------------


def _lab_value(test: labs.LabTest, value: float, unit: str) -> float:
    return units.from_canonical(test.analyte, value, unit)


def lab_guides(
    test: labs.LabTest, sex: str | None, unit: str
) -> tuple[Shade | None, list[Cutoff], list[str]]:
    """The reference band, the guideline lines and their sources for a test, in `unit`.

    With sex unknown, both sexes' lines are drawn and labelled (men / women).
    """
    low, high = labs.reference_range(test, sex)
    shade, sources = None, []
    if low is not None or high is not None:
        low_u = None if low is None else _lab_value(test, low, unit)
        high_u = None if high is None else _lab_value(test, high, unit)
        shade = Shade(low_u, high_u, "reference range")
        caveat = "" if "differ" in test.reference.source else "; your lab's own range may differ"
        sources.append(f"Shaded: the default reference range ({test.reference.source}){caveat}.")
    cutoffs: dict[float, Cutoff] = {}
    for threshold in test.thresholds:
        if sex is not None and threshold.sex not in (None, sex):
            continue
        value = labs.cutoff_in(test, threshold, unit)
        who = "" if sex else {"male": " (men)", "female": " (women)"}.get(threshold.sex or "", "")
        label = f"{_fmt(value, test.decimals(unit))}{who}: {threshold.label}"
        if round(value, 6) not in cutoffs:
            cutoffs[round(value, 6)] = Cutoff(value, label)
            sources.append(f"Line at {label} ({threshold.source}).")
    return shade, list(cutoffs.values()), sources


# A result the lab gave as a bound ("<5", ">300") is not a value: it is drawn apart from
# the line, as an open triangle at the bound pointing the way the true value lies.
BOUND_MARKS = {
    "below": ("triangle-down-open", "Below the lab's limit (the value is under the bound)"),
    "above": ("triangle-up-open", "Above the lab's limit (the value is over the bound)"),
}


def _result(test, value: float, unit: str, qualifier: str) -> str:
    """A result as the lab gave it, a bound with its sign ("< 5 U/L")."""
    return bound_text(qualifier, labs.display(test, value, unit))


def _side(qualifier: str) -> str:
    return "below" if qualifier in ("<", "≤") else "above"


def _bound_traces(test, results, unit: str, decimals: int) -> list[dict]:
    """One marker-only trace per side, each point (canonical values in `results`)
    hovering as the lab wrote it."""
    traces = []
    for side, (symbol, name) in BOUND_MARKS.items():
        marks = [(day, value, q) for day, value, q in results if q and _side(q) == side]
        if not marks:
            continue
        traces.append(
            _scatter(
                x=[_iso(day) for day, _, _ in marks],
                y=[round(_lab_value(test, value, unit), decimals + 2) for _, value, _ in marks],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 12, "color": BRAND, "line": {"width": 2}},
                customdata=[_result(test, value, unit, q) for _, value, q in marks],
                hovertemplate="%{x|%-d %b %Y}: %{customdata}, a bound the lab gave, not a "
                "measured value<extra></extra>",
            )
        )
    return traces


def _bound_sentence(test, results, unit: str) -> str:
    bounds = [_result(test, value, unit, q) for _, value, q in results if q]
    if not bounds:
        return ""
    example = bounds[-1]
    return (
        f" {_count(len(bounds), 'result')} came from the lab as a bound (such as {example}), "
        "not an exact value: drawn as an open triangle at the bound, pointing the way the "
        "true value lies, and left out of the line."
    )


def lab_chart(
    test: labs.LabTest,
    points: Sequence[tuple[dt.date, float]],
    window: Window,
    unit: str,
    sex: str | None = None,
    qualifiers: Sequence[str] | None = None,
) -> Chart:
    """One lab test over time, in `unit`, with its reference band and guideline cut-offs.
    `qualifiers`, one per point, marks results the lab gave as a bound ("<", ">")."""
    decimals = test.decimals(unit)
    marks = qualifiers or [""] * len(points)
    in_range = [(d, v, q) for (d, v), q in zip(points, marks, strict=True) if window.holds(d)]
    shown = [(day, _lab_value(test, value, unit), q) for day, value, q in in_range]
    measured = [(day, value) for day, value, q in shown if not q]
    shade, cutoffs, sources = lab_guides(test, sex, unit)
    traces = [
        _scatter(
            x=[_iso(day) for day, _ in measured],
            y=[round(value, decimals + 2) for _, value in measured],
            mode="lines+markers",
            name=test.short,
            line={"color": BRAND, "width": 2},
            marker={"size": 8},
            hovertemplate=f"%{{x|%-d %b %Y}}: %{{y:.{decimals}f}} {unit}<extra></extra>",
        ),
        *_bound_traces(test, in_range, unit, decimals),
    ]
    values = [v for _, v, _ in shown] + [c.value for c in cutoffs]
    if shade:
        values += [v for v in (shade.low, shade.high) if v is not None]
    y_range = _y_range(values, pad_fraction=0.12, min_pad=0.1 if decimals else 1)
    if not test.labels:
        y_range[0] = max(y_range[0], 0)
    shapes, notes = _shade_marks([shade] if shade else [], *y_range)
    line_shapes, line_notes = _cutoff_marks(cutoffs)
    y_title = f"{test.short} ({unit})" if not test.labels else test.short
    yaxis: dict = {"range": y_range}
    if test.labels:
        yaxis |= {"tickvals": [v for v, _ in test.labels], "ticktext": [w for _, w in test.labels]}
    # A legend only when it has something to tell apart: the line and the bounds.
    layout = _base_layout(window, y_title, yaxis=yaxis, showlegend=len(traces) > 1)
    if test.labels:
        layout["margin"] = {**layout["margin"], "l": 84}  # room for words as tick labels
    rows = [(day_text(day), _result(test, value, unit, q)) for day, value, q in in_range]
    if in_range:
        last_day, last, bound = in_range[-1]
        summary = (
            f"{_count(len(in_range), 'result')} in this range; the latest, on "
            f"{day_text(last_day)}, was {_result(test, last, unit, bound)}."
            + _bound_sentence(test, in_range, unit)
        )
    else:
        summary = f"No {test.short} results in this range."
    if any(q for _, _, q in in_range):
        sources.append(
            "Open triangles: results the lab reported only as a bound (“<5” means under 5, "
            "below what its method can measure; “>300” over 300). They are not values: the "
            "line leaves them out, and a score that needs the exact value says it cannot "
            "be worked out."
        )
    return Chart(
        f"lab-{test.key}",
        test.name,
        _figure(traces, layout, shapes + line_shapes, notes + line_notes),
        summary,
        Table(f"{test.name} results, in {unit}", ("Date", f"{test.short} ({unit})"), rows),
        tuple(sources),
        window,
    )


_DECIMALS = clinical.DISPLAY_DECIMALS


def _fibrosis_spec(
    low: float, high: float, decimals: int, source: str, note: str = ""
) -> IndexSpec:
    return IndexSpec(
        "",
        decimals,
        shades=(
            Shade(None, low, f"low risk (under {low:g})", SAFE_FILL),
            Shade(low, high, "indeterminate", MIDDLE_FILL),
            Shade(high, None, f"high risk (over {high:g})", RISK_FILL),
        ),
        note=f"Bands: {source}. A risk aid, not a diagnosis. {note}".strip(),
    )


def _fib4_spec(older: bool) -> IndexSpec:
    low = clinical.FIB4_LOW_65 if older else clinical.FIB4_LOW
    return _fibrosis_spec(
        low,
        clinical.FIB4_HIGH,
        _DECIMALS["fib4"],
        f"Shah 2009 ({clinical.FIB4_LOW:.2f} / {clinical.FIB4_HIGH:g})"
        + (f"; from age 65 the low cut-off is {low:g} (McPherson 2017)" if older else ""),
        f"Unreliable under {clinical.FIB4_MIN_RELIABLE_AGE}. AASLD 2023: at 1.3 or more, a "
        "second test (such as FibroScan) is the usual next step.",
    )


def _nfs_spec(older: bool) -> IndexSpec:
    low = clinical.NFS_LOW_65 if older else clinical.NFS_LOW
    return _fibrosis_spec(
        low,
        clinical.NFS_HIGH,
        _DECIMALS["nafld_fibrosis_score"],
        f"Angulo 2007 ({clinical.NFS_LOW:g} / {clinical.NFS_HIGH:g})"
        + (f"; from age 65 the low cut-off is {low:g} (McPherson 2017)" if older else ""),
    )


# How each derived index is drawn (CLINICAL.md §3); keys as in derived.INDICES.
INDEX_SPECS: dict[str, IndexSpec] = {
    "homa_ir": IndexSpec(
        "",
        _DECIMALS["homa_ir"],
        cutoffs=(
            Cutoff(
                clinical.HOMA_IR_COMMON_CUTOFF,
                f"{clinical.HOMA_IR_COMMON_CUTOFF:g}: a common cut-off",
            ),
        ),
        note="HOMA-IR has no guideline cut-off; 2.5 is a common convention. Compare results "
        "from one lab only.",
    ),
    "homa_b": IndexSpec("%", _DECIMALS["homa_b"], note="No guideline cut-off."),
    "tyg": IndexSpec(
        "", _DECIMALS["tyg"], note="No guideline cut-off; published cut-offs sit around 8.5–8.8."
    ),
    "tyg_bmi": IndexSpec("", _DECIMALS["tyg_bmi"], note="No guideline cut-off."),
    "apri": _fibrosis_spec(
        clinical.APRI_LOW,
        clinical.APRI_HIGH,
        _DECIMALS["apri"],
        "Wai 2003: 0.5 or less rules out, above 1.5 rules in significant fibrosis (validated "
        "mainly in viral hepatitis)",
    ),
    "ast_alt_ratio": IndexSpec(
        "",
        _DECIMALS["ast_alt_ratio"],
        cutoffs=(Cutoff(1.0, "1: above it, a higher fibrosis risk in fatty liver", "#b86e00"),),
        note="AST/ALT (De Ritis ratio): above 1 in fatty liver disease suggests a higher risk "
        "of advanced fibrosis; no guideline cut-off.",
    ),
}


def index_spec(key: str, older: bool = False) -> IndexSpec:
    """The drawing spec of an index; `older` (65 and over) moves the fibrosis low cut-offs."""
    if key == "fib4":
        return _fib4_spec(older)
    if key == "nfs":
        return _nfs_spec(older)
    return INDEX_SPECS.get(key) or IndexSpec("", 2)


def index_chart(
    key: str,
    name: str,
    points: Sequence[tuple[dt.date, float]],
    window: Window,
    spec: IndexSpec | None = None,
) -> Chart:
    """A derived index over time with its bands shaded (FIB-4, HOMA-IR, …)."""
    spec = spec or index_spec(key)
    shown = [(day, value) for day, value in points if window.holds(day)]
    decimals = spec.decimals
    traces = [
        _scatter(
            x=[_iso(day) for day, _ in shown],
            y=[round(value, decimals + 2) for _, value in shown],
            mode="lines+markers",
            name=name,
            line={"color": BRAND, "width": 2},
            marker={"size": 8},
            hovertemplate=f"%{{x|%-d %b %Y}}: %{{y:.{decimals}f}}<extra></extra>",
        )
    ]
    edges = [e for s in spec.shades for e in (s.low, s.high) if e is not None]
    values = [v for _, v in shown] + [c.value for c in spec.cutoffs] + edges
    y_range = _y_range(values, pad_fraction=0.15, min_pad=0.1)
    shapes, notes = _shade_marks(spec.shades, *y_range)
    line_shapes, line_notes = _cutoff_marks(spec.cutoffs)
    title = f"{name} ({spec.unit})" if spec.unit else name
    layout = _base_layout(window, title, yaxis={"range": y_range}, showlegend=False)
    rows = [(day_text(day), _fmt(value, decimals)) for day, value in shown]
    if shown:
        summary = (
            f"{_count(len(shown), 'value')} in this range; the latest, on "
            f"{day_text(shown[-1][0])}, was {_fmt(shown[-1][1], decimals)}."
        )
    else:
        summary = f"No {name} values in this range."
    return Chart(
        f"index-{key}",
        name,
        _figure(traces, layout, shapes + line_shapes, notes + line_notes),
        summary,
        Table(f"{name} over time", ("Date", title), rows),
        (spec.note,) if spec.note else (),
        window,
    )
