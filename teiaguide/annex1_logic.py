"""The Annex I threshold test, as pure functions: the one specification of the calculator's rules.

overrides/assets/javascripts/calculator.js implements the same rules for the browser, on the same data
(calculator/annex1.json); tests/test_calculator_browser.py checks that both give the same results.

Rules (see /work/shared/domain/annex1.yaml, general_rules):
- For each row, ratio = quantity / threshold; the threshold is reached when ratio >= 1 (Art. 1(b)).
- A named substance (Part II) uses its own threshold, even if it also falls into Part I categories
  (verified rule "Part II overrides Part I").
- A substance or mixture that is not named but falls into several Part I categories takes the lowest of
  their thresholds. This is our reading (Seveso III says so; the Convention's wording is UNVERIFIED).
- A row without a named substance and without a category cannot be assessed ("unknown").
- Verdict: the Annex I quantity test is met when at least one row reaches its threshold.
- Indicative only: the sum of all ratios, as in Seveso III's summation rule. Not a Convention rule.
Meeting the quantity test is not enough: a hazardous activity must also be capable of causing
transboundary effects (Art. 1(b), location criteria). That judgement is outside this module.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Values with these tags may be stated as they are; every other tag is shown as "not confirmed".
SETTLED_TAGS = frozenset({"verified", "single_source"})
KNOWN_TAGS = (
    "verified",
    "single_source",
    "v2008_verified_v2015_probable",
    "seveso_value_verified_convention_inferred",
    "inferred_UNVERIFIED",
    "UNVERIFIED",
)

# Rule names, shared with the browser script and the UI strings (calc_rule_<name>).
NAMED = "named"                          # Part II substance, no category given
NAMED_OVER_CATEGORY = "named_over_category"  # Part II substance; the categories given are ignored
CATEGORY = "category"                    # one Part I category
LOWEST_CATEGORY = "lowest_category"      # several Part I categories: the lowest threshold (our reading)
UNKNOWN = "unknown"                      # neither a named substance nor a category: not assessed
NO_QUANTITY = "no_quantity"              # no usable quantity: not assessed

# How sure we are of each rule: the override rule was read in the Convention texts; "lowest" was not.
RULE_VERIFICATION = {NAMED: None, NAMED_OVER_CATEGORY: "verified", CATEGORY: None,
                     LOWEST_CATEGORY: "UNVERIFIED", UNKNOWN: None, NO_QUANTITY: None}


@dataclass(frozen=True)
class Entry:
    """One Annex I entry of one version: a Part I category or a Part II named substance."""

    id: str
    part: int                       # 1 = category, 2 = named substance
    threshold_t: float
    verification: str
    label_en: str = ""
    label_ru: str = ""
    cas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """The entries of one version of Annex I, in the Annex's order."""

    version: str
    categories: Mapping[str, Entry]
    substances: Mapping[str, Entry]


@dataclass(frozen=True)
class Row:
    """What the reader entered: a named substance (id) and/or Part I categories (ids), and a quantity."""

    quantity_t: float | None
    substance: str | None = None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowResult:
    rule: str
    entry: str | None               # id of the entry whose threshold applies
    threshold_t: float | None
    ratio: float | None
    reached: bool
    verification: str | None        # tag of the threshold value used
    rule_verification: str | None   # tag of the rule itself, when it matters

    @property
    def assessed(self) -> bool:
        return self.ratio is not None

    @property
    def settled(self) -> bool:
        """Whether this result rests only on values and rules that may be stated as settled."""
        return (self.verification in SETTLED_TAGS) and self.rule_verification in (None, "verified")


@dataclass(frozen=True)
class Assessment:
    rows: tuple[RowResult, ...]
    verdict: bool                   # at least one threshold reached
    verdict_settled: bool           # ... by a row that rests on settled values only
    sum_of_ratios: float            # indicative, Seveso-style; not a Convention rule
    sum_reaches_one: bool
    unassessed: int                 # rows that could not be assessed (unknown substance, no quantity)
    unsettled: int                  # assessed rows resting on a value or rule not confirmed


def usable_quantity(quantity: float | None) -> bool:
    return quantity is not None and not isinstance(quantity, bool) and math.isfinite(quantity) and quantity >= 0


def assess_row(row: Row, table: Table) -> RowResult:
    if not usable_quantity(row.quantity_t):
        return RowResult(NO_QUANTITY, None, None, None, False, None, None)
    named = table.substances.get(row.substance) if row.substance else None
    categories = [table.categories[cat] for cat in row.categories if cat in table.categories]
    if named is not None:
        rule = NAMED_OVER_CATEGORY if categories else NAMED
        entry = named
    elif categories:
        rule = LOWEST_CATEGORY if len(categories) > 1 else CATEGORY
        # the lowest threshold governs; on a tie, the first of the categories given (the page gives them
        # in the Annex's order)
        entry = min(categories, key=lambda cat: cat.threshold_t)
    else:
        return RowResult(UNKNOWN, None, None, None, False, None, None)
    ratio = row.quantity_t / entry.threshold_t
    return RowResult(rule, entry.id, entry.threshold_t, ratio, ratio >= 1, entry.verification, RULE_VERIFICATION[rule])


def assess(rows: Iterable[Row], table: Table) -> Assessment:
    results = tuple(assess_row(row, table) for row in rows)
    assessed = [result for result in results if result.assessed]
    total = 0.0
    for result in assessed:       # left to right, like the browser, so both sums are the same float
        total += result.ratio
    return Assessment(
        rows=results,
        verdict=any(result.reached for result in assessed),
        verdict_settled=any(result.reached and result.settled for result in assessed),
        sum_of_ratios=total,
        sum_reaches_one=total >= 1,
        unassessed=len(results) - len(assessed),
        unsettled=sum(1 for result in assessed if not result.settled),
    )


def normalise(text: str) -> str:
    """Case- and space-insensitive form used to match what the reader typed (ё = е in Russian)."""
    return re.sub(r"\s+", " ", text.strip().lower().replace("ё", "е"))


def find_substance(query: str, substances: Sequence[Entry] | Mapping[str, Entry]) -> str | None:
    """Id of the named substance whose English name, Russian name or CAS number is exactly `query`
    (ignoring case and spaces), or whose listing text "<name> — CAS" the reader picked; None otherwise."""
    wanted = normalise(query or "")
    if not wanted:
        return None
    entries = substances.values() if isinstance(substances, Mapping) else substances
    for entry in entries:
        keys = {normalise(entry.label_en), normalise(entry.label_ru), *(normalise(cas) for cas in entry.cas)}
        keys |= {normalise(option) for option in option_texts(entry.label_en, entry.label_ru, entry.cas)}
        if wanted in keys:
            return entry.id
    return None


def option_texts(label_en: str, label_ru: str, cas: Sequence[str]) -> list[str]:
    """The texts offered in the substance list for an entry: English page first, then Russian page. Both
    names and the CAS number are in the text, so the browser's list filter finds any of them."""
    number = f" — CAS {', '.join(cas)}" if cas else ""
    return [f"{label_en} / {label_ru}{number}", f"{label_ru} / {label_en}{number}"]


def table_from_json(version: Mapping) -> Table:
    """A Table from one version of the browser data (calculator/annex1.json), for tests and tools."""
    def entry(item: Mapping, part: int) -> Entry:
        return Entry(item["id"], part, float(item["threshold_t"]), item["verification"],
                     item["label"]["en"], item["label"]["ru"], tuple(item.get("cas", ())))

    return Table(
        version=version["id"],
        categories={item["id"]: entry(item, 1) for item in version["categories"]},
        substances={item["id"]: entry(item, 2) for item in version["substances"]},
    )
