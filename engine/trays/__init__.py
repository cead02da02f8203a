"""Stored forms in shared trays: the service layer the web pages and the command line call, above the store.

    Trays(store, workflows)                                   service.py   the service
      .create / .open / .save / .perform / .look_up_cpr       service.py   one form (F01–F03, W01–W11)
      .move / .audit                                          service.py   an administrator's (F02)
      .tray / .counters / .forms / .search_cpr                lists.py     lists (T02–T06, A06, A05)
    Actor.of(user, {group: roles}, administrator, client)     actor.py     who acts
    StoredForm, Done, LookedUp, Page, ListRow, NotFound …     views.py     what the service answers
    unusable / stored_payload / locked_after                  payloads.py  what may be stored (W06 locks)
    changes(form, old, new, withheld)                         audit.py     what the audit keeps of a change
    export_lines(store, since)                                export.py    what the registry receives

Every method takes the acting user, and a form of a group the user is not a member of is ``NotFound``.
Decisions are the workflow engine's (``engine.workflow``); Danish texts come from the form's spec.
"""

from engine.trays.actor import Actor
from engine.trays.export import export_lines, version_json
from engine.trays.service import Trays
from engine.trays.views import (
    Done,
    ListRow,
    LookedUp,
    NotACprNumber,
    NotFound,
    Page,
    StoredForm,
    TrayCount,
)

__all__ = [
    "Actor",
    "Done",
    "ListRow",
    "LookedUp",
    "NotACprNumber",
    "NotFound",
    "Page",
    "StoredForm",
    "TrayCount",
    "Trays",
    "export_lines",
    "version_json",
]
