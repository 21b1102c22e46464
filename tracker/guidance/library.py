"""The article library: Markdown files with a front-matter block, loaded once.

Each file in articles/ is `<slug>.md`: a block of `key: value` lines between two `---`
lines, then the body in Markdown ending with a "## Sources" section. The front matter is
checked strictly at load time, so a typo in an article fails loudly (naming the file)
instead of showing a half-broken page. Bodies are rendered to HTML once and kept.

No Django imports: the library is plain data, easy to test and reuse.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from tracker.science import labs

ARTICLES_DIR = Path(__file__).parent / "articles"

REQUIRED_KEYS = ("slug", "title", "topics", "metrics", "sources", "reviewed", "summary")
OPTIONAL_EMPTY = frozenset({"metrics"})  # an article may belong to no chart
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_RE = re.compile(r"^[a-z_0-9]+$")
SOURCES_HEADING = "## Sources"

# Metrics that have a chart: the dashboard's own and every lab test and index. The pages
# that draw them use these keys to ask for notes and articles.
DASHBOARD_METRICS = (
    "weight",
    "waist",
    "exercise",
    "strength",
    "diet",
    "fibre",
    "alcohol",
    "sleep",
    "stress",
    "blood_pressure",
)
INDEX_METRICS = ("homa_ir", "fib4", "nfs", "tyg", "apri", "metabolic_syndrome", "masld_risk")
LAB_METRICS = tuple(test.key for test in labs.CATALOGUE)
CHART_METRICS = (
    *DASHBOARD_METRICS,
    "alt",
    "ast",
    "ggt",
    "glucose",
    "insulin",
    "hba1c",
    "triglycerides",
    "hdl",
    "ldl",
    "total_cholesterol",
    "platelets",
    "homa_ir",
    "fib4",
    "nfs",
    "tyg",
    "apri",
    "metabolic_syndrome",
    "cap",
    "lsm",
)
# Shown beside another chart rather than on one of their own.
OTHER_METRICS = ("bmi", "waist_to_height", "medication")
KNOWN_METRICS = frozenset((*DASHBOARD_METRICS, *INDEX_METRICS, *LAB_METRICS, *OTHER_METRICS))

# Names for metrics that are not lab tests (those take the catalogue's short name).
METRIC_NAMES = {
    "weight": "Weight",
    "waist": "Waist",
    "exercise": "Activity",
    "strength": "Strength sessions",
    "diet": "Mediterranean diet score",
    "fibre": "Fibre",
    "alcohol": "Alcohol",
    "sleep": "Sleep",
    "stress": "Stress",
    "blood_pressure": "Blood pressure",
    "bmi": "BMI",
    "waist_to_height": "Waist-to-height ratio",
    "medication": "Medicines",
    "homa_ir": "HOMA-IR",
    "fib4": "FIB-4",
    "nfs": "NAFLD fibrosis score",
    "tyg": "TyG index",
    "apri": "APRI",
    "metabolic_syndrome": "Metabolic syndrome",
    "masld_risk": "MASLD risk factors",
    # Not charts: the top of the dashboard and of the labs page (see rules.py).
    "overview": "Getting started",
    "labs": "Lab results",
}

# Keys the pages already use for their charts and sections, and the metrics they show:
# the dashboard's chart keys ("activity", "blood-pressure", "lab-alt", "index-fib4") and
# the labs pages' checklist and index keys, so a page can pass its own key to notes_for.
CHART_KEY_ALIASES = {
    "activity": ("exercise",),
    "blood-pressure": ("blood_pressure",),
    "sleep": ("sleep", "stress"),  # one chart for both
    "metabolic-syndrome": ("metabolic_syndrome",),
    "masld": ("masld_risk",),
    "ast_alt_ratio": ("ast",),  # explained in the AST article
    "tyg_bmi": ("tyg",),
}
CHART_KEY_PREFIXES = ("lab-", "index-")

# Browsing order of topics; a topic not listed here still works and sorts after these.
TOPIC_ORDER = (
    "basics",
    "liver",
    "weight",
    "goals",
    "food",
    "activity",
    "alcohol",
    "lifestyle",
    "labs",
    "scores",
    "insulin",
    "diabetes",
    "heart",
    "fibrosis",
    "imaging",
    "treatment",
    "care",
    "genes",
)
TOPIC_LABELS = {"basics": "The basics", "care": "Your care", "food": "Food and drink"}


class ArticleError(ValueError):
    """An article file that does not follow the format; the message names the file."""


class UnknownArticle(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    topics: tuple[str, ...]  # the first one is the article's main topic
    metrics: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed: dt.date
    summary: str
    body: str = field(repr=False)  # Markdown
    html: str = field(repr=False)  # rendered once, at load
    search_text: str = field(repr=False)  # casefolded title, summary and body text

    @property
    def topic(self) -> str:
        return self.topics[0]

    def matches(self, words: Iterable[str]) -> bool:
        return _holds(self.search_text, words)


def topic_label(topic: str) -> str:
    return TOPIC_LABELS.get(topic, topic.capitalize())


def metrics_for_key(key: str) -> tuple[str, ...]:
    """The metric keys behind a page's chart key ("lab-alt" -> ("alt",))."""
    for prefix in CHART_KEY_PREFIXES:
        if key.startswith(prefix):
            key = key.removeprefix(prefix)
            break
    return CHART_KEY_ALIASES.get(key, (key,))


def metric_name(metric: str) -> str:
    if metric in METRIC_NAMES:
        return METRIC_NAMES[metric]
    if metric in LAB_METRICS:
        return labs.get(metric).short
    return metric.replace("_", " ").capitalize()


# --- Parsing --------------------------------------------------------------------------------


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # Articles are our own text, but raw HTML in them is escaped rather than passed
    # through, so a page can never carry markup that the Markdown did not produce.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def render(body: str) -> str:
    return _markdown().convert(body)


def _split(text: str, name: str) -> tuple[list[str], str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ArticleError(f"{name}: must start with a '---' line opening the front matter.")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        raise ArticleError(f"{name}: the front matter has no closing '---' line.") from None
    return lines[1:end], "\n".join(lines[end + 1 :]).strip() + "\n"


def _front_matter(lines: list[str], name: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for number, line in enumerate(lines, 2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or not KEY_RE.match(key):
            raise ArticleError(f"{name}, line {number}: expected 'key: value', got {line!r}.")
        if key not in REQUIRED_KEYS:
            raise ArticleError(
                f"{name}, line {number}: unknown key {key!r}; use {', '.join(REQUIRED_KEYS)}."
            )
        if key in meta:
            raise ArticleError(f"{name}, line {number}: {key!r} is given twice.")
        meta[key] = value.strip()
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise ArticleError(f"{name}: missing front-matter key(s): {', '.join(missing)}.")
    empty = [key for key in REQUIRED_KEYS if not meta[key] and key not in OPTIONAL_EMPTY]
    if empty:
        raise ArticleError(f"{name}: empty front-matter value(s): {', '.join(empty)}.")
    return meta


def _items(value: str, separator: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(separator) if item.strip())


def _plain_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered))


def parse(text: str, name: str = "<article>") -> Article:
    """One article from its file text; `name` (the file name) appears in every error."""
    meta_lines, body = _split(text, name)
    meta = _front_matter(meta_lines, name)
    slug = meta["slug"]
    if not SLUG_RE.match(slug):
        raise ArticleError(f"{name}: slug {slug!r} must be lowercase words joined by '-'.")
    if name.endswith(".md") and Path(name).stem != slug:
        raise ArticleError(f"{name}: the slug {slug!r} must match the file name.")
    topics = _items(meta["topics"], ",")
    bad_topics = [topic for topic in topics if not SLUG_RE.match(topic)]
    if bad_topics:
        raise ArticleError(f"{name}: topics must be lowercase words, got {bad_topics}.")
    metrics = _items(meta["metrics"], ",")
    unknown = sorted(set(metrics) - KNOWN_METRICS)
    if unknown:
        raise ArticleError(f"{name}: unknown metric(s) {unknown}; see library.KNOWN_METRICS.")
    sources = _items(meta["sources"], "|")
    undated = [source for source in sources if not re.search(r"\b(19|20)\d\d\b", source)]
    if undated:
        raise ArticleError(f"{name}: every source needs its year; not found in {undated}.")
    try:
        reviewed = dt.date.fromisoformat(meta["reviewed"])
    except ValueError:
        raise ArticleError(
            f"{name}: reviewed must be a date as YYYY-MM-DD, got {meta['reviewed']!r}."
        ) from None
    if SOURCES_HEADING not in body.splitlines():
        raise ArticleError(f"{name}: the body must end with a {SOURCES_HEADING!r} section.")
    rendered = render(body)
    return Article(
        slug=slug,
        title=meta["title"],
        topics=topics,
        metrics=metrics,
        sources=sources,
        reviewed=reviewed,
        summary=meta["summary"],
        body=body,
        html=rendered,
        search_text=" ".join((meta["title"], meta["summary"], _plain_text(rendered))).casefold(),
    )


def load(directory: Path = ARTICLES_DIR) -> dict[str, Article]:
    """Every article in `directory`, by slug, in title order."""
    found = [parse(path.read_text(encoding="utf-8"), path.name) for path in directory.glob("*.md")]
    if not found:
        raise ArticleError(f"No articles (*.md) in {directory}.")
    return {article.slug: article for article in sorted(found, key=lambda a: a.title.casefold())}


# --- The cached library ---------------------------------------------------------------------


@functools.cache
def _library() -> dict[str, Article]:
    return load(ARTICLES_DIR)


def all_articles() -> tuple[Article, ...]:
    return tuple(_library().values())


def get(slug: str) -> Article:
    try:
        return _library()[slug]
    except KeyError:
        raise UnknownArticle(f"No article {slug!r}.") from None


def exists(slug: str) -> bool:
    return slug in _library()


def topics() -> tuple[str, ...]:
    """Every topic used by an article, in browsing order."""
    used = {topic for article in _library().values() for topic in article.topics}
    known = [topic for topic in TOPIC_ORDER if topic in used]
    return (*known, *sorted(used - set(known)))


def for_metric(metric: str) -> tuple[Article, ...]:
    return tuple(article for article in _library().values() if metric in article.metrics)


def search_words(query: str) -> tuple[str, ...]:
    return tuple(query.casefold().split())


def search(query: str = "", topic: str | None = None) -> tuple[Article, ...]:
    """Articles whose title, summary and body hold every word of the query (as the start
    of a word, any case), within one topic if given. Those whose title or summary alone
    hold every word come first; title order otherwise."""
    words = search_words(query)
    found = [
        article
        for article in _library().values()
        if (not topic or topic in article.topics) and article.matches(words)
    ]
    if words:
        found.sort(key=lambda article: not _holds(f"{article.title} {article.summary}", words))
    return tuple(found)


def _holds(text: str, words: Iterable[str]) -> bool:
    # Each word must start a word of the text: "alt" finds ALT, not "health".
    return all(re.search(r"(?<!\w)" + re.escape(word), text.casefold()) for word in words)


def group_by_topic(
    articles: Iterable[Article], topic: str | None = None
) -> list[tuple[str, list[Article]]]:
    """(topic, articles) in browsing order. Without a topic each article sits under its
    main topic only, so the full list names every article once."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(topic or article.topic, []).append(article)
    order = {name: index for index, name in enumerate(topics())}
    return sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
