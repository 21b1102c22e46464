"""{% main_nav %}: the main navigation links, from tracker.navigation.MAIN."""

from django import template
from django.urls import reverse

from tracker.navigation import MAIN, is_current

register = template.Library()


@register.inclusion_tag("tracker/includes/nav.html", takes_context=True)
def main_nav(context):
    match = getattr(context.get("request"), "resolver_match", None)
    url_name = match.url_name if match else None
    links = [
        {
            "label": item.label,
            "url": reverse(item.url_name, args=item.args),
            "current": is_current(item, url_name),
        }
        for item in MAIN
    ]
    return {"links": links}
