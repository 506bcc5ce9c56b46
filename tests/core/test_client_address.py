"""The client's address behind the documented proxy, and the rate limits keyed on it (core/client.py)."""

import os

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from core.client import client_ip, client_key, rate_limited

RATE = "3/h"


def request_from(remote="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


# --- Which address -------------------------------------------------------------------------------
def test_without_a_proxy_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_is_taken(settings):
    settings.PROXY_COUNT = 1
    # The client wrote « 1.1.1.1 » itself; the proxy appended the address it saw.
    assert client_ip(request_from("10.0.0.2", forwarded="1.1.1.1, 198.51.100.9")) == "198.51.100.9"
    assert client_ip(request_from("10.0.0.2", forwarded="198.51.100.9")) == "198.51.100.9"


def test_behind_two_proxies_the_second_entry_from_the_right_is_taken(settings):
    settings.PROXY_COUNT = 2
    request = request_from("10.0.0.3", forwarded="1.1.1.1, 198.51.100.9, 10.0.0.2")
    assert client_ip(request) == "198.51.100.9"


def test_a_header_shorter_than_the_proxy_chain_or_garbled_is_not_trusted(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.3", forwarded="198.51.100.9")) == "10.0.0.3"
    assert client_ip(request_from("10.0.0.3")) == "10.0.0.3"
    settings.PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2", forwarded="pas-une-adresse")) == "10.0.0.2"
    assert client_ip(request_from("10.0.0.2", forwarded=" 2001:db8::1 ")) == "2001:db8::1"


def test_login_lock_and_rate_limits_read_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.PROXY_COUNT = 1
    request = request_from("10.0.0.2", forwarded="1.1.1.1, 198.51.100.9")
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.client.client_ip"
    assert get_client_ip_address(request) == client_ip(request) == "198.51.100.9"


# --- Counting ------------------------------------------------------------------------------------
def test_the_rate_is_counted_per_client_and_the_next_one_is_refused(settings):
    settings.PROXY_COUNT = 0
    first = request_from("203.0.113.7")
    assert [rate_limited(first, group="essai", rate=RATE) for _ in range(4)] == [False, False, False, True]
    assert rate_limited(request_from("203.0.113.8"), group="essai", rate=RATE) is False
    # Another group counts apart.
    assert rate_limited(first, group="autre", rate=RATE) is False


def test_asking_without_counting_says_whether_the_rate_is_used_up():
    request = request_from("203.0.113.7")
    for _ in range(3):
        assert rate_limited(request, group="essai", rate=RATE, count=False) is False
        rate_limited(request, group="essai", rate=RATE)
    assert rate_limited(request, group="essai", rate=RATE, count=False) is True


def test_an_ipv6_client_counts_as_its_whole_slash_64():
    one = request_from("2001:db8:1:2::1")
    other_in_the_same_64 = request_from("2001:db8:1:2:ffff::9")
    other_network = request_from("2001:db8:1:3::1")
    assert client_key("g", one) == client_key("g", other_in_the_same_64) != client_key("g", other_network)


def test_the_cache_never_holds_the_address_in_clear():
    cache = caches["default"]
    cache.clear()
    rate_limited(request_from("203.0.113.77"), group="essai", rate=RATE)
    stored = list(cache._cache.items())  # the in-memory cache of the tests
    assert stored, "the count was not stored"
    assert not any("203.0.113.77" in str(key) or b"203.0.113.77" in value for key, value in stored)


def test_a_cache_that_does_not_answer_limits_nothing(settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }  # nothing listens there
    assert rate_limited(request_from(), group="essai", rate=RATE) is False
    assert "not checked" in caplog.text


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs the Redis of scripts/services.sh")
def test_on_redis_the_count_is_shared_and_refuses_past_the_rate(settings):
    """Production counts in Django's own Redis backend (django-ratelimit names memcached and
    django-redis; Django's backend increments atomically too): the count is kept there."""
    location = os.environ["TEST_REDIS_URL"].rsplit("/", 1)[0] + "/4"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    caches["default"].clear()
    request = request_from("203.0.113.7")
    assert [rate_limited(request, group="essai", rate=RATE) for _ in range(4)] == [False, False, False, True]
    import redis

    keys = redis.Redis.from_url(location).keys("*")
    assert keys and not any(b"203.0.113.7" in key for key in keys)
    caches["default"].clear()
