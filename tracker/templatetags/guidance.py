"""{% notes_for notes "alt" %}: the personal notes and the articles for one chart.

`notes` is the dict from tracker.guidance.notes_by_metric(), computed once per page; a
page without it (or a chart without notes) still gets its "Learn more" links. The key
may be a metric key ("alt") or the page's own chart key ("lab-alt", "blood-pressure").
"""

from django import template

from tracker.guidance import library

register = template.Library()


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
    return {
        "name": library.metric_name(key if key in library.METRIC_NAMES else metrics[0]),
        "items": items,
        "more": more,
    }
