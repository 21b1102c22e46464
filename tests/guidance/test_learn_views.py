"""Learn pages (list, search, topic filter, article) and the notes include for charts."""

import pytest
from django.template import Context, Template

from tests.conftest import HTMX
from tracker.guidance import library
from tracker.guidance.rules import Note

SLUGS = [article.slug for article in library.all_articles()]


def html(response):
    assert response.status_code == 200
    return response.content.decode()


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/learn/", "/learn/alt/", "/learn/?q=alt"])
def test_anonymous_is_sent_to_login(anon, url):
    response = anon.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_articles_are_the_same_for_everyone_signed_in(owner, other):
    assert "ALT, the liver enzyme" in html(owner.get("/learn/alt/"))
    assert "ALT, the liver enzyme" in html(other.get("/learn/alt/"))


def test_an_unknown_article_is_404(owner):
    assert owner.get("/learn/no-such-article/").status_code == 404


@pytest.mark.parametrize("url", ["/learn/", "/learn/alt/"])
def test_the_pages_only_answer_get(owner, url):
    assert owner.post(url).status_code == 405


# --- The list -------------------------------------------------------------------------------


def test_the_list_shows_every_article_grouped_by_topic(owner):
    page = html(owner.get("/learn/"))
    for article in library.all_articles():
        assert f'href="/learn/{article.slug}/"' in page
    assert '<h2 id="topic-basics">The basics</h2>' in page
    assert page.index('id="topic-basics"') < page.index('id="topic-labs"')
    assert "This is education, not medical advice." in page
    assert "<html" in page


def test_the_nav_marks_learn_as_the_current_page(owner):
    page = html(owner.get("/learn/alt/"))
    assert '<a href="/learn/" aria-current="page">Learn</a>' in page


def test_search_filters_the_list_without_javascript(owner):
    page = html(owner.get("/learn/", {"q": "Gallstones"}))
    assert 'href="/learn/steady-pace/"' in page
    assert 'href="/learn/alt/"' not in page
    assert "1 of 33 articles matching “Gallstones”" in page
    assert 'value="Gallstones"' in page


def test_a_search_that_finds_nothing_says_so(owner):
    page = html(owner.get("/learn/", {"q": "gallstones metald"}))
    assert "No article has every word you searched for" in page
    assert 'href="/learn/steady-pace/"' not in page


def test_htmx_search_gets_only_the_results(owner):
    page = html(owner.get("/learn/", {"q": "gallstones"}, **HTMX))
    assert page.lstrip().startswith('<div id="results"')
    assert "<html" not in page
    assert 'href="/learn/steady-pace/"' in page


def test_the_live_search_is_wired_to_the_results(owner):
    page = html(owner.get("/learn/"))
    assert 'hx-trigger="input changed delay:300ms, search"' in page
    assert 'hx-target="#results"' in page


def test_the_topic_filter_keeps_that_topic_and_selects_it(owner):
    page = html(owner.get("/learn/", {"topic": "alcohol"}))
    for article in library.all_articles():
        shown = f'href="/learn/{article.slug}/"' in page
        assert shown is ("alcohol" in article.topics), article.slug
    assert '<option value="alcohol" selected>' in page
    assert '<h2 id="topic-alcohol">Alcohol</h2>' in page


def test_search_and_topic_combine(owner):
    page = html(owner.get("/learn/", {"topic": "labs", "q": "FIB-4"}))
    assert 'href="/learn/alt/"' in page  # labs, mentions FIB-4
    assert 'href="/learn/fatty-liver-to-fibrosis/"' not in page  # FIB-4, but not labs


def test_an_unknown_topic_filters_nothing(owner):
    page = html(owner.get("/learn/", {"topic": "<script>"}))
    assert page.count('class="article-item"') == len(SLUGS)
    assert "<script>" not in page.split("<main", 1)[1]


# --- An article -----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_article_page_renders(owner, slug):
    article = library.get(slug)
    page = html(owner.get(f"/learn/{slug}/"))
    assert f'<h1 id="article-title">{article.title}</h1>' in page.replace("&#x27;", "'")
    assert "<h2>Sources</h2>" in page
    assert "This is education, not medical advice." in page


def test_an_article_shows_its_reviewed_date_topics_and_body(owner):
    page = html(owner.get("/learn/alt/"))
    assert '<time datetime="2026-11-21">21 November 2026</time>' in page
    assert 'href="/learn/?topic=labs">Labs</a>' in page
    assert "<strong>33 U/L for men</strong>" in page


@pytest.mark.parametrize(
    ("slug", "link"),
    [
        ("alt", '<a href="/labs/test/alt/">ALT results</a>'),
        ("weight-loss-milestones", '<a href="/progress/">Progress dashboard</a>'),
        ("fib4-and-fibrosis-scores", '<a href="/labs/indices/">Lab scores and checklists</a>'),
        ("medicines", '<a href="/log/medications/">Medicines log</a>'),
    ],
)
def test_an_article_links_to_where_its_metrics_are_charted(owner, slug, link):
    assert link in html(owner.get(f"/learn/{slug}/"))


def test_one_page_charting_several_metrics_is_linked_once(owner):
    page = html(owner.get("/learn/fib4-and-fibrosis-scores/"))
    assert page.count('href="/labs/indices/"') == 1
    assert "FIB-4, NAFLD fibrosis score, APRI" in page


def test_an_article_without_metrics_has_no_chart_box(owner):
    assert "Related charts" not in html(owner.get("/learn/doctor-visit/"))


def test_an_article_suggests_related_articles(owner):
    page = html(owner.get("/learn/alt/"))
    related = page.split("Related articles", 1)[1]
    assert 'href="/learn/ast-and-ggt/"' in related
    assert 'href="/learn/alt/"' not in related


# --- The notes include for charts -----------------------------------------------------------


def render(template_text, **context):
    return Template("{% load guidance %}" + template_text).render(Context(context))


ALT_NOTE = Note("alt_above_limit", "alt", "Your ALT <is> high.", ("alt", "ast-and-ggt"), "ACG 2017")


def test_the_include_shows_a_charts_notes_with_their_articles(db):
    out = render('{% notes_for notes "alt" %}', notes={"alt": [ALT_NOTE]})
    assert 'data-rule="alt_above_limit"' in out
    assert "Your ALT &lt;is&gt; high." in out  # escaped like any text
    assert 'href="/learn/alt/"' in out and 'href="/learn/ast-and-ggt/"' in out
    assert "Education, not medical advice" in out


def test_the_include_shows_only_the_notes_of_its_chart(db):
    out = render('{% notes_for notes "weight" %}', notes={"alt": [ALT_NOTE]})
    assert "Your ALT" not in out
    assert 'href="/learn/weight-loss-milestones/"' in out  # the chart's own reading


def test_without_notes_the_include_still_links_the_charts_articles(db):
    out = render('{% notes_for notes "fib4" %}')
    assert "Learn more:" in out and 'aria-label="Notes and reading about FIB-4"' in out
    assert 'href="/learn/fib4-and-fibrosis-scores/"' in out
    assert "guidance-note" not in out


def test_the_include_is_empty_for_a_key_with_no_notes_and_no_articles(db):
    assert render('{% notes_for notes "overview" %}', notes={}).strip() == ""


@pytest.mark.parametrize(
    ("page_key", "article"),
    [
        ("lab-alt", "alt"),
        ("index-fib4", "fib4-and-fibrosis-scores"),
        ("activity", "aerobic-exercise"),
        ("blood-pressure", "blood-pressure"),
        ("metabolic-syndrome", "metabolic-syndrome"),
        ("masld", "fatty-liver-to-fibrosis"),
        ("ast_alt_ratio", "ast-and-ggt"),
    ],
)
def test_the_include_takes_the_pages_own_chart_keys(db, page_key, article):
    assert f'href="/learn/{article}/"' in render("{% notes_for notes key %}", key=page_key)


def test_a_page_key_brings_the_notes_of_its_metric(db):
    note = Note("activity_below_goal_2_weeks", "exercise", "Move more.", ("aerobic-exercise",), "")
    out = render('{% notes_for notes "activity" %}', notes={"exercise": [note]})
    assert "Move more." in out
    assert out.count('href="/learn/aerobic-exercise/"') == 1  # linked once, by the note
