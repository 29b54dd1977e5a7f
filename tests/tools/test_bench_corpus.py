"""The benchmark's synthetic documents: each variant lies in its own place's division."""

from tools.bench_corpus import SAMPLE_CITIES, SAMPLE_PLACES, place_cities, place_names, text_variant

BAODING_SAMPLE = "001_95ce8eaf8f51288c.txt"


def _variant_of(sample: str, ordinal: int) -> tuple[str, str]:
    places = place_names()
    index = sorted(SAMPLE_PLACES).index(sample) + 5 * ordinal
    return places[ordinal % len(places)], text_variant(index, places)[1]


def test_a_variant_names_its_places_city_where_the_sample_names_its_own():
    place, content = _variant_of(BAODING_SAMPLE, 1)
    city = place_cities()[place]
    assert city != SAMPLE_CITIES[BAODING_SAMPLE]
    assert f"中共{city}{place}区委网络安全和信息化委员会办公室" in content
    assert "保定" not in content and "满城" not in content


def test_variants_of_one_sample_spread_over_many_cities():
    cities = {place_cities().get(_variant_of(BAODING_SAMPLE, ordinal)[0]) for ordinal in range(200)}
    assert len(cities) > 50


def test_place_cities_come_from_the_division_seed():
    assert place_cities()["竞秀"] == "保定市"
    assert place_cities()["丁青"] == "昌都市"
