"""Apple Health: export.zip as the Health app shares it, or the export.xml inside it.

The file (Apple's HealthKit export, `HealthData` root with a DOCTYPE of its own) holds
one `Record` element per sample, `Correlation` elements grouping samples taken together,
`Workout` elements and daily `ActivitySummary` elements. Attributes used here:
`type` (an HKQuantityTypeIdentifier…), `unit` (HealthKit unit strings: kg, lb, st, g;
cm, in, m; mmHg; mg/dL or mmol<180.1558800000541>/L for glucose), `value`, and
`startDate` written as "2024-01-02 07:30:00 +0100", the device's local time; its date
is the day the person meant. What becomes what:

- HKQuantityTypeIdentifierBodyMass → weighings (the earliest of a day counts);
- HKQuantityTypeIdentifierWaistCircumference → waist measurements;
- HKCorrelationTypeIdentifierBloodPressure (its systolic and diastolic Records, which
  the export also repeats as loose Records: those are not counted twice) → blood pressure;
- HKQuantityTypeIdentifierBloodGlucose with the metadata HKBloodGlucoseMealTime = 1
  (preprandial) → fasting glucose; other glucose readings are left out and counted;
- Workout → an exercise entry (duration in `durationUnit`);
- HKQuantityTypeIdentifierAppleExerciseTime → exercise minutes summed by day, kept for
  days without a workout (a workout's minutes are counted in them already).

Exports reach gigabytes, so the XML is read as a stream: each top-level element is
handled when it ends and then cleared, which keeps memory flat whatever the size.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal, InvalidOperation
from typing import IO
from xml.etree.ElementTree import ParseError, XMLPullParser

from tracker.display import day_text

from .. import dates
from ..reading import ImportProblem
from .records import Collected, LabReading, Pressure, Waist, Workout

SOURCE, TITLE = "applehealth", "Apple Health export"
CHUNK = 256 * 1024
PREFIX = "HKQuantityTypeIdentifier"
WEIGHT_UNITS = {"kg": ("kg", 1), "lb": ("lb", 1), "st": ("st", 1), "g": ("kg", Decimal("0.001"))}
LENGTH_UNITS = {"cm": ("cm", 1), "in": ("in", 1), "m": ("cm", 100), "mm": ("cm", Decimal("0.1"))}
PREPRANDIAL = "1"
RESISTANCE = ("Strength", "Weight", "CrossTraining", "CoreTraining")
FLEXIBILITY = ("Yoga", "Flexibility", "Pilates", "TaiChi", "MindAndBody", "Cooldown")


def sniff(head: bytes) -> bool:
    return b"<HealthData" in head[:8192]


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _number(text: str | None) -> Decimal:
    try:
        number = Decimal(text or "")
    except InvalidOperation:
        raise ValueError(f"the value “{text}” is not a number") from None
    if not number.is_finite():
        raise ValueError(f"the value “{text}” is not a number")
    return number


def _when(element) -> tuple[dt.date, dt.time | None]:
    text = element.get("startDate") or ""
    try:
        return dates.parse(text, dates.YMD)
    except dates.NotADate:
        raise ValueError(f"“{text}” is not a date and time") from None


def _activity(kind: str) -> tuple[str, str]:
    name = kind.removeprefix("HKWorkoutActivityType") or "Workout"
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()
    if any(part in name for part in RESISTANCE):
        return words, "resistance"
    if any(part in name for part in FLEXIBILITY):
        return words, "flexibility"
    return words, "aerobic"


def _minutes(value: Decimal, unit: str) -> Decimal:
    factors = {"min": 1, "s": Decimal(1) / 60, "sec": Decimal(1) / 60, "hr": 60, "h": 60}
    if unit not in factors:
        raise ValueError(f"the duration unit “{unit}” is not one LiverLog reads")
    return value * factors[unit]


class Reader:
    """Handles top-level elements one at a time, collecting what LiverLog keeps."""

    def __init__(self):
        self.found = Collected(SOURCE, TITLE)
        self.exercise_minutes: dict[dt.date, Decimal] = {}
        self.workout_days: set[dt.date] = set()
        self.records = 0

    def handle(self, element) -> None:
        self.records += 1
        where = f"Record {self.records:,}"
        try:
            if element.tag == "Record":
                self._record(where, element)
            elif element.tag == "Correlation":
                self._correlation(where, element)
            elif element.tag == "Workout":
                self._workout(where, element)
        except ValueError as problem:
            self.found.errors.append(f"{where} ({_short(element)}): {problem}.")

    def _record(self, where: str, element) -> None:
        kind = (element.get("type") or "").removeprefix(PREFIX)
        if kind == "BodyMass":
            self.found.count()
            unit, factor = _unit(element, WEIGHT_UNITS, "weight")
            day, time = _when(element)
            self.found.add_weight(where, day, time, _number(element.get("value")) * factor, unit)
        elif kind == "WaistCircumference":
            self.found.count()
            unit, factor = _unit(element, LENGTH_UNITS, "waist")
            day, _ = _when(element)
            value = _number(element.get("value")) * factor
            self.found.waists.append(Waist(where, day, value, unit))
        elif kind == "BloodGlucose":
            self.found.count()
            self._glucose(where, element)
        elif kind == "AppleExerciseTime":
            day, _ = _when(element)
            minutes = _minutes(_number(element.get("value")), element.get("unit") or "min")
            self.exercise_minutes[day] = self.exercise_minutes.get(day, Decimal(0)) + minutes
        elif kind in ("BloodPressureSystolic", "BloodPressureDiastolic"):
            pass  # the same samples as in their Correlation, read there
        elif element.get("type"):
            self.found.skip("other Health records")

    def _glucose(self, where: str, element) -> None:
        meal = {m.get("key"): m.get("value") for m in element.iter("MetadataEntry")}
        if meal.get("HKBloodGlucoseMealTime") != PREPRANDIAL:
            self.found.skip("glucose readings not marked “before a meal”")
            return
        unit = element.get("unit") or ""
        unit = "mmol/L" if unit.startswith("mmol") else unit
        if unit not in ("mg/dL", "mmol/L"):
            raise ValueError(f"the glucose unit “{unit}” is not one LiverLog reads")
        day, _ = _when(element)
        value = _number(element.get("value"))
        self.found.lab_readings.append(
            LabReading(where, day, "glucose", value, unit, lab="Apple Health")
        )

    def _correlation(self, where: str, element) -> None:
        if element.get("type") != "HKCorrelationTypeIdentifierBloodPressure":
            self.found.skip("other Health records")
            return
        self.found.count()
        parts = {
            (r.get("type") or "").removeprefix(PREFIX): r.get("value")
            for r in element.findall("Record")
        }
        if "BloodPressureSystolic" not in parts or "BloodPressureDiastolic" not in parts:
            raise ValueError("a blood pressure without both its numbers")
        day, time = _when(element)
        self.found.pressures.append(
            Pressure(
                where,
                day,
                time,
                _number(parts["BloodPressureSystolic"]),
                _number(parts["BloodPressureDiastolic"]),
            )
        )

    def _workout(self, where: str, element) -> None:
        self.found.count()
        day, _ = _when(element)
        activity, kind = _activity(element.get("workoutActivityType") or "")
        minutes = _minutes(_number(element.get("duration")), element.get("durationUnit") or "min")
        self.found.workouts.append(Workout(where, day, activity, minutes, kind))
        self.workout_days.add(day)

    def finish(self) -> Collected:
        for day, minutes in sorted(self.exercise_minutes.items()):
            if day in self.workout_days or minutes < 1:
                continue
            self.found.workouts.append(
                Workout(f"Exercise minutes of {day_text(day)}", day, "Exercise minutes", minutes)
            )
        if self.exercise_minutes:
            self.found.notes.append(
                "Exercise minutes from the watch are added as one entry a day, on days "
                "without a workout (a workout's minutes are counted in them already)."
            )
        return self.found


def _unit(element, known: dict, what: str) -> tuple[str, Decimal]:
    unit = element.get("unit") or ""
    if unit not in known:
        raise ValueError(f"the {what} unit “{unit}” is not one LiverLog reads")
    name, factor = known[unit]
    return name, Decimal(factor)


def _short(element) -> str:
    kind = element.get("type") or element.get("workoutActivityType") or element.tag
    return f"{kind.removeprefix(PREFIX)} on {(element.get('startDate') or '?')[:10]}"


def read_stream(stream: IO[bytes]) -> Collected:
    """Parse export.xml from a binary stream in constant memory."""
    parser = XMLPullParser(events=("start", "end"))
    reader = Reader()
    depth, root, head = 0, None, True
    try:
        while chunk := stream.read(CHUNK):
            # Entities could expand without bound; Apple's export declares none.
            if head and b"<!ENTITY" in chunk[:65536]:
                raise ImportProblem("This XML file declares entities; it is no Health export.")
            head = False
            parser.feed(chunk)
            for event, element in parser.read_events():
                if event == "start":
                    depth += 1
                    if root is None:
                        root = element
                        if element.tag != "HealthData":
                            raise ImportProblem("This XML file is not an Apple Health export.")
                    continue
                depth -= 1
                if depth == 1:  # a direct child of HealthData: handle, then let it go
                    reader.handle(element)
                    root.clear()
        parser.close()
    except ParseError as error:
        raise ImportProblem(f"This Apple Health file could not be read ({error}).") from None
    if root is None:
        raise ImportProblem("This file is empty.")
    return reader.finish()


def read_zip(fileobj: IO[bytes]) -> Collected:
    try:
        archive = zipfile.ZipFile(fileobj)
        names = [n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "export.xml"]
        if not names:
            raise ImportProblem(
                "This zip archive has no export.xml: LiverLog opens Apple Health's "
                "export.zip. For other files, unpack the archive and upload the file itself."
            )
        with archive.open(names[0]) as stream:
            return read_stream(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as error:
        raise ImportProblem(f"This zip archive could not be opened ({error}).") from None
