"""Validation of the referral data: the schema first, then what a schema cannot express."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import phonenumbers
from phonenumbers import shortnumberinfo

from .. import clock
from ..diagnostics import PER_FILE, Report
from ..schemas import is_valid, validator
from .dataset import (KINDS, LOCATION_TYPES, Dataset, Record, id_field, identify, load,
                      served)

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def validate(data_dir: Path, *, country: str | None, email_domains: list[str] | None = None,
             location_types: dict | None = None, release: bool = False,
             today: dt.date | None = None, short_numbers: list | None = None,
             report: Report | None = None) -> tuple[Dataset, Report]:
    """Load and check every referral file; return the data and every problem found. Records
    that break the schema are checked further as far as their values allow, and are marked
    not `valid`."""
    report = report if report is not None else Report(data_dir.parent)
    today = today or clock.today()
    dataset = load(data_dir, report)
    types = location_types if isinstance(location_types, dict) else LOCATION_TYPES
    dataset.served_types = served(types)
    _schema(dataset, data_dir / "schema", report)
    _location_types(dataset, types, report)
    _unique_ids(dataset, report)
    _references(dataset, report)
    _parent_loops(dataset, report)
    _services(dataset, report, country, email_domains, release, today,
              frozenset(str(n) for n in short_numbers or ()))
    _pathways(dataset, report)
    return dataset, report


def _schema(dataset: Dataset, schema_dir: Path, report: Report) -> None:
    by_doc: dict[int, list[Record]] = defaultdict(list)
    for records in dataset.records.values():
        for record in records:
            by_doc[id(record.doc)].append(record)
    for kind, doc in dataset.documents:
        broken = schema_errors(doc, schema_dir, KINDS[kind][2], report, kind)
        for record in by_doc[id(doc)]:
            record.valid = record.index not in broken


def schema_errors(doc, schema_dir: Path, schema: str, report: Report, kind: str = "") -> set:
    """Report every schema violation of `doc` with its code, place, record and a fix; `kind`
    names the referral records the file holds, if any. Returns the indexes of the records
    with a violation."""
    key = KINDS[kind][1] if kind else ""
    broken: set = set()
    if doc.data is None:
        report.error("RP101", doc.path, 1, 1, "the file holds no data (nothing, or only "
                     "comments)", hint=f"add the data (see data/schema/{schema}), or delete "
                                       "the file")
        return broken
    if is_valid(schema_dir, schema, doc):
        return broken
    for error in validator(schema_dir, schema).iter_errors(doc.data):
        if report.full(doc.path):
            break
        path = tuple(error.absolute_path)
        if len(path) >= 2 and path[0] == key:
            broken.add(path[1])
        record = _record_id(doc.data, kind, path) if kind else ""
        line, column = doc.where(*path)
        if error.validator == "required":
            for name in [k for k in error.validator_value if k not in error.instance]:
                if name == "en" and _is_text(error.instance):
                    report.error("RP111", doc.path, line, column,
                                 f"'{_dotted(path)}' has no English text", record,
                                 "add an 'en:' entry; other languages fall back to it")
                else:
                    report.error("RP101", doc.path, line, column,
                                 f"'{_dotted(path) or key or 'file'}' lacks required field "
                                 f"'{name}'", record, f"add '{name}:' (see data/schema/{schema})")
        elif error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - set(allowed))[:PER_FILE + 1]:
                line, column = doc.key_where(*path, name)
                report.error("RP103", doc.path, line, column, f"unknown field '{name}'",
                             record, f"fields allowed here: {', '.join(allowed)}")
        else:
            report.error("RP102", doc.path, line, column,
                         f"'{_dotted(path)}': {_short(error.message)}", record, _hint(error))
    return broken


def _is_text(instance) -> bool:
    return isinstance(instance, dict) and all(isinstance(v, (str, list)) for v in instance.values())


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path[2:]) if len(path) > 2 else ".".join(map(str, path))


def _short(message: str) -> str:
    return message if len(message) < 160 else message[:157] + "..."


def _hint(error) -> str:
    if error.validator == "enum":
        return "use one of: " + ", ".join(map(str, error.validator_value))
    if error.validator == "pattern":
        return f"the value must match {error.validator_value}"
    if error.validator == "type" and isinstance(error.instance, float) \
            and error.validator_value == "integer":
        return f"write it as a whole number: {error.instance:.0f}"
    if error.validator == "type":
        return f"give a value of type {error.validator_value}"
    return "see the schema in data/schema/"


def _record_id(data, kind: str, path: tuple) -> str:
    """The id of the record a schema error at `path` lies in ('' if outside any record)."""
    key = KINDS[kind][1]
    if isinstance(data, dict) and isinstance(data.get(key), list) and len(path) >= 2 \
            and path[0] == key and isinstance(path[1], int):
        return identify(data[key][path[1]], kind, path[1])
    return ""


def _unique_ids(dataset: Dataset, report: Report) -> None:
    for kind, records in dataset.records.items():
        first: dict[str, Record] = {}
        for record in records:
            if not isinstance(record.data.get(id_field(kind)), str):
                continue
            if record.id in first:
                other = first[record.id]
                line, column = record.where(id_field(kind))
                report.error("RP105", record.doc.path, line, column,
                             f"{kind[:-1].replace('_', ' ')} id '{record.id}' is already defined "
                             f"at {report.show(other.doc.path)}:{other.where()[0]}",
                             record.id, "give one of the two records another id")
            else:
                first[record.id] = record


def _undefined(report: Report, record: Record, keys: tuple, what: str, value,
               known: dict) -> None:
    if isinstance(value, str) and value not in known:
        line, column = record.where(*keys)
        names = ", ".join(sorted(known)[:8]) + (", ..." if len(known) > 8 else "")
        report.error("RP104", record.doc.path, line, column,
                     f"{record.kind[:-1].replace('_', ' ')} '{record.id}' names {what} "
                     f"'{value}', which is not defined (known: {names})", record.id,
                     f"correct the id or define the {what}")


def _references(dataset: Dataset, report: Report) -> None:
    for record in dataset.records["locations"]:
        if "parent" in record.data:
            _undefined(report, record, ("parent",), "location", record.get("parent"),
                       dataset.locations)
    for record in dataset.records["services"]:
        _undefined(report, record, ("organization",), "organization",
                   record.get("organization"), dataset.organizations)
        _undefined(report, record, ("service_type",), "service type",
                   record.get("service_type"), dataset.service_types)
        for field, what, known in (("concerns", "concern", dataset.concerns),
                                   ("locations", "location", dataset.locations)):
            for i, value in enumerate(_list(record.get(field))):
                _undefined(report, record, (field, i), what, value, known)
    for record in dataset.records["pathways"]:
        _undefined(report, record, ("concern",), "concern", record.get("concern"),
                   dataset.concerns)
        for s, step in enumerate(_list(record.get("steps"))):
            if isinstance(step, dict):
                for i, value in enumerate(_list(step.get("service_types"))):
                    _undefined(report, record, ("steps", s, "service_types", i), "service type",
                               value, dataset.service_types)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _parent_loops(dataset: Dataset, report: Report) -> None:
    """A location may not be its own ancestor: the chain of parents must reach a top."""
    reported: set[str] = set()
    for record in dataset.records["locations"]:
        chain = [record.id]
        parent = record.get("parent")
        while isinstance(parent, str) and parent in dataset.locations and parent not in chain:
            chain.append(parent)
            parent = dataset.locations[parent].get("parent")
        if parent == record.id and record.id not in reported:
            reported.update(chain)
            line, column = record.where("parent")
            loop = " -> ".join(chain + [record.id])
            report.error("RP115", record.doc.path, line, column,
                         f"location '{record.id}' is its own ancestor ({loop})", record.id,
                         "give the top of the chain no parent, or the right one")


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _services(dataset: Dataset, report: Report, country: str | None, email_domains, release: bool,
              today: dt.date, short_numbers: frozenset = frozenset()) -> None:
    for record in dataset.records["services"]:
        contact = record.get("contact") if isinstance(record.get("contact"), dict) else {}
        for field in ("phone", "hotline"):
            if country and isinstance(contact.get(field), str):  # no country: portal.yml's error
                _phone(report, record, field, contact[field], country, short_numbers)
        if isinstance(contact.get("email"), str):
            _email(report, record, contact["email"], email_domains)
        ages = record.get("eligibility")
        if isinstance(ages, dict) and isinstance(ages.get("age_min"), int) \
                and isinstance(ages.get("age_max"), int) and ages["age_min"] > ages["age_max"]:
            line, column = record.where("eligibility", "age_min")
            report.error("RP109", record.doc.path, line, column,
                         f"age range {ages['age_min']}-{ages['age_max']} is upside down",
                         record.id, "swap age_min and age_max")
        hours = record.get("hours")
        if isinstance(hours, dict) and all(isinstance(hours.get(k), str) and TIME.match(hours[k])
                                           for k in ("open", "close")) \
                and hours["close"] <= hours["open"]:
            line, column = record.where("hours", "close")
            report.error("RP114", record.doc.path, line, column,
                         f"closes at {hours['close']}, not after it opens at {hours['open']}",
                         record.id, "correct open/close (24-hour clock, HH:MM)")
        _verification(report, record, release, today)


PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().-]+$")


@lru_cache(maxsize=65536)
def phone_is_valid(number: str, country: str, short_allowed: bool) -> bool:
    """Whether `number` is valid in `country` (a hotline may be a short number such as 999).
    Digits only: the library would read letters as a keypad's (O as 6). Cached:
    organisations' numbers recur across their services."""
    if not PHONE_CHARACTERS.match(number):
        return False
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number_for_region(parsed, country) or (
        short_allowed and shortnumberinfo.is_valid_short_number_for_region(parsed, country))


def _phone(report: Report, record: Record, field: str, number: str, country: str,
           short_numbers: frozenset) -> None:
    if field == "hotline" and number.strip() in short_numbers:
        return
    if not phone_is_valid(number, country, field == "hotline"):
        line, column = record.where("contact", field)
        report.error("RP107", record.doc.path, line, column,
                     f"{field} '{number}' is not a valid number for {country}", record.id,
                     f"write it in international form with digits only, e.g. "
                     f"{example_number(country)}" + (
                         "; a national short code unknown to the numbering plan (such as "
                         "a new helpline) goes in short_numbers in data/portal.yml"
                         if field == "hotline" else ""))


@lru_cache(maxsize=None)
def example_number(country: str) -> str:
    """A valid mobile number of `country`, in international form, for hints and templates."""
    number = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE) \
        or phonenumbers.example_number(country)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _email(report: Report, record: Record, address: str, domains) -> None:
    if not EMAIL.match(address):
        line, column = record.where("contact", "email")
        report.error("RP108", record.doc.path, line, column,
                     f"'{address}' is not a valid e-mail address", record.id,
                     "write it as name@domain.org")
    elif domains and not any(address.lower().endswith(("@" + d, "." + d)) for d in domains):
        line, column = record.where("contact", "email")
        report.error("RP108", record.doc.path, line, column,
                     f"'{address}' is outside the allowed domains ({', '.join(domains)})",
                     record.id, "use an address of the organisation, or add its domain to "
                                "email_domains in data/portal.yml")


def _verification(report: Report, record: Record, release: bool, today: dt.date) -> None:
    raw = record.get("last_verified")
    if not isinstance(raw, str) or not DATE.match(raw):
        return  # the schema reports a missing or malformed date
    verified = _date(raw)
    if verified is None or verified > today or (
            isinstance(record.get("review_every_days"), int)
            and (today - verified).days > record.get("review_every_days")):
        line, column = record.where("last_verified")
    if verified is None:
        report.error("RP110", record.doc.path, line, column, f"'{raw}' is not a calendar date",
                     record.id, "write the date as YYYY-MM-DD")
        return
    if verified > today:
        report.error("RP110", record.doc.path, line, column,
                     f"last_verified {raw} is in the future (today is {today})", record.id,
                     "give the date the service was actually verified")
        return
    period = record.get("review_every_days")
    if isinstance(period, int) and (today - verified).days > period:
        overdue = (today - verified).days - period
        message = (f"verified on {raw}, {overdue} days past its {period}-day review period")
        hint = "call the service, confirm its details and update last_verified"
        if release:
            report.error("RP112", record.doc.path, line, column, message, record.id, hint)
        else:
            report.warning("RP112", record.doc.path, line, column, message, record.id, hint)


def _pathways(dataset: Dataset, report: Report) -> None:
    for concern in dataset.records["concerns"]:
        if concern.id not in dataset.pathways:
            line, column = concern.where("id")
            report.warning("RP113", concern.doc.path, line, column,
                           f"concern '{concern.id}' has no pathway", concern.id,
                           "add a pathway for it in data/referral/pathways.yml")
    offered = coverage(dataset)
    needed: dict[str, list[tuple[Record, tuple]]] = defaultdict(list)
    for pathway in dataset.records["pathways"]:
        for s, step in enumerate(_list(pathway.get("steps"))):
            if isinstance(step, dict):
                for i, kind in enumerate(_list(step.get("service_types"))):
                    if kind in dataset.service_types:
                        needed[kind].append((pathway, ("steps", s, "service_types", i)))
    for location in served_locations(dataset):
        for kind, uses in sorted(needed.items()):
            if not offered.get((location.id, kind)):
                pathway, keys = uses[0]
                line, column = pathway.where(*keys)
                concerns = sorted({p.id for p, _ in uses})
                report.warning("RP106", pathway.doc.path, line, column,
                               f"no active '{kind}' service in {location.id}, needed by the "
                               f"pathway for {', '.join(concerns)}", location.id,
                               "add a service or confirm the gap with the camp CPFP")


def _location_types(dataset: Dataset, types: dict, report: Report) -> None:
    for record in dataset.records["locations"]:
        kind = record.get("type")
        if isinstance(kind, str) and kind not in types:
            line, column = record.where("type")
            report.error("RP102", record.doc.path, line, column, f"location type '{kind}' is "
                         f"not one of {', '.join(types)}", record.id,
                         "use one of these, or add the type to location_types in "
                         "data/portal.yml")


def served_locations(dataset: Dataset) -> list[Record]:
    """The places services are expected to cover (camps and settlements by default)."""
    return [r for r in dataset.records["locations"] if r.get("type") in dataset.served_types]


def coverage(dataset: Dataset) -> dict[tuple[str, str], list[Record]]:
    """Active services by (location id, service type id)."""
    table: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for service in dataset.records["services"]:
        kind = service.get("service_type")
        if service.get("status") == "active" and isinstance(kind, str):
            for location in _list(service.get("locations")):
                if isinstance(location, str):
                    table[(location, kind)].append(service)
    return table
