"""The app's translated choices and the engine's enums name the same values.

The engine may not import Django, so the vocabulary is declared twice; the app passes the
values through unchanged, which only works while the two sets stay equal.
"""

import pytest

from media_pipeline import models
from media_pipeline.engine import types


@pytest.mark.parametrize("name", ["Projection", "StereoMode", "AudioLayout"])
def test_the_app_choices_and_the_engine_enum_have_the_same_values(name):
    app_values = {choice.value for choice in getattr(models, name)}
    engine_values = {member.value for member in getattr(types, name)}

    assert app_values == engine_values
