"""Safety of contributed Markdown: no active content, no embeds from other hosts, and no
contact details that do not come from the referral data."""

from __future__ import annotations

import bisect
import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import phonenumbers

from .diagnostics import Diagnostic, Report

UNSAFE_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                   "meta", "link", "style", "form"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data",
                  "background", "xlink:href", "cite", "lowsrc"}
EMBED_ATTRIBUTES = URL_ATTRIBUTES - {"href", "action", "formaction", "cite"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,}).*?^[ \t>]*\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_IMAGE_REFERENCE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\[((?:[^\]\\]|\\.)*)\]")
EMAIL = re.compile(r"[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_DIGITS = re.compile(r"\+?\d(?:[\s().\-/]{0,3}\d){6,}")  # seven digits or more: maybe a phone
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)", re.I)


@dataclass
class Contacts:
    """What prose may quote: phone numbers (E.164) and e-mail domains found in the data.
    `withheld` are numbers and addresses of records the build does not publish."""

    country: str
    phones: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    withheld: set[str] = field(default_factory=set)

    def allows(self, domain: str) -> bool:
        """Whether an e-mail address at `domain` may be published."""
        domain = domain.lower()
        return any(domain == d or domain.endswith("." + d) for d in self.domains)


def contact_details(records):
    """Each (field, value) of the services' contacts: phone, hotline and e-mail."""
    for record in records:
        contact = record.get("contact")  # malformed data is reported by the schema check
        for key in ("phone", "hotline", "email"):
            if isinstance(contact, dict) and isinstance(contact.get(key), str) and contact[key]:
                yield key, contact[key]


def contacts(services: list, withheld: list, country: str, domains: list[str] | None,
             extra_emails: tuple[str, ...] = ()) -> Contacts:
    """The contact details published `services` (referral records) hold; `withheld` are the
    records this build leaves out. Allowed e-mail domains default to those the data uses."""
    def normal(key, value):
        if key == "email":
            return value.lower()
        try:
            return phonenumbers.format_number(phonenumbers.parse(value, country),
                                              phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return value

    found = Contacts(country)
    emails = list(extra_emails)
    for key, value in contact_details(services):
        if key == "email":
            emails.append(value)
        else:
            found.phones.add(normal(key, value))
    found.domains = {d.lower() for d in domains} if domains else \
        {e.rsplit("@", 1)[-1].lower() for e in emails}
    found.withheld = {normal(key, value) for key, value in contact_details(withheld)}
    return found


def blank_code(text: str) -> str:
    """`text` with fenced code and code spans replaced by spaces, keeping every position."""
    if "`" not in text and "~~~" not in text:
        return text  # no code: the patterns are slow to rule it out
    def spaces(match):
        return re.sub(r"[^\n]", " ", match.group(0))
    return _CODE_SPAN.sub(spaces, _FENCE.sub(spaces, text))


def script_url(url: str) -> bool:
    """Whether a URL runs code or carries inline content (javascript:, vbscript:, data:)."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    return plain.startswith(SCRIPT_SCHEMES)


def other_host(url: str) -> bool:
    """Whether a URL points at another host (absolute or protocol-relative)."""
    plain = html.unescape(url).strip().lower()
    return plain.startswith("//") or re.match(r"[a-z][a-z0-9+.-]*://", plain) is not None


class _Problems:
    """Collects a page's problems by character offset, turned into line:column on report."""

    def __init__(self, path: Path, text: str, report: Report):
        self.path, self.report = path, report
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int, code: str, message: str, hint: str) -> None:
        line = bisect.bisect_right(self.starts, offset)
        self.at_line(line, offset - self.starts[line - 1] + 1, code, message, hint)

    def at_line(self, line: int, column: int, code: str, message: str, hint: str) -> None:
        self.report.error(code, self.path, line, column, message, hint=hint)


class _Tags(HTMLParser):
    """Finds unsafe raw HTML: elements, event handlers, script URLs, embeds from elsewhere."""

    def __init__(self, problems: _Problems):
        super().__init__(convert_charrefs=True)
        self.problems = problems

    def handle_starttag(self, tag, attrs):
        line, column = self.getpos()
        column += 1
        if tag in UNSAFE_ELEMENTS:
            self.problems.at_line(line, column, "CT101", f"raw <{tag}> element",
                                  "remove it: pages may not carry scripts, frames, embedded "
                                  "objects, styles or forms")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.at_line(line, column, "CT102",
                                      f"event handler attribute {name}= on <{tag}>",
                                      "remove the attribute: pages may not run scripts")
            elif name in URL_ATTRIBUTES and script_url(value):
                self.problems.at_line(line, column, "CT103",
                                      f"{name}= on <{tag}> uses a script or data URL",
                                      "link to a page or file of the portal, or to an https:// "
                                      "address")
            elif name in EMBED_ATTRIBUTES and other_host(value):
                self.problems.at_line(line, column, "CT104",
                                      f"<{tag}> embeds {value!r} from another host",
                                      "put the file in docs/ and link it with a relative path")
            elif name == "style" and any(other_host(u) or script_url(u)
                                         for u in _CSS_URL.findall(value)):
                self.problems.at_line(line, column, "CT104",
                                      f"style= on <{tag}> loads a resource from elsewhere",
                                      "remove the style attribute")

    handle_startendtag = handle_starttag


def check_page(path: Path, text: str, contacts: Contacts, report: Report) -> None:
    """Report every unsafe construct and unknown contact detail in one Markdown page."""
    source = blank_code(text)
    problems = _Problems(path, source, report)
    if re.search(r"<[A-Za-z]", source):
        parser = _Tags(problems)
        parser.feed(source)
        parser.close()
    references = {label.lower(): (url, m.start(2))
                  for m in _REFERENCE.finditer(source) for label, url in [m.groups()]}
    links = [(bool(m.group(1)), m.group(2), m.start(2)) for m in _INLINE_LINK.finditer(source)]
    for m in _IMAGE_REFERENCE.finditer(source):
        label = (m.group(2) or m.group(1)).lower()
        if label in references:
            links.append((True, *references[label]))
    links += [(False, url, offset) for url, offset in references.values()]
    for image, url, offset in links:
        if script_url(url):
            problems.at(offset, "CT103", f"link to a script or data URL: {url[:40]!r}",
                        "link to a page or file of the portal, or to an https:// address")
        elif image and other_host(url):
            problems.at(offset, "CT104", f"image from another host: {url!r}",
                        "put the image in docs/ and link it with a relative path")
    _contacts(source, contacts, problems)


def _contacts(source: str, contacts: Contacts, problems: _Problems) -> None:
    for m in EMAIL.finditer(source) if "@" in source else ():  # EMAIL is slow to rule out
        if m.group(0).lower() in contacts.withheld:
            problems.at(m.start(), "CT105", f"e-mail address {m.group(0)} belongs to a record "
                        "that is not published in this build", "remove it from the page")
        elif not contacts.allows(m.group(1)):
            problems.at(m.start(), "CT105", f"e-mail address {m.group(0)} is outside the "
                        f"domains of the data ({', '.join(sorted(contacts.domains)) or 'none'})",
                        "quote only addresses that the referral data or data/portal.yml hold")
    for digits in _DIGITS.finditer(source):
        matcher = phonenumbers.PhoneNumberMatcher(digits.group(0), contacts.country,
                                                  leniency=phonenumbers.Leniency.VALID)
        for match in matcher:
            number = phonenumbers.format_number(match.number,
                                                phonenumbers.PhoneNumberFormat.E164)
            offset = digits.start() + match.start
            if number in contacts.withheld:
                problems.at(offset, "CT106", f"phone number {match.raw_string} belongs to a "
                            "record that is not published in this build",
                            "remove it from the page")
            elif number not in contacts.phones:
                problems.at(offset, "CT106", f"phone number {match.raw_string} does not come "
                            "from the data (personal numbers must never be published)",
                            "add the service to the referral data and link its page instead")


# What each page was found to hold, by its path, its text and the contacts it was checked
# against: a preview (`make serve`) checks again only the pages a save changed.
_FINDINGS: dict[str, list[Diagnostic]] = {}


def check(docs_dir: Path, contacts: Contacts, report: Report) -> None:
    """Check every Markdown page under `docs_dir`."""
    known = repr((contacts.country, sorted(contacts.phones), sorted(contacts.domains),
                  sorted(contacts.withheld)))
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        key = hashlib.sha256("\0".join((str(path), known, text)).encode()).hexdigest()
        if key not in _FINDINGS:
            found = Report(report.root)
            check_page(path, text, contacts, found)
            _FINDINGS[key] = found.items
        report.items.extend(_FINDINGS[key])
