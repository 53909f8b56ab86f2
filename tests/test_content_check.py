"""The content check: contributed Markdown carrying active content, embeds from other hosts or
contact details that do not come from the data is rejected with file, line and column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project
from cpportal import content
from cpportal.diagnostics import Report
from cpportal.referral.dataset import load
from cpportal.site import Portal

PORTAL = Portal(ROOT)
PUBLIC_PHONE = "+880 1700-000001"
PARTNERS_ONLY = next(r for r in load(ROOT / "data", Report()).records["services"]
                     if r.get("visibility") == "partners")

# (Markdown, expected diagnostics as (code, line, column))
UNSAFE = {
    "script": ("Intro\n\n<script>alert(1)</script>\n", [("CT101", 3, 1)]),
    "script-uppercase": ("<SCRIPT src=x.js></SCRIPT>\n", [("CT101", 1, 1)]),
    "iframe": ("Text\n<iframe src=\"page.html\"></iframe>\n", [("CT101", 2, 1)]),
    "object": ("<object data=\"x.swf\"></object>\n", [("CT101", 1, 1)]),
    "embed": ("<embed src=\"x.swf\">\n", [("CT101", 1, 1)]),
    "style": ("<style>.portal-demo{display:none}</style>\n", [("CT101", 1, 1)]),
    "onclick": ("Tap <span onclick=\"steal()\">here</span>.\n", [("CT102", 1, 5)]),
    "onerror-in-md-html": ("<div markdown>\n<img src=\"a.png\" onerror=\"x()\">\n</div>\n",
                           [("CT102", 2, 1)]),
    "javascript-link": ("See [the form](javascript:alert(1)).\n", [("CT103", 1, 16)]),
    "javascript-entity": ("See [x](jav&#x61;script:alert(1)).\n", [("CT103", 1, 9)]),
    "data-link": ("[x](data:text/html;base64,PHNjcmlwdD4=)\n", [("CT103", 1, 5)]),
    "javascript-reference": ("[x][1]\n\n[1]: javascript:alert(1)\n", [("CT103", 3, 6)]),
    "javascript-href": ("<a href=\" javascript:alert(1)\">x</a>\n", [("CT103", 1, 1)]),
    "remote-image": ("![logo](https://tracker.example.com/p.png)\n", [("CT104", 1, 9)]),
    "protocol-relative-image": ("![logo](//cdn.example.com/p.png)\n", [("CT104", 1, 9)]),
    "remote-image-reference": ("![logo][l]\n\n[l]: https://cdn.example.com/l.png\n",
                               [("CT104", 3, 6)]),
    "remote-img-tag": ("<img src=\"https://cdn.example.com/p.png\" alt=\"\">\n",
                       [("CT104", 1, 1)]),
    "remote-video-poster": ("<video poster=\"https://x.example.com/p.jpg\"></video>\n",
                            [("CT104", 1, 1)]),
    "foreign-email": ("Write to jane.doe@gmail.com for help.\n", [("CT105", 1, 10)]),
    "personal-phone": ("Call the caseworker on 01712-345678 after six.\n", [("CT106", 1, 24)]),
    "personal-phone-bengali-digits": ("ফোন: ০১৭১২-৩৪৫৬৭৮\n", [("CT106", 1, 6)]),
}
SAFE = {
    "code-fence": "```html\n<script>alert(1)</script>\n<img src=\"https://x.org/a.png\">\n```\n",
    "code-span": "Never paste `<iframe>` or `onclick=` into a page.\n",
    "plain-link-elsewhere": "Read [the guidelines](https://alliancecpha.org/en/cpms).\n",
    "local-image": "![A referral card](../assets/card.png)\n",
    "phone-from-data": f"The hotline is {PUBLIC_PHONE}.\n",
    "email-of-the-data": "Write to cpss-im@example.org.\n",
    "dates-and-versions": "Endorsed 2026-09-14, version 2.1, 3,500 children, 15-17 years.\n",
}


def _check(markdown: str) -> list[tuple[str, int, int]]:
    report = Report()
    content.check_page(Path("page.md"), markdown, PORTAL.contacts, report)
    return [(d.code, d.line, d.column) for d in report.errors]


@pytest.mark.parametrize("name", UNSAFE)
def test_unsafe_markdown_is_rejected_at_its_place(name):
    markdown, expected = UNSAFE[name]
    assert _check(markdown) == expected


@pytest.mark.parametrize("name", SAFE)
def test_safe_markdown_passes(name):
    assert _check(SAFE[name]) == []


def test_every_content_code_has_a_fixture():
    from cpportal.codes import CODES

    tested = {code for _, expected in UNSAFE.values() for code, _, _ in expected}
    assert {c for c in CODES if c.startswith("CT")} == tested


def test_contacts_of_partners_only_services_are_refused_in_public_pages():
    contact = PARTNERS_ONLY.get("contact")
    assert _check(f"Call {contact['phone']}.\n") == [("CT106", 1, 6)]
    assert _check(f"Mail {contact['email']}.\n") == [("CT105", 1, 6)]


def test_the_portal_s_own_pages_pass():
    report = Report(ROOT)
    content.check(ROOT / "docs", PORTAL.contacts, report)
    assert [d.format() for d in report.errors] == []


def test_check_command_and_build_reject_an_unsafe_page(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/bn/sops/lost-and-missing-children.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>fetch('//x.example')</script>\n"
                    "[ফর্ম](javascript:void(0))\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").count("\n")
    checked = subprocess.run([sys.executable, "-m", "cpportal", "--root", str(project), "check"],
                             capture_output=True, text=True)
    assert checked.returncode == 1
    assert f"docs/bn/sops/lost-and-missing-children.md:{lines - 1}:1: error CT101" in checked.stdout
    assert f"docs/bn/sops/lost-and-missing-children.md:{lines}:" in checked.stdout
    assert "CT103" in checked.stdout
    built = build_site(tmp_path / "site", project)
    assert built.returncode != 0
    assert "CT101" in built.stderr + built.stdout and "Traceback" not in built.stderr
    assert not (tmp_path / "site" / "index.html").exists()
