"""{{ day|before_period:report.start }}: marks a look-back value on a report.

A report reads a declared look-back before its period (the baseline weighing, the latest
labs, waist and blood pressure before it); wherever such a value is cited beside its date,
the reader is told that it is not from the period the report covers.
"""

from datetime import date

from django import template
from django.utils.html import format_html

register = template.Library()

BEFORE_PERIOD = "before this period"


@register.filter
def before_period(day: date | None, start: date | None) -> str:
    """ ", before this period" (marked up) for a date before `start`, else nothing."""
    if day is None or start is None or day >= start:
        return ""
    return format_html(', <span class="before-period">{}</span>', BEFORE_PERIOD)
