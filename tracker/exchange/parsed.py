"""What a parser hands to the preview: validated records (nothing saved yet), the row
errors, notes about choices made, and the options used to read the file."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Options:
    """How to read a file. Empty strings mean "work it out from the file"."""

    source: str = "auto"
    unit: str = "kg"  # for weight files that do not name their unit
    date_format: str = ""
    date_column: str = ""
    value_column: str = ""
    test_column: str = ""  # lab files
    unit_column: str = ""
    systolic_column: str = ""  # blood-pressure and waist files
    diastolic_column: str = ""
    pulse_column: str = ""
    waist_column: str = ""
    length_unit: str = ""  # the waist's unit when the file does not name it
    unit_checked: str = ""  # "True" once the person says the unit is right despite a doubt

    @classmethod
    def from_dict(cls, data: dict | None) -> Options:
        data = data or {}
        return cls(**{key: str(data[key]) for key in cls.__dataclass_fields__ if key in data})


@dataclass
class Parsed:
    """A file read into records. An item is {"row": label, "fields": {...}} where fields
    are JSON-ready model values; lab reports also carry "results"."""

    kind: str  # "backup", "weights", "labs" or "health" (several logs)
    source: str  # e.g. "openscale"; see importer.SOURCE_NAMES
    rows_found: int = 0
    sections: dict[str, list[dict]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # asked on the preview, e.g. the unit
    profile: dict | None = None
    columns: list[str] = field(default_factory=list)
    options: Options = field(default_factory=Options)
    summary: str = ""  # what the file holds, in one line, for formats found by content

    @property
    def records(self) -> int:
        return sum(len(items) for items in self.sections.values())

    def to_dict(self) -> dict:
        # Shallow: asdict() would deep-copy every record, doubling a big file's memory.
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        sections = {name: _by_column(items) for name, items in self.sections.items()}
        return {**values, "sections": sections, "options": asdict(self.options)}

    @classmethod
    def from_dict(cls, data: dict) -> Parsed:
        values = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        values["sections"] = {k: _by_row(v) for k, v in values.get("sections", {}).items()}
        values["options"] = Options.from_dict(data.get("options"))
        return cls(**values)

    @staticmethod
    def records_in(data: dict) -> int:
        """How many records a stored import holds, without rebuilding them."""
        return sum(
            len(items["rows"] if isinstance(items, dict) else items)
            for items in data.get("sections", {}).values()
        )


def _by_column(items: list[dict]) -> list[dict] | dict:
    """Items of one shape ({"row", "fields"} with the same field names) as one list per
    field: stored so, 25,000 weighings take a third of the JSON, whose size is what a
    big import's save costs in memory. Other shapes (lab reports) are kept as they are."""
    names = list(items[0]["fields"]) if items else []
    if not names or any(item.keys() != {"row", "fields"} for item in items):
        return items
    if any(list(item["fields"]) != names for item in items):
        return items
    columns = {name: [item["fields"][name] for item in items] for name in names}
    return {"rows": [item["row"] for item in items], "fields": columns}


def _by_row(stored: list[dict] | dict) -> list[dict]:
    if isinstance(stored, list):
        return stored
    names, columns = list(stored["fields"]), stored["fields"].values()
    return [
        {"row": row, "fields": dict(zip(names, values, strict=True))}
        for row, *values in zip(stored["rows"], *columns, strict=True)
    ]
