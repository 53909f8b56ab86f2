"""The referral pages generated from the data, in one language: index lists, one page per
camp, one per concern, the coverage table and printable referral cards."""

from __future__ import annotations

from ..strings import t
from .checks import coverage, served_locations
from .dataset import Dataset, Record
from .render import attr, date, eligibility, esc, hours, languages, text

BASE = "referral"
# Material's search plugin leaves out a section whose heading has this attribute: generated
# pages repeat the same text per camp, which would multiply the search index readers fetch.
NOT_INDEXED = "data-search-exclude"


def generate(dataset: Dataset, lang: str, site_name: str) -> dict[str, str]:
    """Markdown of every generated page, keyed by path inside the language folder."""
    offered = coverage(dataset)
    pages = {f"{BASE}/coverage.md": coverage_page(dataset, lang, offered)}
    for location in served_locations(dataset):
        pages[f"{BASE}/locations/{location.id}.md"] = location_page(dataset, location, lang,
                                                                    offered)
        pages[f"{BASE}/cards/{location.id}.md"] = card_page(dataset, location, lang, site_name)
    for concern in dataset.records["concerns"]:
        pages[f"{BASE}/concerns/{concern.id}.md"] = concern_page(dataset, concern, lang)
    return pages


def index_section(dataset: Dataset, lang: str) -> str:
    """Lists appended to the hand-written referral/index.md (links relative to it)."""
    lines = [f"## {t(lang, 'referral_by_location')}", ""]
    lines += [f"- [{esc(text(loc.get('name'), lang))}](locations/{loc.id}.md)"
              for loc in served_locations(dataset)]
    lines += ["", f"## {t(lang, 'referral_by_concern')}", ""]
    lines += [f"- [{esc(text(c.get('label'), lang))}](concerns/{c.id}.md)"
              for c in dataset.records["concerns"]]
    lines += ["", f"## {t(lang, 'referral_coverage')}", "",
              f"[{t(lang, 'referral_coverage_link')}](coverage.md)", ""]
    return "\n".join(lines)


def _services_in(dataset: Dataset, location_id: str) -> list[Record]:
    return [s for s in dataset.records["services"] if location_id in s.get("locations", [])
            and s.get("status") != "closed"]


def _first_actions(concern: Record, lang: str) -> list[str]:
    actions = concern.get("immediate_actions", {})
    steps = actions.get(lang) or actions.get("en", [])
    urgency = concern.get("urgency", "medium")
    kind = {"immediate": "danger", "high": "warning"}.get(urgency, "note")
    lines = [f'!!! {kind} "{t(lang, "urgency_" + urgency)}"', ""]
    lines += [f"    {i}. {esc(step)}" for i, step in enumerate(steps, 1)]
    return lines + [""]


def _steps(dataset: Dataset, concern: Record, lang: str, location: str | None,
           offered: dict) -> list[str]:
    """The pathway drawn as static HTML: numbered boxes joined by arrows."""
    pathway = dataset.pathways.get(concern.id)
    if pathway is None:
        return []
    items = []
    for number, step in enumerate(pathway.get("steps", []), 1):
        refs = []
        for kind in step.get("service_types", []):
            label = attr(text(dataset.service_types[kind].get("label"), lang))
            if location is None:
                refs.append(f'<span class="portal-step__type">{label}</span>')
                continue
            services = offered.get((location, kind), [])
            if services:
                links = ", ".join(f'<a href="#svc-{s.id}">{attr(_org_short(dataset, s, lang))}</a>'
                                  for s in services)
                refs.append(f'<span class="portal-step__type">{label}: {links}</span>')
            else:
                refs.append(f'<span class="portal-step__type portal-step__type--gap">{label}: '
                            f'{attr(t(lang, "no_service"))}</span>')
        items.append(f'<li class="portal-step"><span class="portal-step__number">{number}</span>'
                     f'<span class="portal-step__label">{attr(text(step.get("label"), lang))}</span>'
                     + "".join(refs) + "</li>")
    return [f'<ol class="portal-pathway" aria-label="{attr(t(lang, "pathway_steps"))}">',
            *items, "</ol>", ""]


def _org_short(dataset: Dataset, service: Record, lang: str) -> str:
    """An organisation's acronym, or its name when it has none."""
    org = dataset.organizations[service.get("organization")]
    return org.get("acronym") or text(org.get("name"), lang)


def _service(dataset: Dataset, service: Record, lang: str) -> list[str]:
    org = dataset.organizations[service.get("organization")]
    kind = dataset.service_types[service.get("service_type")]
    contact = service.get("contact", {})
    status = service.get("status")
    title = esc(text(service.get("name"), lang))
    if status != "active":
        title += f" ({t(lang, 'status_' + status)})"
    lines = [f"### {title} {{#svc-{service.id}}}", ""]
    if service.get("description"):
        lines += [esc(text(service.get("description"), lang)), ""]
    referral = service.get("referral", {})
    how = ", ".join(t(lang, "method_" + m) for m in referral.get("methods", []))
    if referral.get("form"):
        how += "; " + t(lang, "service_form", form=esc(text(referral["form"], lang)))
    if referral.get("response_hours"):
        how += "; " + t(lang, "service_response", hours=referral["response_hours"])
    reach = [esc(text(contact.get("role"), lang))]
    reach += [f"[{esc(contact[k])}](tel:{contact[k].replace(' ', '')})"
              for k in ("phone", "hotline") if contact.get(k)]
    if contact.get("email"):
        reach.append(f"[{esc(contact['email'])}](mailto:{contact['email']})")
    rows = [
        (t(lang, "service_org"), f"{esc(text(org.get('name'), lang))} · "
                                 f"{esc(text(kind.get('label'), lang))}"),
        (t(lang, "service_contact"), " · ".join(reach)),
        (t(lang, "service_hours"), esc(hours(service.get("hours"), lang))),
        (t(lang, "service_eligibility"), esc(eligibility(service.get("eligibility"), lang))),
        (t(lang, "service_refer"), how),
    ]
    if service.get("languages"):
        rows.append((t(lang, "service_languages"), languages(service.get("languages"), lang)))
    if service.get("accessibility"):
        rows.append((t(lang, "service_accessibility"),
                     esc(text(service.get("accessibility"), lang))))
    lines += [f"{name}\n:   {value}\n" for name, value in rows]
    lines += ["*" + t(lang, "service_verified", date=date(service.get("last_verified"), lang),
                      role=esc(service.get("verified_by"))) + "*", ""]
    return lines


def location_page(dataset: Dataset, location: Record, lang: str, offered: dict) -> str:
    name = text(location.get("name"), lang)
    lines = [f"# {esc(t(lang, 'location_title', name=name))}", "",
             esc(t(lang, "location_intro", name=name)), "",
             f"[{t(lang, 'print_card')}](../cards/{location.id}.md)", ""]
    for concern in dataset.records["concerns"]:
        # left out of the search index: the concern's own page holds the same first actions
        lines += [f"## {esc(text(concern.get('label'), lang))} {{#{concern.id} {NOT_INDEXED}}}",
                  ""]
        lines += _first_actions(concern, lang)
        lines += _steps(dataset, concern, lang, location.id, offered)
    lines += [f"## {t(lang, 'services_here')} {{#services}}", ""]
    for service in _services_in(dataset, location.id):
        lines += _service(dataset, service, lang)
    return "\n".join(lines)


def concern_page(dataset: Dataset, concern: Record, lang: str) -> str:
    label = text(concern.get("label"), lang)
    lines = [f"# {esc(t(lang, 'concern_title', name=label))}", "", t(lang, "concern_intro"), ""]
    lines += _first_actions(concern, lang)
    lines += _steps(dataset, concern, lang, None, {})
    # left out of the search index: the location pages hold these services in full
    lines += [f"## {t(lang, 'camps_with_service')} {{{NOT_INDEXED}}}", ""]
    for location in served_locations(dataset):
        services = [s for s in _services_in(dataset, location.id)
                    if concern.id in s.get("concerns", []) and s.get("status") == "active"]
        if services:
            names = ", ".join(f"[{esc(text(s.get('name'), lang))}](../locations/{location.id}.md#svc-{s.id})"
                              for s in services)
            lines.append(f"- **{esc(text(location.get('name'), lang))}**: {names}")
    return "\n".join(lines) + "\n"


def coverage_page(dataset: Dataset, lang: str, offered: dict) -> str:
    kinds = dataset.records["service_types"]
    header = "| " + t(lang, "coverage_camp") + " | " + " | ".join(
        esc(text(k.get("label"), lang)) for k in kinds) + " |"
    lines = [f"# {t(lang, 'coverage_title')}", "", t(lang, "coverage_intro"), "", header,
             "|---" * (len(kinds) + 1) + "|"]
    gaps = duplicates = 0
    for location in served_locations(dataset):
        cells = []
        for kind in kinds:
            count = len(offered.get((location.id, kind.id), []))
            gaps += count == 0
            duplicates += count > 1
            cells.append(f"**{t(lang, 'coverage_gap')}**" if count == 0 else
                         (f"**{count}**" if count > 1 else "1"))
        lines.append(f"| [{esc(text(location.get('name'), lang))}](locations/{location.id}.md) | "
                     + " | ".join(cells) + " |")
    lines += ["", t(lang, "coverage_totals", gaps=gaps, duplicates=duplicates), ""]
    return "\n".join(lines)


def card_page(dataset: Dataset, location: Record, lang: str, site_name: str) -> str:
    name = text(location.get("name"), lang)
    services = [s for s in _services_in(dataset, location.id) if s.get("status") == "active"]
    verified = sorted(s.get("last_verified") for s in services) or [None]
    # left out of the search index: a printable copy of the location page
    lines = ["---", "search:", "  exclude: true", "---", "",
             f"# {esc(t(lang, 'card_title', name=name))}", "", t(lang, "card_intro"), "",
             '<div class="portal-card" markdown>', "",
             f"| {t(lang, 'services_here')} | {t(lang, 'service_contact')} | "
             f"{t(lang, 'service_hours')} |", "|---|---|---|"]
    for s in services:
        contact = s.get("contact", {})
        reach = " ".join(esc(contact[k]) for k in ("phone", "hotline") if contact.get(k))
        lines.append(f"| {esc(text(s.get('name'), lang))} | {reach} | "
                     f"{esc(hours(s.get('hours'), lang))} |")
    lines += ["", "</div>"]
    if verified[0]:
        lines += ["", "*" + t(lang, "card_printed_from", site=esc(site_name),
                              oldest=date(verified[0], lang), newest=date(verified[-1], lang))
                  + "*"]
    return "\n".join(lines) + "\n"
