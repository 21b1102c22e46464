"""Learn: the article list (grouped by topic, filtered and searched) and one article."""

from dataclasses import dataclass, field

from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from tracker.guidance import library
from tracker.http import AuthedRequest

MAX_QUERY = 100
RELATED_ARTICLES = 3

# Where each kind of metric is charted. Plain paths: the dashboard and labs pages own
# their URL names, and these paths are their public addresses.
DASHBOARD_PATH = "/progress/"
INDICES_PATH = "/labs/indices/"
LAB_TEST_PATH = "/labs/test/{key}/"


@dataclass
class ChartLink:
    title: str
    url: str
    names: list[str] = field(default_factory=list)


def chart_place(metric: str) -> tuple[str, str]:
    """(title, url) of the page that charts `metric`."""
    if metric in library.LAB_METRICS:
        return f"{library.metric_name(metric)} results", LAB_TEST_PATH.format(key=metric)
    if metric in library.INDEX_METRICS:
        return "Lab scores and checklists", INDICES_PATH
    if metric == "medication":
        return "Medicines log", reverse("history", args=["medications"])
    return "Progress dashboard", DASHBOARD_PATH


def related_charts(metrics) -> list[ChartLink]:
    """One link per page, naming the metrics it charts, in the article's order."""
    links: dict[str, ChartLink] = {}
    for metric in metrics:
        title, url = chart_place(metric)
        links.setdefault(url, ChartLink(title, url)).names.append(library.metric_name(metric))
    return list(links.values())


def related_articles(article: library.Article) -> list[library.Article]:
    """Others sharing a metric (counted twice) or a topic, the closest first."""

    def closeness(other):
        shared_metrics = len(set(article.metrics) & set(other.metrics))
        return 2 * shared_metrics + len(set(article.topics) & set(other.topics))

    others = [other for other in library.all_articles() if other.slug != article.slug]
    ranked = sorted(others, key=closeness, reverse=True)
    return [other for other in ranked if closeness(other) > 0][:RELATED_ARTICLES]


def topic_choices():
    return [(topic, library.topic_label(topic)) for topic in library.topics()]


@require_GET
def learn(request: AuthedRequest) -> HttpResponseBase:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    topic = request.GET.get("topic", "")
    if topic not in library.topics():
        topic = ""  # an unknown topic filters nothing rather than failing
    found = library.search(query, topic or None)
    context = {
        "query": query,
        "topic": topic,
        "topics": topic_choices(),
        "found": found,
        "total": len(library.all_articles()),
        "groups": [
            (key, library.topic_label(key), articles)
            for key, articles in library.group_by_topic(found, topic or None)
        ],
        "filtered": bool(query or topic),
    }
    template = "tracker/learn/index.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


@require_GET
def article(request: AuthedRequest, slug) -> HttpResponseBase:
    try:
        found = library.get(slug)
    except library.UnknownArticle:
        raise Http404("No such article.") from None
    context = {
        "article": found,
        "topics": [(topic, library.topic_label(topic)) for topic in found.topics],
        "charts": related_charts(found.metrics),
        "related": related_articles(found),
    }
    return render(request, "tracker/learn/article.html", context)
