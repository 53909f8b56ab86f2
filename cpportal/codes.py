"""Every diagnostic code the portal reports, with what it means and how to fix it.

The catalogue is the single source for the error-code page of the documentation.
"""

from html import escape

CODES: dict[str, tuple[str, str]] = {
    # YAML as untrusted input
    "YA101": ("File too large", "A data file is over 2 MiB. Split its records over several files."),
    "YA102": ("Not UTF-8", "The file holds bytes that are not UTF-8. Save it as UTF-8."),
    "YA103": ("Tab or special space", "Indent with plain spaces: tabs are refused anywhere in "
                                      "data files, no-break and other special spaces in the "
                                      "indentation."),
    "YA104": ("YAML syntax", "The file is not valid YAML: check indentation and quotes near the line."),
    "YA105": ("Alias or merge key", "Anchors, aliases and merge keys are refused (they allow "
                                   "'billion laughs' bombs); write values out in full."),
    "YA106": ("Duplicate key", "A mapping names the same key twice; YAML would silently keep the "
                               "last one. Remove or rename one."),
    "YA107": ("Not a regular file", "A data file is a folder, a device, a pipe, or a link that "
                                    "is broken or leads outside the project. Put the file "
                                    "itself there."),
    "YA108": ("Unreadable file", "The file cannot be opened, often for lack of read permission."),
    "YA109": ("Control character", "An invisible control character (NUL, ESC, C1 controls, "
                                   "line or paragraph separator, a byte-order mark inside the "
                                   "text) is refused. Delete it."),
    "YA110": ("YAML tag", "Tags (!!int, !!binary, !include, ...) are refused: write plain "
                          "values, quoted if they must stay text."),
    "YA111": ("File not read", "A file in data/ matches no data file the portal reads "
                               "(portal.yaml for portal.yml, a subfolder of services/): an "
                               "error for YAML files, whose records would be lost, a warning "
                               "for others."),
    "YA112": ("Key is not text", "A key reads as a number, a boolean or a date (2025:, true:). "
                                 "Use a field name, or quote the key."),
    "YA113": ("Too many problems", "A file has more than 100 problems; the first 100 are "
                                   "listed. Fix them and run again."),
    # Referral data
    "RP101": ("Missing field", "A required field is absent. Add it; the data schema lists the fields."),
    "RP102": ("Invalid value", "A value has the wrong type, form or is not one of the allowed values."),
    "RP103": ("Unknown field", "A field the schema does not define, often a typo. Rename or remove it."),
    "RP104": ("Undefined reference", "An id names a record that is not defined (organization, "
                                     "location, concern, service type). Fix the id or add the record."),
    "RP105": ("Duplicate id", "Two records of the same kind share an id. Ids must be unique per kind."),
    "RP106": ("Pathway gap", "Warning: a pathway step refers to a service type that has no active "
                             "service in a location. Add a service or accept the gap knowingly."),
    "RP107": ("Invalid phone number", "The number is not valid for the portal's country. Write it "
                                      "in international form, e.g. +880 1700-000001."),
    "RP108": ("Invalid e-mail address", "The address is malformed or outside the allowed domains."),
    "RP109": ("Age range upside down", "age_min is greater than age_max."),
    "RP110": ("Invalid or future date", "A date is not a real calendar date, or lies in the future."),
    "RP111": ("Missing English text", "Reader-facing text needs an English (en) version; other "
                                      "languages fall back to it."),
    "RP112": ("Verification overdue", "last_verified is older than review_every_days. Verify the "
                                      "service and update the date. Warning in preview, error in "
                                      "a release."),
    "RP113": ("Concern without pathway", "Warning: a concern has no pathway, so its pages show no "
                                         "steps."),
    "RP114": ("Opening hours reversed", "hours.close is not after hours.open."),
    "RP115": ("Location parent loop", "A location is its own parent or ancestor; the chain of "
                                      "parents must end at a location with no parent."),
    "RP116": ("Unknown language", "Text is given in a language code the portal does not have "
                                  "(bd: for bn:). Use one of the portal's languages."),
    "RP117": ("Blank or over-long text", "A text holds no visible character (spaces or "
                                         "zero-width characters only), or is longer than the "
                                         "limit (200 characters for names and labels, 5,000 "
                                         "otherwise)."),
    # Spreadsheets of the referral data (python -m cpportal spreadsheet import)
    "SS101": ("Spreadsheet layout", "A sheet or a column header the import needs is missing or "
                                    "renamed. Export a fresh spreadsheet and copy your rows "
                                    "into it."),
    # Guidance documents (front matter)
    "DC101": ("Missing document field", "A guidance document lacks one of status, owner, "
                                        "endorsed_by, endorsed_on, review_due, doc_version."),
    "DC102": ("Unknown status", "status must be draft, under_review, endorsed or superseded."),
    "DC103": ("Invalid document date", "endorsed_on or review_due is not a YYYY-MM-DD date, or "
                                       "endorsed_on lies in the future."),
    "DC104": ("Endorsement incomplete", "An endorsed document names no endorsing body or date."),
    "DC105": ("Review overdue", "Warning: review_due has passed; review the document and set a "
                                "new date. An error in a release."),
    # Contributed Markdown (content check)
    "CT101": ("Unsafe element", "Raw <script>, <iframe>, <object>, <embed>, <style>, <form> and "
                                "similar elements are refused in pages. Remove them."),
    "CT102": ("Event handler", "Inline event handler attributes (onclick=, onerror=, ...) are "
                               "refused. Remove them."),
    "CT103": ("Script or data URL", "Links and sources may not use javascript:, vbscript: or "
                                    "data: URLs. Link to a page, a file, or an https:// address."),
    "CT104": ("Embedded from another host", "Images and embeds must be files of the portal "
                                            "(the site loads nothing from other hosts). Put the "
                                            "file in docs/ and use a relative path."),
    "CT105": ("E-mail address not from the data", "A page quotes an address outside the domains "
                                                  "the data uses, or of a record this build "
                                                  "leaves out. Remove it."),
    "CT106": ("Phone number not from the data", "A page quotes a number that no published "
                                                "service holds; personal numbers must never be "
                                                "published. Link to the service instead."),
    # The built site
    "ST101": ("Broken link", "A built page links to a page or file the site does not contain."),
    "ST102": ("Missing anchor", "A built page links to an anchor its target page does not have."),
    "ST103": ("Withheld record published", "The public build contains a partners-only record. "
                                           "Nothing is published until the cause is fixed."),
    "ST104": ("Foreign e-mail address published", "The built site holds an e-mail address "
                                                  "outside the domains of the data."),
    "ST105": ("Active content in a page", "A page's content holds a script, frame, embed or "
                                          "event handler, which generated text let in. Nothing "
                                          "is published until it is escaped."),
    # Releases
    "RL101": ("Bad version name", "Versions are named YEAR.NUMBER, for example 2026.1."),
    "RL102": ("Version already published", "Published versions are never overwritten; use the "
                                           "next number."),
    "RL103": ("Demonstration data", "A release refuses data marked demo: true (fictional "
                                    "contacts)."),
    "RL104": ("Unendorsed document", "A draft or document under review blocks a release unless "
                                     "--allow-drafts is given; it is then bannered."),
    "RL105": ("Release build failed", "The release build stopped; its output says why."),
}



def table() -> str:
    """The catalogue as a Markdown table, for the error-code page."""
    rows = ["| Code | Problem | What it means and how to fix it |", "| --- | --- | --- |"]
    # escaped: a meaning names elements such as <script>, which would otherwise open one
    rows += [f"| `{code}` | {escape(title, quote=False)} | {escape(meaning, quote=False)} |"
             for code, (title, meaning) in CODES.items()]
    return "\n".join(rows)
