"""A year of demo lab reports: four quarterly blood panels that improve as Alex loses
weight, an ultrasound and a FibroScan at the start, and a FibroScan at the end.

ALT falls from above the lab's limit (56 U/L) to normal, and below the ACG 2017 healthy
limit for men (33 U/L) by the third panel, so both kinds of flag show; HOMA-IR falls from
about 4.8 to about 2.2; LDL drops after the atorvastatin started on day 180 (demo.py).
"""

from datetime import timedelta

from tracker.labs.forms import fill_result
from tracker.models import LabReport, LabResult

LAB = "Riverside Clinical Labs"
# Days after the first demo day; the last one lands two weeks before today.
PANEL_DAYS = (10, 122, 236, 350)
# test: (unit, lab low, lab high, values at the four panels); None: no range printed.
PANELS = {
    "alt": ("U/L", 7, 56, (58, 44, 31, 24)),
    "ast": ("U/L", 10, 40, (42, 35, 28, 23)),
    "ggt": ("U/L", 8, 61, (70, 52, 41, 35)),
    "glucose": ("mg/dL", 70, 99, (108, 103, 99, 97)),
    "insulin": ("µIU/mL", 2.6, 24.9, (18, 14, 11, 9)),
    "hba1c": ("%", 4.0, 5.6, (5.9, 5.8, 5.6, 5.5)),
    "triglycerides": ("mg/dL", None, 149, (210, 185, 150, 140)),
    "total_cholesterol": ("mg/dL", None, 199, (220, 214, 181, 178)),
    "hdl": ("mg/dL", 40, None, (38, 41, 43, 45)),
    "ldl": ("mg/dL", None, 99, (140, 136, 108, 105)),
    "platelets": ("10⁹/L", 150, 400, (232, 228, 235, 230)),
    "albumin": ("g/dL", 3.5, 5.0, (4.4, 4.4, 4.5, 4.4)),
    "creatinine": ("mg/dL", 0.7, 1.3, (0.9, 0.92, 0.88, 0.9)),
}
# (day, lab name, note, {test: (value, unit)})
IMAGING = (
    (5, "City Hospital Radiology", "Liver ultrasound", {"ultrasound_grade": (2, "grade")}),
    (17, "Liver clinic", "FibroScan", {"cap": (310, "dB/m"), "lsm": (7.6, "kPa")}),
    (355, "Liver clinic", "FibroScan", {"cap": (255, "dB/m"), "lsm": (6.1, "kPa")}),
)


def _report(user, day, lab_name, fasting=None, note=""):
    return LabReport.objects.create(
        user=user, date=day, lab_name=lab_name, fasting=fasting, note=note
    )


def add_labs(user, first_day, today):
    """Create the demo reports between `first_day` and `today` (nothing after today)."""
    results = []
    for i, offset in enumerate(PANEL_DAYS):
        day = first_day + timedelta(days=offset)
        if day > today:
            continue
        report = _report(user, day, LAB, fasting=True, note="Annual review" if i == 0 else "")
        for key, (unit, low, high, values) in PANELS.items():
            result = LabResult(user=user, report=report)
            results.append(fill_result(result, key, values[i], unit, low, high))
    for offset, lab_name, note, tests in IMAGING:
        day = first_day + timedelta(days=offset)
        if day > today:
            continue
        report = _report(user, day, lab_name, note=note)
        for key, (value, unit) in tests.items():
            results.append(fill_result(LabResult(user=user, report=report), key, value, unit))
    LabResult.objects.bulk_create(results)
