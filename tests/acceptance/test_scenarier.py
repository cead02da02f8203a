"""Every scenario of the feature files that judge payloads (``features/<afsnit>-*.feature`` and
``features/eksempler.feature``), on the conftest's steps.

The web pages' features (``features/sider*.feature``) have their own steps, in ``test_sider.py``.
"""

from pytest_bdd import scenarios

from tests.acceptance.skemaer import payload_features

scenarios(*(path.name for path in payload_features()))
