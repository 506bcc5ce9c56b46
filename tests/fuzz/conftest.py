"""The fuzz tests reuse the permission matrix's data set (one per module, rolled back).

Examples per form: FUZZ_EXAMPLES (default 5). Runs are reproducible (a seed per form);
FUZZ_RANDOM=1 draws new examples each run, to look further when there is time.
"""

import os
import zlib

from hypothesis import HealthCheck, Phase, seed, settings

from tests.permissions.conftest import _media_root, dataset, media_dir  # noqa: F401

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"

settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout
    derandomize=False,
    print_blob=False,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FUZZ = settings.get_profile("fuzz")


def seeded(name: str):
    """A fixed seed per form (CI is reproducible), unless FUZZ_RANDOM=1."""
    if RANDOM:
        return lambda f: f
    return seed(zlib.crc32(name.encode()))
