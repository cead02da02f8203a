"""A compiled form: load the spec, compile its rules once, judge payloads."""

from engine.form.compiled import CompiledForm
from engine.form.load import FormUnreadable, SpecError, default_form_path, lint_form, load_form
from engine.form.result import Finding, Result
from engine.form.validate import validate

__all__ = [
    "CompiledForm",
    "Finding",
    "FormUnreadable",
    "Result",
    "SpecError",
    "default_form_path",
    "lint_form",
    "load_form",
    "validate",
]
