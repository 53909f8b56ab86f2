"""How every benchmark prints its figures: one Markdown table."""

COLUMNS = ("figure", "target", "measured", "stock")


def print_table(rows) -> None:
    """Print `rows` (figure, target, measured and, where it applies, stock) as a table."""
    columns = COLUMNS[:max(map(len, rows), default=3)]
    print("| " + " | ".join(columns) + " |")
    print("|" + " --- |" * len(columns))
    for row in rows:
        print("| " + " | ".join(row) + " |")
