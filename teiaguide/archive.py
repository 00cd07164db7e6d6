"""ZIP entries that two builds of one commit write byte for byte alike (the workshop packs, the offline
bundle)."""
from __future__ import annotations

import datetime as dt
import os
import zipfile


def zip_entry(name: str) -> zipfile.ZipInfo:
    """An entry dated SOURCE_DATE_EPOCH (the last commit), not the file's mtime: two builds of one commit
    give the same ZIP bytes (reproducible builds; ZIP dates start in 1980)."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800), 315532800)
    info = zipfile.ZipInfo(name, date_time=dt.datetime.fromtimestamp(epoch, dt.timezone.utc).timetuple()[:6])
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED
    return info
