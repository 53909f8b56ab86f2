"""Command line: `python -m cpportal <command>` for coordinators, translators and CI."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import (clock, identity, release, review, scaffold, sitebuild, strings, translations,
               workbook)
from .diagnostics import Report
from .documents import check as check_documents, stamp
from .referral import sheet_import, sheets, verification
from .validation import validate_all


def _validate(args) -> int:
    root = Path(args.root).resolve()
    data = Path(args.data).resolve() if args.data else root / "data"
    report = Report(root)
    validate_all(data, release=args.release, report=report)
    check_documents(root / "docs", report, clock.today(), args.release)
    return _show(report, " [release mode]" if args.release else "")


def _verification(args) -> int:
    root = Path(args.root).resolve()
    report = Report(root)
    dataset, _ = validate_all(root / "data", report=report)
    if report.errors:
        print("the data has errors; fix them first (`python -m cpportal validate`):")
        return _show(report)
    portal = identity.load(root / "data", report)
    today = clock.today()
    items = verification.round_list(dataset.for_audience(), today, args.due_within, report.show)
    print(verification.text(items, today, args.due_within, bool(portal and portal.demo)), end="")
    if args.xlsx:
        book = workbook.new()
        workbook.add_sheet(book, "Verification", verification.HEADERS, [d.row() for d in items])
        book.save(args.xlsx)
        print(f"wrote {args.xlsx}: {len(items)} service(s)")
    return 0


def _spreadsheet(args) -> int:
    root = Path(args.root).resolve()
    target = Path(args.file)
    if args.action == "export":
        report = Report(root)
        dataset, _ = validate_all(root / "data", report=report)
        if report.errors:
            print("the data has errors; fix them first (`python -m cpportal validate`):")
            return _show(report)
        counts = sheets.export(dataset, root / "data/schema", target)
        print(f"wrote {target}: " + ", ".join(f"{n} {sheet}" for sheet, n in counts.items()))
        return 0
    if not target.is_file():
        print(f"{target}: no such file")
        return 1
    outcome = sheet_import.run(root, target)
    for line in outcome.problems:
        print(line)
    if outcome.errors:
        print(f"{outcome.errors} error(s): {target.name} was not imported; no file was changed")
        return 1
    print(f"imported {target.name}: " + (", ".join(outcome.changed) + " changed"
                                         if outcome.changed else "no change"))
    return 0


def _check(args) -> int:
    from .site import Portal  # loads the whole portal: only for this command

    return _show(Portal(Path(args.root).resolve()).report)


def _show(report: Report, mode: str = "") -> int:
    """Print every problem and the counts; the exit status: 1 if there is any error."""
    for item in report.errors + report.warnings:
        print(item.format())
    print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s){mode}")
    return 1 if report.errors else 0


def _build(args) -> int:
    root = Path(args.root).resolve()
    site_dir = Path(args.site_dir)
    result = sitebuild.build(root, site_dir if site_dir.is_absolute() else root / site_dir)
    if result.returncode != 0:
        print(f"build failed; {args.site_dir}/ was left as it was")
        return 1
    print(f"built {args.site_dir}/")
    return 0


def _translations(args) -> int:
    docs = Path(args.root).resolve() / "docs"
    result = translations.status(docs, args.lang)
    for label, pages in (("outdated", result.outdated), ("missing", result.missing)):
        for page in pages:
            print(f"{label:9} docs/{args.lang}/{page}")
    print(f"{args.lang}: {len(result.current)} current ({result.percent(result.current):.0f}%), "
          f"{len(result.outdated)} outdated ({result.percent(result.outdated):.0f}%), "
          f"{len(result.missing)} missing ({result.percent(result.missing):.0f}%) "
          f"of {result.total} pages")
    return 1 if args.check and (result.outdated or result.missing) else 0


def _stamp(args) -> int:
    docs = Path(args.root).resolve() / "docs"
    pages = args.pages or [p for p in translations.english_pages(docs)
                           if (docs / args.lang / p).exists()]
    changed = 0
    for page in pages:
        page = page.split(f"docs/{args.lang}/", 1)[-1]
        if not (docs / args.lang / page).exists() or not (docs / "en" / page).exists():
            print(f"docs/{args.lang}/{page}: no such translation or English source")
            return 1
        changed += stamp(docs / args.lang / page, docs / "en" / page)
    print(f"stamped {changed} page(s) of {len(pages)}")
    return 0


def _review(args) -> int:
    root = Path(args.root).resolve()
    try:
        print(review.summary(root, args.base), end="")
        payload = review.review(review.suggestions(root, args.base))
    except review.ReviewError as error:
        print(f"{args.root}: {error}")
        return 1
    if args.review:
        if payload:
            Path(args.review).write_text(json.dumps(payload, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    return 0


def _strings(args) -> int:
    path = strings.LOCALES / f"{args.lang}.yml"
    gaps = strings.gaps(args.lang)
    for key, problem in gaps.items():
        print(f"{path.name}: {key}: {problem} (English: {strings.table(strings.SOURCE)[key]!r})")
    total = len(strings.table(strings.SOURCE))
    print(f"{args.lang}: {total - len(gaps)} of {total} strings translated"
          + (f"; add the {len(gaps)} above to {path}" if gaps else ""))
    return 1 if gaps else 0


def _new(args) -> int:
    try:
        scaffold.create(Path(args.dir), group=args.group, acronym=args.acronym,
                        country=args.country, languages=args.languages.split(","),
                        colour=args.colour, engine=args.engine)
    except scaffold.ScaffoldError as error:
        print(f"{args.dir}: {error}")
        return 1
    print(f"created a portal in {args.dir}: cd {args.dir} && make build")
    for lang in args.languages.split(","):
        if strings.gaps(lang):
            print(f"note: the portal's own strings are not all translated into {lang}; "
                  f"`python -m cpportal strings --lang {lang}` lists them")
    return 0


def _release(args) -> int:
    root = Path(args.root).resolve()
    report = release.publish(root, args.version, Path(args.export).resolve(), args.allow_drafts)
    for item in report.errors + report.warnings:
        print(item.format())
    if report.errors:
        print(f"release {args.version} refused: {len(report.errors)} error(s); nothing was "
              "published")
        return 1
    print(f"published {args.version} (latest) on branch {release.BRANCH}; "
          f"all versions exported to {args.export}")
    print((Path(args.export) / f"release-notes-{args.version}.md").read_text(encoding="utf-8"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cpportal", description=__doc__)
    parser.add_argument("--root", default=".", help="portal folder (holding mkdocs.yml)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help=f"judge dates as on this day (default: ${clock.VARIABLE}, "
                             "else the real date)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the data files and the documents' front "
                                                 "matter; exit 1 on any error")
    check.add_argument("--data", help="data folder (default: <root>/data)")
    check.add_argument("--release", action="store_true",
                       help="release rules: overdue verification is an error")
    check.set_defaults(run=_validate)
    due = commands.add_parser("verification", help="the verification round: by organization, "
                                                   "services overdue or due soon, with their "
                                                   "contacts")
    due.add_argument("--due-within", type=int, default=30, metavar="DAYS",
                     help="also list services falling due within DAYS days (default: 30)")
    due.add_argument("--xlsx", metavar="FILE", help="also write the list as a spreadsheet")
    due.set_defaults(run=_verification)
    sheet = commands.add_parser("spreadsheet", help="the referral data as a spreadsheet: export "
                                                    "it, or import one back into data/")
    sheet.add_argument("action", choices=["export", "import"])
    sheet.add_argument("file", help="FILE.xlsx to write; FILE.xlsx or FILE.ods to import")
    sheet.set_defaults(run=_spreadsheet)
    content = commands.add_parser("check", help="every check the build makes before building: "
                                                "data, front matter, and the safety of pages")
    content.set_defaults(run=_check)
    build = commands.add_parser("build", help="strict build into a fresh folder, swapped in "
                                              "only if everything passed")
    build.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    build.set_defaults(run=_build)
    status = commands.add_parser("translations",
                                 help="list outdated and missing translations of a language")
    status.add_argument("--lang", required=True)
    status.add_argument("--check", action="store_true",
                        help="exit 1 if any page is outdated or missing (for pull requests)")
    status.set_defaults(run=_translations)
    mark = commands.add_parser("stamp", help="record that translations match today's English")
    mark.add_argument("--lang", required=True)
    mark.add_argument("pages", nargs="*",
                      help="pages to stamp (docs/bn/sops/x.md or sops/x.md); default: all")
    mark.set_defaults(run=_stamp)
    changes = commands.add_parser("review", help="for a pull request's check: translation "
                                                 "status per language as Markdown, the pages "
                                                 "it made outdated, the stamps it lacks")
    changes.add_argument("--base", required=True, help="the branch or commit it is merged into")
    changes.add_argument("--review", metavar="FILE",
                         help="also write the suggested stamps as a GitHub review (JSON), if any")
    changes.set_defaults(run=_review)
    words = commands.add_parser("strings", help="list the portal's own strings a language still "
                                                "lacks; exit 1 if any")
    words.add_argument("--lang", required=True)
    words.set_defaults(run=_strings)
    new = commands.add_parser("new", help="create a new portal for another group in DIR")
    new.add_argument("dir")
    new.add_argument("--group", required=True, help='e.g. "Child Protection Sub-Working Group"')
    new.add_argument("--acronym", required=True, help="e.g. CPSWG")
    new.add_argument("--country", required=True, help="ISO 3166 code, e.g. UG (phone numbers "
                                                      "are checked for it)")
    new.add_argument("--languages", default="en",
                     help="comma-separated language codes, English first (default: en)")
    new.add_argument("--colour", default="indigo", help="Material primary colour (default: "
                                                        "indigo)")
    new.add_argument("--engine", default=scaffold.ENGINE,
                     help=f"the cpportal requirement the portal pins (default: {scaffold.ENGINE}; "
                          "or a wheel's URL, or git+https://...@TAG)")
    new.set_defaults(run=_new)
    publish = commands.add_parser("release", help="check, deploy a version with mike and export")
    publish.add_argument("version", help="YEAR.NUMBER, e.g. 2026.1")
    publish.add_argument("--allow-drafts", action="store_true",
                         help="publish drafts and documents under review (bannered)")
    publish.add_argument("--export", default="public",
                         help="folder to write every published version to (default: public)")
    publish.set_defaults(run=_release)
    args = parser.parse_args(argv)
    try:
        if args.today:
            clock.set_today(args.today)
        clock.today()
    except clock.ClockError as error:
        parser.error(str(error))
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
