"""Generator of the bilingual Implementation Guide site (UNECE Industrial Accidents Convention, Central Asia)."""
