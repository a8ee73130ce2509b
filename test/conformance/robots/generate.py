#!/usr/bin/env python3
"""robots.txt conformance fixtures for netkit's --legacy mode, written by CPython 3.11.

    python3 test/conformance/robots/generate.py [OUTDIR]   (default: test/conformance/robots/fixtures)

Writes robots-legacy.json: CPython 3.11's own test_robotparser cases (taken as data) and
random robots.txt files (fixed seed), each parsed with RobotFileParser.parse(text.splitlines())
and asked can_fetch / crawl_delay / request_rate for several agents and URLs, plus
site_maps(). Python's exceptions are recorded as {"error": {"type", "message"}}. A case
may say {"repeat": [unit, count]} instead of "text" (text = unit * count) to keep the
fixture small for huge files. Nothing depends on hash order or the clock.
"""
import sys

if sys.version_info[:2] != (3, 11):
    sys.exit(f"generate.py: needs CPython 3.11 (the oracle netkit follows), not {sys.version.split()[0]}")

import json
import os
import random
import urllib.robotparser

SEED = 0x726F626F  # "robo"
HERE = os.path.dirname(os.path.abspath(__file__))

# ----------------------------------------------------------------- CPython's test cases
# From Lib/test/test_robotparser.py (3.11): (name, robots.txt, default agent, urls).
# A url may be (agent, url).
TESTS = [
    ("UserAgentWildcard", "User-agent: *\nDisallow: /cyberworld/map/ # This is an infinite virtual URL space\nDisallow: /tmp/ # these will soon disappear\nDisallow: /foo.html\n    ",
     "test_robotparser", ["/", "/test.html", "/cyberworld/map/index.html", "/tmp/xxx", "/foo.html"]),
    ("CrawlDelayAndCustomAgent", "# robots.txt for http://www.example.com/\n\nUser-agent: *\nCrawl-delay: 1\nRequest-rate: 3/15\nDisallow: /cyberworld/map/ # This is an infinite virtual URL space\n\n# Cybermapper knows where to go.\nUser-agent: cybermapper\nDisallow:\n    ",
     "test_robotparser", ["/", "/test.html", ("cybermapper", "/cyberworld/map/index.html"), "/cyberworld/map/index.html"]),
    ("Sitemap", "# robots.txt for http://www.example.com/\n\nUser-agent: *\nSitemap: http://www.gstatic.com/s2/sitemaps/profiles-sitemap.xml\nSitemap: http://www.google.com/hostednews/sitemap_index.xml\nRequest-rate: 3/15\nDisallow: /cyberworld/map/ # This is an infinite virtual URL space\n\n    ",
     "test_robotparser", ["/", "/test.html", "/cyberworld/map/index.html"]),
    ("RejectAllRobots", "# go away\nUser-agent: *\nDisallow: /\n    ", "test_robotparser", ["/cyberworld/map/index.html", "/", "/tmp/"]),
    ("EmptyFile", "", "test_robotparser", ["/foo"]),
    ("CrawlDelayAndRequestRate", "User-agent: figtree\nCrawl-delay: 3\nRequest-rate: 9/30\nDisallow: /tmp\nDisallow: /a%3cd.html\nDisallow: /a%2fb.html\nDisallow: /%7ejoe/index.html\n    ",
     "figtree", [("figtree", "/foo.html"), "/tmp", "/tmp.html", "/tmp/a.html", "/a%3cd.html", "/a%3Cd.html", "/a%2fb.html", "/~joe/index.html"]),
    ("DifferentAgent", "User-agent: figtree\nCrawl-delay: 3\nRequest-rate: 9/30\nDisallow: /tmp\nDisallow: /a%3cd.html\nDisallow: /a%2fb.html\nDisallow: /%7ejoe/index.html\n    ",
     "FigTree Robot libwww-perl/5.04", [("figtree", "/foo.html"), "/tmp", "/tmp.html", "/tmp/a.html", "/a%3cd.html", "/a%3Cd.html", "/a%2fb.html", "/~joe/index.html"]),
    ("InvalidRequestRate", "User-agent: *\nDisallow: /tmp/\nDisallow: /a%3Cd.html\nDisallow: /a/b.html\nDisallow: /%7ejoe/index.html\nCrawl-delay: 3\nRequest-rate: 9/banana\n    ",
     "test_robotparser", ["/tmp", "/tmp/", "/tmp/a.html", "/a%3cd.html", "/a%3Cd.html", "/a/b.html", "/%7Ejoe/index.html"]),
    ("InvalidCrawlDelay", "User-Agent: *\nDisallow: /.\nCrawl-delay: pears\n    ", "test_robotparser", ["/foo.html", "/"]),
    ("AnotherInvalidRequestRate", "User-agent: Googlebot\nAllow: /folder1/myfile.html\nDisallow: /folder1/\nRequest-rate: whale/banana\n    ",
     "Googlebot", ["/folder1/myfile.html", "/folder1/anotherfile.html"]),
    ("UserAgentOrdering", "User-agent: Googlebot\nDisallow: /\n\nUser-agent: Googlebot-Mobile\nAllow: /\n    ", "Googlebot", ["/something.jpg"]),
    ("UserAgentGoogleMobile", "User-agent: Googlebot\nDisallow: /\n\nUser-agent: Googlebot-Mobile\nAllow: /\n    ", "Googlebot-Mobile", ["/something.jpg"]),
    ("GoogleURLOrdering", "User-agent: Googlebot\nAllow: /folder1/myfile.html\nDisallow: /folder1/\n    ", "googlebot", ["/folder1/myfile.html", "/folder1/anotherfile.html"]),
    ("DisallowQueryString", "User-agent: *\nDisallow: /some/path?name=value\n    ", "test_robotparser", ["/some/path", "/some/path?name=value"]),
    ("UseFirstUserAgentWildcard", "User-agent: *\nDisallow: /some/path\n\nUser-agent: *\nDisallow: /another/path\n    ", "test_robotparser", ["/another/path", "/some/path"]),
    ("EmptyQueryString", "User-agent: *\nAllow: /some/path?\nDisallow: /another/path?\n    ", "test_robotparser", ["/some/path?", "/another/path?"]),
    ("DefaultEntry", "User-agent: *\nCrawl-delay: 1\nRequest-rate: 3/15\nDisallow: /cyberworld/map/\n    ", "test_robotparser", ["/", "/test.html", "/cyberworld/map/index.html"]),
    ("StringFormatting", "User-agent: *\nCrawl-delay: 1\nRequest-rate: 3/15\nDisallow: /cyberworld/map/ # This is an infinite virtual URL space\n\n# Cybermapper knows where to go.\nUser-agent: cybermapper\nDisallow: /some/path\n    ",
     "test_robotparser", ["/some/path", ("cybermapper", "/some/path"), "/cyberworld/map/x"]),
]

# Quirks worth pinning down by hand.
QUIRKS = [
    ("rules-before-agent", "Disallow: /a\nAllow: /b\nUser-agent: *\nDisallow: /c\n"),
    ("agent-only-then-blank", "User-agent: a\n\nDisallow: /x\nUser-agent: *\nDisallow: /y\n"),
    ("spaces-line-not-blank", "User-agent: a\n   \nDisallow: /x\n"),
    ("crlf", "User-agent: *\r\nDisallow: /x\r\n\r\nUser-agent: b\r\nDisallow: /\r\n"),
    ("cr-and-ff", "User-agent: *\rDisallow: /x\x0cDisallow: /y\x1cUser-agent: q\x85Disallow: /\u2028"),
    ("superscript-delay", "User-agent: *\nCrawl-delay: \u00b2\n"),
    ("arabic-delay", "User-agent: *\nCrawl-delay: \u0663\u0660\nRequest-rate: \u0669 / \u0661\u0665\n"),
    ("bad-ipv6-rule", "User-agent: *\nDisallow: http://[x/\n"),
    ("ipv4-bracket-rule", "User-agent: *\nDisallow: //[1.2.3.4]/a\n"),
    ("star-and-agent", "User-agent: *\nUser-agent: figtree\nDisallow: /x\n\nUser-agent: figtree\nDisallow: /y\n"),
    ("empty-agent", "User-agent:\nDisallow: /x\n"),
    ("quoted-agent", "User-agent: fig%20tree\nDisallow: /x\n"),
    ("full-url-rule", "User-agent: *\nDisallow: http://example.com/private\nDisallow: /p;a=b?c#d\nAllow: *\nDisallow: *\n"),
    ("percent", "User-agent: *\nDisallow: /%\nDisallow: /%zz\nDisallow: /caf%C3%A9\nDisallow: /na\u00efve\nDisallow: /%ff%fe\n"),
    ("bom", "\ufeffUser-agent: *\nDisallow: /x\n"),
    ("unicode-space", "User-agent:\u00a0*\u3000\nDisallow:\u2003/x\u2003\n"),
    ("sitemaps", "Sitemap: http://a/s.xml\nUser-agent: *\nsitemap:http://b/%7Es.xml\nDisallow: /\nSITEMAP : c\n"),
]

AGENTS = ["test_robotparser", "Googlebot/2.1", "googlebot-mobile", "FigTree Robot libwww-perl/5.04", "*", "fig tree", "BOT",
          "Mozilla/5.0 (compatible; bingbot/2.0)", "", "unknown"]

URLS = ["/", "", "/x", "/y", "/a", "/b", "/c", "/x/y", "/private", "http://example.com/private", "HTTP://EXAMPLE.COM/X",
        "/p;a=b?c#d", "/p;a=b", "/p?c", "/p#d", "/%", "/%25", "/%zz", "/caf\u00e9", "/caf%C3%A9", "/caf%c3%a9", "/na%C3%AFve",
        "/%ff%fe", "/%7Ejoe", "/~joe", "//x", "http://example.com", "http://[::1]/x", "http://[x/y", "http://[1.2.3.4]/x",
        "  /x", "\t/x", "/x\n", "*", "/*", "/robots.txt", "mailto:a@b", "/a b", "/a%20b", "?x", "#y", "/a?b=c&d=e"]


def ask(text, agents, urls):
    """Python's answers for one robots.txt, or the exception parse() raised."""
    parser = urllib.robotparser.RobotFileParser()
    try:
        parser.parse(text.splitlines())
    except Exception as err:  # noqa: BLE001 - recorded as data
        return {"error": {"type": type(err).__name__, "message": str(err)}}
    checks = []
    for agent in agents:
        for url in urls:
            try:
                checks.append([agent, url, parser.can_fetch(agent, url)])
            except Exception as err:  # noqa: BLE001
                checks.append([agent, url, {"error": {"type": type(err).__name__, "message": str(err)}}])
    delays = []
    for agent in agents:
        rate = parser.request_rate(agent)
        delays.append([agent, parser.crawl_delay(agent), None if rate is None else [rate.requests, rate.seconds]])
    return {"checks": checks, "delays": delays, "site_maps": parser.site_maps()}


# ----------------------------------------------------------------- random files

TOKENS = ["*", "Googlebot", "googlebot-mobile", "FigTree", "figtree", "bot", "BOT", "bing", "%2A", "fig%20tree", "", "Mozilla", "unknown"]
PATHS = ["/", "/a", "/a/", "/a/b", "/x", "/x/y", "/tmp/", "/*.php$", "/a*b", "/a%3cd", "/%7ejoe", "/~joe", "/caf%C3%A9",
         "/caf\u00e9", "/p?q=1", "/p;params", "http://example.com/x", "*", "", "noslash", "/x#frag", "/%", "/%zz", "/private",
         "/a b", "//x", "/$", "/robots.txt", "?", "/p?"]
DELAYS = ["3", "10", "0", "pears", "1.5", " 7 ", "\u0663", "-1", "", "12345"]
RATES = ["9/30", "3 / 15", "x/y", "1/2/3", "\u0663/5", "5/", "/5", "100/1"]
KEYS = {"user-agent": ["User-agent", "user-agent", "USER-AGENT", "User-Agent "],
        "allow": ["Allow", "allow", "ALLOW"], "disallow": ["Disallow", "disallow", "DisAllow"],
        "crawl-delay": ["Crawl-delay", "crawl-delay"], "request-rate": ["Request-rate", "REQUEST-RATE"],
        "sitemap": ["Sitemap", "sitemap"], "other": ["Host", "Noindex", "Clean-param"]}
EOLS = ["\n"] * 8 + ["\r\n", "\r"]


def random_file(rng):
    lines = []
    for _ in range(rng.randint(0, 18)):
        kind = rng.choice(["user-agent"] * 4 + ["allow"] * 3 + ["disallow"] * 4 + ["crawl-delay", "request-rate", "sitemap", "other", "blank", "comment", "spaces"])
        if kind == "blank":
            lines.append("")
            continue
        if kind == "comment":
            lines.append("# " + rng.choice(PATHS))
            continue
        if kind == "spaces":
            lines.append(rng.choice([" ", "\t", "  "]))
            continue
        key = rng.choice(KEYS[kind])
        value = {"user-agent": lambda: rng.choice(TOKENS), "allow": lambda: rng.choice(PATHS), "disallow": lambda: rng.choice(PATHS),
                 "crawl-delay": lambda: rng.choice(DELAYS), "request-rate": lambda: rng.choice(RATES),
                 "sitemap": lambda: "http://example.com/" + rng.choice(["s.xml", "%7Es.xml", "a b.xml"]),
                 "other": lambda: "example.com"}[kind]()
        sep = rng.choice([": ", ":", " : ", ":\t"])
        line = key + sep + value
        if rng.random() < 0.1:
            line += " # note"
        if rng.random() < 0.1:
            line = "  " + line
        lines.append(line)
    eol = rng.choice(EOLS)
    return eol.join(lines) + (eol if rng.random() < 0.7 else "")


def random_url(rng):
    path = "".join(rng.choice(["/a", "/b", "/x", "/y", "/tmp", "/caf%C3%A9", "/%7ejoe", "/~joe", ".php", "/p", "%2F", "%", "/A"])
                   for _ in range(rng.randint(0, 3)))
    if rng.random() < 0.2:
        path += rng.choice([";params", "?q=1", "?", "#frag", "?a=b&c=d#f"])
    if rng.random() < 0.3:
        path = rng.choice(["http://example.com", "https://Example.COM:8080", "HTTP://example.com"]) + path
    return path


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fixtures")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    cases = []
    for name, text, agent, urls in TESTS:
        agents = sorted({agent, "cybermapper", "*", "figtree", "Googlebot"})
        plain = [u if isinstance(u, str) else u[1] for u in urls]
        cases.append({"tag": "test_robotparser", "name": name, "text": text, **ask(text, agents, sorted(set(plain)))})
    for name, text in QUIRKS:
        cases.append({"tag": "quirks", "name": name, "text": text, **ask(text, AGENTS, URLS)})
    for i in range(300):
        text = random_file(rng)
        agents = rng.sample(AGENTS, 3)
        urls = [random_url(rng) for _ in range(6)] + rng.sample(URLS, 4)
        cases.append({"tag": "random", "name": f"random-{i}", "text": text, **ask(text, agents, urls)})
    # A huge file (over RFC 9309's 500 KiB): Python reads all of it.
    unit = "User-agent: bot\nDisallow: /private/\nAllow: /private/ok\n\n"
    count = 12000
    cases.append({"tag": "huge", "name": "huge", "repeat": [unit, count], **ask(unit * count + "User-agent: *\nDisallow: /\n", ["bot", "other"], ["/private/x", "/private/ok", "/"])})
    cases[-1]["tail"] = "User-agent: *\nDisallow: /\n"
    doc = {
        "about": "urllib.robotparser.RobotFileParser: parse(text.splitlines()), can_fetch, crawl_delay, request_rate, site_maps",
        "python": sys.version.split()[0],
        "seed": SEED,
        "cases": cases,
    }
    with open(os.path.join(out, "robots-legacy.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write("{\n")
        for key in ("about", "python", "seed"):
            f.write(f"  {json.dumps(key)}: {json.dumps(doc[key])},\n")
        f.write('  "cases": [\n')
        f.write(",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in cases))
        f.write("\n  ]\n}\n")


main()
