"""The Annex I threshold test, as pure functions: the one specification of the calculator's rules.

overrides/assets/javascripts/calculator.js implements the same rules for the browser, on the same data
(calculator/annex1.json); tests/test_calculator_browser.py checks that both give the same results.

Rules (see /work/shared/domain/annex1.yaml, general_rules):
- For each row, ratio = quantity / threshold; the threshold is reached when ratio >= 1 (Art. 1(b)).
- A named substance (Part II) uses its own threshold, even if it also falls into Part I categories
  (verified rule "Part II overrides Part I").
- A substance or mixture that is not named but falls into several Part I categories is covered by each
  of them, so the lowest of their thresholds is the first one reached (Seveso III, with which the 2015
  Annex I is aligned, writes the same rule out).
- A row without a named substance and without a category, or without a quantity, cannot be assessed.
- Answer: "yes" when at least one row reaches its threshold; otherwise "cannot tell" when a row could not
  be assessed (or nothing was entered), and "no" only when every row was assessed and none reached.
- Indicative only: the sum of all ratios, as in Seveso III's summation rule. Not a Convention rule.
Meeting the quantity test is not enough: a hazardous activity must also be capable of causing
transboundary effects (Art. 1(b), location criteria). That judgement is outside this module.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# How sure we are of a value (data/annex1.yml, `verification`). Three kinds, as a reader sees them:
# - settled: stated plainly (read in the Convention's text; or the same in the verified 2008 text and in
#   the Seveso III upper tier, with which the 2015 text is fully aligned);
# - aligned: a Seveso III value that rests on the official statement of full alignment (EU Council
#   Decision 2014/871/EU, recital 5): stated as the value, with ONE note where the table is;
# - in doubt: marked next to the value and the result.
SETTLED_TAGS = frozenset({"verified", "single_source", "same_in_2008_and_seveso3"})
ALIGNED_TAGS = frozenset({"seveso3_full_alignment"})
FIRM_TAGS = SETTLED_TAGS | ALIGNED_TAGS          # no warning next to a value or result
KNOWN_TAGS = (
    "verified",
    "single_source",
    "same_in_2008_and_seveso3",
    "seveso3_full_alignment",
    "inferred_UNVERIFIED",
    "UNVERIFIED",
)

# The overall answer of the quantity test.
YES, NO, CANNOT_TELL = "yes", "no", "cannot_tell"

# Rule names, shared with the browser script and the UI strings (calc_rule_<name>).
NAMED = "named"                          # Part II substance, no category given
NAMED_OVER_CATEGORY = "named_over_category"  # Part II substance; the categories given are ignored
CATEGORY = "category"                    # one Part I category
LOWEST_CATEGORY = "lowest_category"      # several Part I categories: the lowest threshold (our reading)
UNKNOWN = "unknown"                      # neither a named substance nor a category: not assessed
NO_QUANTITY = "no_quantity"              # no usable quantity: not assessed

# How sure we are of each rule: the override rule was read in the Convention texts; the others follow
# from Art. 1(b) itself.
RULE_VERIFICATION = {NAMED: None, NAMED_OVER_CATEGORY: "verified", CATEGORY: None,
                     LOWEST_CATEGORY: None, UNKNOWN: None, NO_QUANTITY: None}


@dataclass(frozen=True)
class Entry:
    """One Annex I entry of one version: a Part I category or a Part II named substance."""

    id: str
    part: int                       # 1 = category, 2 = named substance
    threshold_t: float
    verification: str
    labels: tuple[str, ...] = ()    # the entry's name in each language, in the order of languages.LANGUAGES
    synonyms: tuple[str, ...] = ()  # other names a reader may type (data/annex1.yml, `synonyms`), any language
    cas: tuple[str, ...] = ()
    presence: str | None = None     # tag of whether the Convention has the entry at all, when in doubt


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
    presence: str | None = None     # tag of the entry's presence in the Convention, when in doubt

    @property
    def assessed(self) -> bool:
        return self.ratio is not None

    @property
    def settled(self) -> bool:
        """Whether this result rests only on values and rules that may be stated as settled."""
        return (self.verification in FIRM_TAGS
                and (self.rule_verification is None or self.rule_verification in SETTLED_TAGS)
                and (self.presence is None or self.presence in SETTLED_TAGS))


@dataclass(frozen=True)
class Assessment:
    rows: tuple[RowResult, ...]
    answer: str                     # YES, NO or CANNOT_TELL
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
    return RowResult(rule, entry.id, entry.threshold_t, ratio, ratio >= 1, entry.verification, RULE_VERIFICATION[rule],
                     entry.presence)


def assess(rows: Iterable[Row], table: Table) -> Assessment:
    results = tuple(assess_row(row, table) for row in rows)
    assessed = [result for result in results if result.assessed]
    total = 0.0
    for result in assessed:       # left to right, like the browser, so both sums are the same float
        total += result.ratio
    verdict = any(result.reached for result in assessed)
    return Assessment(
        rows=results,
        answer=YES if verdict else (CANNOT_TELL if len(assessed) < len(results) or not results else NO),
        verdict=verdict,
        verdict_settled=any(result.reached and result.settled for result in assessed),
        sum_of_ratios=total,
        sum_reaches_one=total >= 1,
        unassessed=len(results) - len(assessed),
        unsettled=sum(1 for result in assessed if not result.settled),
    )


QUERY_LIMIT = 200      # characters of a query that are read; the rest is ignored


def normalise(text: str) -> str:
    """The form in which names are compared: lower case, ё = е, every run of characters that are not
    letters or digits (spaces, hyphens, commas, brackets) one space. Mirrored in calculator.js."""
    text = str(text or "")[:QUERY_LIMIT].lower().replace("ё", "е")
    return re.sub(r"[\W_]+", " ", text).strip()


def keys_of(entry: Entry) -> list[str]:
    """The normalised texts a query is compared with: names, synonyms, CAS numbers, listing texts."""
    texts = [*entry.labels, *entry.synonyms, *entry.cas, *option_texts(entry.labels, entry.cas)]
    return [key for key in (normalise(text) for text in texts) if key]


def match_rank(query: str, key: str) -> int | None:
    """0: the whole name; 1: the name starts with the query; 2: a word of the name does; 3: the name
    contains it (queries of three characters or more). None: no match."""
    if key == query:
        return 0
    if key.startswith(query):
        return 1
    if (" " + key).find(" " + query) >= 0:
        return 2
    if len(query) >= 3 and query in key:
        return 3
    return None


def suggest(query: str, substances: Sequence[Entry] | Mapping[str, Entry], limit: int = 8) -> list[str]:
    """Ids of the named substances that match a query, best first (rank, then the Annex's order)."""
    wanted = normalise(query)
    if not wanted:
        return []
    ranked = []
    for index, entry in enumerate(_entries(substances)):
        ranks = [rank for rank in (match_rank(wanted, key) for key in keys_of(entry)) if rank is not None]
        if ranks:
            ranked.append((min(ranks), index, entry.id))
    return [entry_id for _, _, entry_id in sorted(ranked)][:limit]


def find_substance(query: str, substances: Sequence[Entry] | Mapping[str, Entry]) -> str | None:
    """Id of the one named substance a reader means: the only entry whose name, synonym, CAS number or
    listing text is exactly `query` (ignoring case, spaces and punctuation), or else the only entry with a
    name that starts with it or has a word that starts with it. None when nothing or several match."""
    wanted = normalise(query)
    if not wanted:
        return None
    entries = _entries(substances)
    exact = [entry.id for entry in entries if wanted in keys_of(entry)]
    if exact:
        return exact[0] if len(set(exact)) == 1 else None
    partial = {entry.id for entry in entries
               if any(rank is not None and rank <= 2 for rank in (match_rank(wanted, key) for key in keys_of(entry)))}
    return partial.pop() if len(partial) == 1 and len(wanted) >= 3 else None


def _entries(substances: Sequence[Entry] | Mapping[str, Entry]) -> list[Entry]:
    return list(substances.values() if isinstance(substances, Mapping) else substances)


def option_texts(labels: Sequence[str], cas: Sequence[str]) -> list[str]:
    """The texts offered in the substance list for an entry, one per page language in the order of
    `labels` (that language's name first, then the others): every name and the CAS number are in the
    text, so the browser's list filter finds any of them."""
    number = f" — CAS {', '.join(cas)}" if cas else ""
    return [" / ".join([label, *(other for other in labels if other != label)]) + number for label in labels]


def table_from_json(version: Mapping) -> Table:
    """A Table from one version of the browser data (calculator/annex1.json), for tests and tools."""
    def entry(item: Mapping, part: int) -> Entry:
        return Entry(item["id"], part, float(item["threshold_t"]), item["verification"],
                     tuple(item["label"].values()), tuple(item.get("synonyms", ())), tuple(item.get("cas", ())),
                     item.get("presence_verification"))

    return Table(
        version=version["id"],
        categories={item["id"]: entry(item, 1) for item in version["categories"]},
        substances={item["id"]: entry(item, 2) for item in version["substances"]},
    )
