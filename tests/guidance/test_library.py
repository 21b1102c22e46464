"""The article library: every article parses and renders, the format is checked strictly,
every charted metric has reading, and search finds and misses."""

import re

import pytest

from tracker.guidance import library
from tracker.guidance.library import ArticleError, parse

SLUGS = [article.slug for article in library.all_articles()]
EDUCATION = "This is education, not medical advice."

GOOD = """---
slug: sample
title: A sample
topics: basics, liver
metrics: weight, alt
sources: Someone et al., Journal 2020 | A guideline (2023)
reviewed: 2026-11-21
summary: A short summary.
---

Some text with **bold**.

## Sources

- Someone et al., Journal 2020

*This is education, not medical advice.*
"""


def test_all_33_articles_load_with_slugs_matching_their_files():
    files = sorted(path.stem for path in library.ARTICLES_DIR.glob("*.md"))
    assert len(files) == 33
    assert sorted(SLUGS) == files


@pytest.mark.parametrize("slug", SLUGS)
def test_every_article_renders_with_sources_and_the_education_note(slug):
    article = library.get(slug)
    assert article.title and article.summary and article.topics
    assert "<h2>Sources</h2>" in article.html
    assert "<em>This is education, not medical advice." in article.html
    assert article.sources
    for source in article.sources:
        assert re.search(r"\b(19|20)\d\d\b", source), source


@pytest.mark.parametrize("metric", library.CHART_METRICS)
def test_every_charted_metric_has_at_least_one_article(metric):
    assert library.for_metric(metric), f"no article has {metric!r} in its metrics"


def test_markdown_tables_render_as_tables():
    assert "<table>" in library.get("fib4-and-fibrosis-scores").html


def test_a_good_file_parses_into_an_article():
    article = parse(GOOD, "sample.md")
    assert article.slug == "sample"
    assert article.topics == ("basics", "liver")
    assert article.topic == "basics"
    assert article.metrics == ("weight", "alt")
    assert article.sources == ("Someone et al., Journal 2020", "A guideline (2023)")
    assert article.reviewed.isoformat() == "2026-11-21"
    assert "<strong>bold</strong>" in article.html


def test_empty_metrics_are_allowed():
    assert parse(GOOD.replace("metrics: weight, alt", "metrics:"), "sample.md").metrics == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text.replace("---\n", "", 1), "must start with a '---' line"),
        (lambda text: text.replace("\n---\n\n", "\n\n", 1), "no closing '---'"),
        (lambda text: text.replace("summary: A short summary.\n", ""), "missing"),
        (lambda text: text.replace("title: A sample", "title:"), "empty"),
        (lambda text: text.replace("title:", "tilte:"), "unknown key 'tilte'"),
        (lambda text: text.replace("title: A sample", "title: A\ntitle: B"), "given twice"),
        (lambda text: text.replace("title: A sample", "just words"), "expected 'key: value'"),
        (lambda text: text.replace("2026-11-21", "21/11/2026"), "YYYY-MM-DD"),
        (lambda text: text.replace("slug: sample", "slug: other"), "must match the file name"),
        (lambda text: text.replace("slug: sample", "slug: Sample Page"), "lowercase"),
        (lambda text: text.replace("weight, alt", "weight, trigylcerides"), "trigylcerides"),
        (lambda text: text.replace("A guideline (2023)", "A guideline"), "needs its year"),
        (lambda text: text.replace("## Sources", "## Reading"), "'## Sources' section"),
        (lambda text: text.replace("basics, liver", "Basics"), "topics must be lowercase"),
    ],
)
def test_a_bad_file_fails_with_a_message_naming_it(change, message):
    with pytest.raises(ArticleError) as error:
        parse(change(GOOD), "sample.md")
    assert str(error.value).startswith("sample.md")
    assert message in str(error.value)


def test_loading_a_folder_names_the_bad_file(tmp_path):
    (tmp_path / "sample.md").write_text(GOOD)
    (tmp_path / "broken.md").write_text(GOOD.replace("slug: sample", "slug: broken", 1)[4:])
    with pytest.raises(ArticleError, match="^broken.md"):
        library.load(tmp_path)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="No articles"):
        library.load(tmp_path)


def test_raw_html_in_an_article_is_shown_as_text_not_markup():
    body = GOOD.replace("Some text", '<script>alert(1)</script> <b onclick="x">Some</b> text')
    html = parse(body, "sample.md").html
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html


def test_the_library_is_read_once_and_then_cached():
    assert library.all_articles() is not library.all_articles()  # a fresh tuple each call
    assert library._library() is library._library()  # over one cached dict
    assert library.get("alt") is library.get("alt")


def test_an_unknown_slug_raises():
    with pytest.raises(library.UnknownArticle):
        library.get("no-such-article")
    assert not library.exists("no-such-article")


# --- Search and topics ----------------------------------------------------------------------


def slugs(articles):
    return {article.slug for article in articles}


def test_search_finds_a_word_in_the_body_in_any_case():
    assert slugs(library.search("gallstones")) == {"steady-pace"}
    assert slugs(library.search("GallStones")) == {"steady-pace"}


def test_search_needs_every_word():
    assert "alcohol-and-the-liver" in slugs(library.search("metald women"))
    assert slugs(library.search("gallstones metald")) == set()


def test_search_matches_the_start_of_words_only():
    found = slugs(library.search("alt"))
    assert "alt" in found
    assert "health" in library.get("sleep-and-stress").search_text  # holds "alt" inside a word
    assert "sleep-and-stress" not in found


def test_search_looks_at_title_and_summary_too():
    assert "steady-pace" in slugs(library.search(library.get("steady-pace").title.split()[-1]))


def test_articles_with_the_words_in_their_title_or_summary_come_first():
    found = library.search("insulin")
    in_heading = ["insulin" in f"{a.title} {a.summary}".casefold() for a in found]
    assert True in in_heading and False in in_heading
    assert in_heading == sorted(in_heading, reverse=True)


def test_an_empty_search_lists_every_article():
    assert len(library.search("")) == len(SLUGS) == len(library.search("   "))


def test_a_topic_filter_keeps_only_that_topic():
    found = library.search("", "alcohol")
    assert "alcohol-and-the-liver" in slugs(found)
    assert all("alcohol" in article.topics for article in found)
    assert len(found) < len(SLUGS)


def test_topics_come_in_browsing_order_with_the_basics_first():
    topics = library.topics()
    assert topics[0] == "basics"
    assert set(topics) == {topic for article in library.all_articles() for topic in article.topics}


def test_without_a_topic_each_article_is_listed_once_under_its_main_topic():
    groups = library.group_by_topic(library.all_articles())
    listed = [article.slug for _topic, articles in groups for article in articles]
    assert sorted(listed) == sorted(SLUGS)
    assert all(article.topic == topic for topic, articles in groups for article in articles)
    assert groups[0][0] == "basics"


def test_with_a_topic_every_article_of_that_topic_is_under_it():
    groups = library.group_by_topic(library.search("", "liver"), "liver")
    assert [topic for topic, _articles in groups] == ["liver"]
    assert "alt" in slugs(groups[0][1])  # whose main topic is "labs"


def test_metric_and_topic_names_read_well():
    assert library.metric_name("alt") == "ALT"
    assert library.metric_name("fib4") == "FIB-4"
    assert library.topic_label("basics") == "The basics"
    assert library.topic_label("labs") == "Labs"


def test_page_chart_keys_map_to_known_metrics():
    assert library.metrics_for_key("lab-alt") == ("alt",)
    assert library.metrics_for_key("index-fib4") == ("fib4",)
    assert library.metrics_for_key("sleep") == ("sleep", "stress")
    assert library.metrics_for_key("weight") == ("weight",)
    for metrics in library.CHART_KEY_ALIASES.values():
        assert set(metrics) <= library.KNOWN_METRICS
