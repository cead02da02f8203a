"""Code lists: the files in `codelists/`, code patterns for rules, and importers (imports only the stdlib).

read_codelist(path) -> CodeList            csvfile.py      the one storage format
write_codelist(codes, path)                csvfile.py      atomic
compile_patterns(patterns) -> CodeMatcher  patterns.py     "DC00*-DC69*", "DC884", …
import_codelist(source, target)            importer.py     code;text exports (CSV, TSV)
import_sks(source, target, prefix=…)       importer.py     SKScomplete.txt, via skscomplete.py
"""

from engine.codelists.csvfile import read_codelist, write_codelist
from engine.codelists.importer import ImportReport, import_codelist, import_sks, looks_like_skscomplete
from engine.codelists.list_problems import CodeListError, CodeListProblem, PatternError, PatternProblem
from engine.codelists.model import Code, CodeList
from engine.codelists.patterns import CodeMatcher, compile_patterns

__all__ = [
    "Code",
    "CodeList",
    "CodeListError",
    "CodeListProblem",
    "CodeMatcher",
    "ImportReport",
    "PatternError",
    "PatternProblem",
    "compile_patterns",
    "import_codelist",
    "import_sks",
    "looks_like_skscomplete",
    "read_codelist",
    "write_codelist",
]
