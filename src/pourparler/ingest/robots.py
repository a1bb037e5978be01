"""robots.txt rules as RFC 9309 reads them, through protego (a maintained parser).

The standard library's ``urllib.robotparser`` predates RFC 9309: it takes the first matching
rule instead of the longest, and ignores ``*`` and ``$`` in paths, both common on news sites
("Disallow: /*?utm_", "Allow: /news/$"). protego implements both.
"""

from __future__ import annotations

from protego import Protego

__all__ = ["DISALLOW_ALL", "RobotsRules"]

#: What an unreachable robots.txt (a 5xx answer) means under RFC 9309: nothing may be fetched.
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


class RobotsRules:
    """One site's robots.txt, asked for one user agent's rights."""

    def __init__(self, text: str) -> None:
        self._rules = Protego.parse(text)

    def allows(self, url: str, agent: str) -> bool:
        """Whether ``agent`` may fetch ``url``: the longest matching rule wins, Allow on a tie."""
        return bool(self._rules.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        """The Crawl-delay the site asks of ``agent`` (seconds), if any."""
        delay = self._rules.crawl_delay(agent)
        return None if delay is None else float(delay)
