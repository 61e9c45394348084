"""Where other apps plug into the shell's pages, so that core never imports them (apps depend on core,
not the other way round). Each app registers in its AppConfig.ready()."""

from collections.abc import Callable

# name -> function giving the number shown on the home page under that name
HOME_COUNTERS: dict[str, Callable[[], int]] = {}


def register_home_counter(name: str, count: Callable[[], int]) -> None:
    HOME_COUNTERS[name] = count
