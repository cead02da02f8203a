"""Every scenario of the manual's feature files (``features/<afsnit>-*.feature``), on the conftest's steps.

The web pages' features (``features/sider*.feature``) have their own step definitions elsewhere.
"""

from pytest_bdd import scenarios

from tests.acceptance.skemaer import FEATURES

FEATURE_FILES = sorted(path.name for path in FEATURES.glob("[0-9]*.feature"))

scenarios(*FEATURE_FILES)
