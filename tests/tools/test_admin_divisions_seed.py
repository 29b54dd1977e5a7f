"""The admin-division seed generator: short names by the seed's rule, the hierarchy from the codes, the
hand-written rows kept, the changes after the code list's date applied — on generated code lists — and
the committed seed regenerated unchanged from its own codes."""

import csv
from pathlib import Path

import pytest

from tools.admin_divisions_seed import COLUMNS, SEED, main, short_name

HEADER = "adcode,name,longitude,latitude\n"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("满城区", "满城"),
        ("孝义市", "孝义"),
        ("浦东新区", "浦东"),
        ("神农架林区", "神农架"),
        ("清新区", "清新"),  # 新 is part of the name when 新区 would leave one character
        ("西林区", "西林"),
        ("六枝特区", "六枝"),
        ("镶黄旗", "镶黄"),
        ("保亭黎族苗族自治县", "保亭"),
        ("积石山保安族东乡族撒拉族自治县", "积石山"),
        ("塔什库尔干塔吉克自治县", "塔什库尔干"),
        ("隆林各族自治县", "隆林"),
        ("黔东南苗族侗族自治州", "黔东南"),
        # none: one character would remain, the people is the name, the side of a banner is the name
        ("云县", ""),
        ("城区", ""),
        ("矿区", ""),
        ("东乡族自治县", ""),
        ("鄂伦春自治旗", ""),
        ("阿拉善左旗", ""),
    ],
)
def test_short_names_follow_the_seeds_rule(name, short):
    assert short_name(name) == short


def _codes(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "adcodes.csv"
    path.write_text(HEADER + "".join(f"{code}000000,{name},0,0\n" for code, name in rows), encoding="utf-8")
    return path


def _seed(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "admin_divisions.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[1:], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _hand_row(province, city, county, level, name, short, former="", notes=""):
    return dict(
        province=province, city=city, county=county, admin_level=level, name=name,
        short_name=short, former_names=former, notes=notes,
    )  # fmt: skip


def _read(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["division_code"]: row for row in csv.DictReader(handle)}


def test_the_hierarchy_comes_from_the_codes_and_the_hand_written_rows_are_kept(tmp_path):
    codes = _codes(
        tmp_path,
        [
            ("310000", "上海市"), ("310100", "市辖区"), ("310107", "普陀区"),
            ("330000", "浙江省"), ("330900", "舟山市"), ("330903", "普陀区"),
            ("420000", "湖北省"), ("429000", "省直辖县级行政区划"), ("429004", "仙桃市"),
            ("540000", "西藏自治区"), ("542400", "那曲地区"), ("542421", "那曲县"), ("542431", "双湖县"),
            ("430000", "湖南省"), ("431100", "永州市"), ("431121", "祁阳县"),
        ],
    )  # fmt: skip
    hand = [
        _hand_row("上海市", "上海市", "", "province", "上海市", "上海", notes="直辖市: city = the municipality itself"),
        _hand_row("西藏自治区", "那曲市", "", "city", "那曲市", "那曲", former="那曲地区"),
        _hand_row("湖南省", "永州市", "祁阳市", "county", "祁阳市", "", former="祁阳县"),
    ]
    seed = _seed(tmp_path, hand)
    assert main([str(codes), "--seed", str(seed)]) == 0
    rows = _read(seed)
    assert "310100" not in rows and "429000" not in rows  # placeholders are no divisions
    placed = {code: (row["city"], row["county"], row["short_name"]) for code, row in rows.items()}
    assert (
        placed.items()
        >= {
            "310107": ("上海市", "普陀区", "普陀"),  # a 直辖市's district: city is the municipality
            "330903": ("舟山市", "普陀区", "普陀"),
            "429004": ("", "仙桃市", "仙桃"),  # directly under its province
            "540602": ("那曲市", "色尼区", "色尼"),  # renamed and renumbered after the list's date
            "540630": ("那曲市", "双湖县", "双湖"),
            "431181": ("永州市", "祁阳市", "祁阳"),  # hand-written, its short name filled in
        }.items()
    )
    assert rows["540600"]["former_names"] == "那曲地区" and rows["540602"]["former_names"] == "那曲县"
    assert rows["310000"]["notes"] == hand[0]["notes"] and rows["429004"]["notes"].startswith("省直辖")
    assert list(rows) == sorted(rows)


def test_a_hand_written_row_missing_from_the_list_stops_the_tool(tmp_path, capsys):
    codes = _codes(tmp_path, [("330000", "浙江省")])
    seed = _seed(tmp_path, [_hand_row("浙江省", "杭州市", "", "city", "杭州市", "杭州")])
    before = seed.read_text(encoding="utf-8")
    assert main([str(codes), "--seed", str(seed)]) == 1
    assert "杭州市" in capsys.readouterr().err and seed.read_text(encoding="utf-8") == before


def test_the_committed_seed_is_regenerated_unchanged_from_its_own_codes(tmp_path):
    committed = _read(SEED)
    codes = _codes(tmp_path, [(code, row["name"]) for code, row in committed.items()])
    seed = tmp_path / "admin_divisions.csv"
    seed.write_bytes(SEED.read_bytes())
    assert main([str(codes), "--seed", str(seed)]) == 0
    assert seed.read_bytes() == SEED.read_bytes()
