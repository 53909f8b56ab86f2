"""The monthly verification round: by organization, the services whose verification is overdue
or falls due within a number of days, with the functional contacts to call."""

from __future__ import annotations

import dataclasses
import datetime as dt
from itertools import groupby

from .dataset import Dataset, Record

HEADERS = ("Organization", "Service id", "Service", "Locations", "Due", "Days", "State",
           "Contact role", "Phone", "Hotline", "E-mail", "Verified by", "Data file")


@dataclasses.dataclass(frozen=True)
class Due:
    """A service to verify: when it falls due, and where its last_verified date is written."""

    organization: str
    service: Record
    due: dt.date
    days: int  # past the due date (overdue) if positive, before it if negative or zero
    place: str  # file:line of last_verified

    @property
    def overdue(self) -> bool:
        return self.days > 0

    def row(self) -> tuple:
        contact = self.service.get("contact", {})
        return (self.organization, self.service.id, self.service.get("name", {}).get("en", ""),
                " ".join(self.service.get("locations", [])), self.due.isoformat(),
                abs(self.days), "overdue" if self.overdue else "due soon",
                contact.get("role", {}).get("en", ""), contact.get("phone", ""),
                contact.get("hotline", ""), contact.get("email", ""),
                self.service.get("verified_by", ""), self.place)


def round_list(dataset: Dataset, today: dt.date, within: int, show) -> list[Due]:
    """Services not closed that are overdue or due within `within` days of `today`, sorted by
    organization then due date; `show` turns a path into how messages write it."""
    found = []
    for record in dataset.records["services"]:
        if record.get("status") == "closed":
            continue
        verified = dt.date.fromisoformat(record.get("last_verified"))
        due = verified + dt.timedelta(days=record.get("review_every_days"))
        if (due - today).days <= within:
            organization = dataset.organizations[record.get("organization")]
            line, _ = record.where("last_verified")
            found.append(Due(organization.get("name", {}).get("en", organization.id), record,
                             due, (today - due).days, f"{show(record.doc.path)}:{line}"))
    return sorted(found, key=lambda d: (d.organization, d.due, d.service.id))


def text(items: list[Due], today: dt.date, within: int, demo: bool) -> str:
    """The round as plain text, one block per organization, ready to paste into a message."""
    overdue = sum(d.overdue for d in items)
    lines = [f"Verification round of {today}: {overdue} service(s) overdue, "
             f"{len(items) - overdue} due within {within} days"]
    if demo:
        lines.append("Demonstration data: every contact below is fictional.")
    for organization, group in groupby(items, key=lambda d: d.organization):
        lines += ["", organization]
        for item in group:
            contact = item.service.get("contact", {})
            state = (f"overdue by {item.days} day(s)" if item.overdue
                     else f"due in {-item.days} day(s)")
            reach = ", ".join(v for v in (contact.get("phone"), contact.get("hotline"),
                                          contact.get("email")) if v)
            lines += [f"  - {item.service.get('name', {}).get('en', '')} ({item.service.id}): "
                      f"{state}, on {item.due}",
                      f"    {contact.get('role', {}).get('en', '')}: {reach or 'no phone or e-mail'}",
                      f"    update last_verified at {item.place}"]
    return "\n".join(lines) + "\n"
