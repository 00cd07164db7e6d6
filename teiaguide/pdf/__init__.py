"""The guide's PDFs, exported from the BUILT site (WeasyPrint + pypdf), fed by the site records.

    site records (records/<lang>.json: nav order, pending pages, UI strings, site facts, stylesheets)
      │
      ▼
    pages.py   pages in nav order + appendices; each built article made printable (ids, links)
      │
      ▼
    guide.py   parts of a few pages ─► render.py: each part to PDF on a worker, 2 at a time,
      │                                 or reused from cache.py (keyed by a hash of its inputs)
      │        cover + table of contents and "page x of y" stamps, with the final page numbers
      ▼
    merge.py   parts merged, page numbers stamped, links resolved, metadata set
    single.py  one page as its own PDF (handouts, blank form)      styles.py  the CSS of every document

Why parts: WeasyPrint on one 300-page document is slow and holds the whole layout in memory (~1 GB);
parts render in parallel on both cores and each worker's memory goes back to the system when it ends.
The workers start from a forkserver that has imported WeasyPrint, so none imports it again, and its
temporary files stay in the export's scratch folder. The table of contents is rendered last, so its
page numbers come from where the headings actually landed in the parts, not from a second layout pass.
And a part whose inputs did not change is not rendered again: a rebuild after one chapter changed
renders that part (and what moved with it) and merges.
"""
from .guide import Export, export_guide
from .single import export_page

__all__ = ["Export", "export_guide", "export_page"]
