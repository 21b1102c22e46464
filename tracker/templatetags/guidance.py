"""{% notes_for notes "alt" %}: the personal notes and the articles for one chart.

`notes` is the dict from tracker.guidance.notes_by_metric(), computed once per page; a
page without it (or a chart without notes) still gets its "Learn more" links. The key
may be a metric key ("alt") or the page's own chart key ("lab-alt", "blood-pressure").
"""

import functools
from typing import NamedTuple

from django import template
from django.urls import get_script_prefix, reverse

from tracker.guidance import library

register = template.Library()


class Link(NamedTuple):
    title: str
    url: str


@functools.lru_cache(maxsize=1024)
def _article_url(prefix: str, slug: str) -> str:
    return reverse("learn_article", args=[slug])


def _link(article: library.Article) -> Link:
    """An article's link. Reversed once per article (and script prefix): the dashboard
    links the same few articles from every chart, and reversing was most of its notes'
    rendering time."""
    return Link(article.title, _article_url(get_script_prefix(), article.slug))


@register.inclusion_tag("tracker/guidance/notes.html")
def notes_for(notes, key):
    metrics = library.metrics_for_key(key)
    items = [
        {
            "note": note,
            "articles": [library.get(slug) for slug in note.articles if library.exists(slug)],
        }
        for metric in metrics
        for note in (notes or {}).get(metric, [])
    ]
    linked = {article.slug for item in items for article in item["articles"]}
    more = []  # the chart's own articles that no note has linked yet
    for metric in metrics:
        for article in library.for_metric(metric):
            if article.slug not in linked:
                linked.add(article.slug)
                more.append(article)
    for item in items:
        item["articles"] = [_link(article) for article in item["articles"]]
    return {
        "name": library.metric_name(key if key in library.METRIC_NAMES else metrics[0]),
        "items": items,
        "more": [_link(article) for article in more],
    }
