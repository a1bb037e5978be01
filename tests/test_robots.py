"""robots.txt by RFC 9309 (protego): wildcards, end anchors, the longest match, agents."""

from __future__ import annotations

import pytest

from pourparler.ingest.fetch import ROBOTS_AGENT
from pourparler.ingest.robots import DISALLOW_ALL, RobotsRules

NEWS_SITE = """
User-agent: *
Disallow: /*?utm_
Disallow: /*.pdf$
Disallow: /search
Allow: /search/about
Disallow: /archives/
Allow: /archives/*/public/
Crawl-delay: 4

User-agent: pourparler
Disallow: /live/
"""


@pytest.mark.parametrize(("path", "allowed"), [
    ("/world/article-1", True),
    ("/world/article-1?utm_source=feed", False),  # * in the middle of a rule
    ("/files/report.pdf", False),                  # $ anchors the end
    ("/files/report.pdf?page=2", True),            # ...so this is not a match
    ("/search?q=kyiv", False),
    ("/search/about", True),                       # the longer Allow wins over /search
    ("/archives/2021/story", False),
    ("/archives/2021/public/story", True),         # longest match with a wildcard
])
def test_wildcards_and_longest_match(path: str, allowed: bool) -> None:
    rules = RobotsRules(NEWS_SITE.replace("User-agent: pourparler\nDisallow: /live/\n", ""))
    assert rules.allows(f"https://news.example{path}", ROBOTS_AGENT) is allowed


def test_a_group_for_our_agent_replaces_the_star_group() -> None:
    rules = RobotsRules(NEWS_SITE)
    assert not rules.allows("https://news.example/live/now", ROBOTS_AGENT)
    # the * group does not apply to an agent that has its own
    assert rules.allows("https://news.example/files/report.pdf", ROBOTS_AGENT)
    assert rules.crawl_delay(ROBOTS_AGENT) is None
    assert rules.allows("https://news.example/live/now", "otherbot")
    assert rules.crawl_delay("otherbot") == 4.0


def test_disallow_all_and_empty_rules() -> None:
    assert not RobotsRules(DISALLOW_ALL).allows("https://news.example/", ROBOTS_AGENT)
    assert RobotsRules("").allows("https://news.example/anything", ROBOTS_AGENT)
