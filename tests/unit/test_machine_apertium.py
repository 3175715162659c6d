"""The real apertium-apy, started through the desk's loopback launcher."""

import socket
from urllib.parse import urlsplit

import httpx
import pytest

from tests.machine_servers import apertium_url  # noqa: F401 - the session fixture
from translate_flow.machine.calling import translate
from translate_flow.machine.circuit import CircuitBoard
from translate_flow.machine.engine import EngineSettings, MachineError
from translate_flow.machine.engines.apertium import ApertiumEngine


@pytest.fixture
def apertium(apertium_url):  # noqa: F811
    with httpx.Client() as http:
        yield ApertiumEngine(EngineSettings("apertium", apertium_url), http)


def test_a_spanish_sentence_comes_back_in_english_with_its_placeholders(apertium):
    [english] = translate(
        apertium,
        ["El {1}gobierno{/1} anunció ayer nuevas medidas.{3/}Más en https://example.com/nota."],
        "es",
        "en",
        circuits=CircuitBoard(),
    )
    assert english == (
        "The {1}government{/1} announced yesterday new measures.{3/}More in https://example.com/nota."
    )


def test_handles_and_addresses_are_not_translated(apertium):
    [english] = translate(
        apertium,
        ["Escribe a @periodista o a ana@example.org."],
        "es",
        "en",
        circuits=CircuitBoard(),
    )
    assert "@periodista" in english
    assert "ana@example.org" in english


def test_the_installed_pairs_are_read_in_desk_codes(apertium):
    pairs = apertium.supported_pairs()
    assert ("es", "en") in pairs
    assert ("en", "es") in pairs
    assert ("es", "en-US") in pairs


def test_a_pair_apertium_lacks_is_refused(apertium):
    with pytest.raises(MachineError) as raised:
        translate(apertium, ["hola"], "es", "ja", circuits=CircuitBoard())
    assert raised.value.kind == "refused"


def test_the_launcher_listens_on_loopback_only(apertium_url):  # noqa: F811
    port = urlsplit(apertium_url).port
    other_addresses = {address for address in _own_addresses() if not address.startswith("127.")}
    if not other_addresses:
        pytest.skip("this machine has no address but loopback to probe")
    for address in other_addresses:
        with socket.socket() as probe:
            probe.settimeout(1)
            assert probe.connect_ex((address, port)) != 0, f"APY answers on {address}"
    assert httpx.get(f"{apertium_url}/listPairs").status_code == 200


def _own_addresses() -> set[str]:
    """This machine's IPv4 addresses: the host name's, and the one a route out would use."""
    addresses = {
        str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    }
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.connect(("192.0.2.1", 9))  # no packet leaves: connect() on UDP only picks a route
            addresses.add(udp.getsockname()[0])
        except OSError:
            pass
    return addresses
