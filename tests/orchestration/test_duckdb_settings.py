"""The orchestration's DuckDB connections carry an explicit memory limit and a spill folder next to the file."""

import duckdb

from orchestration.duckdb_settings import DEFAULT_MEMORY_LIMIT, MEMORY_LIMIT_VARIABLE, connect, settings


def _setting(connection, name: str) -> str:
    return connection.execute("select current_setting(?)", [name]).fetchone()[0]


def test_a_connection_has_the_default_limit_and_spills_next_to_the_warehouse(tmp_path, monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_VARIABLE, raising=False)
    database = tmp_path / "w.duckdb"
    duckdb.connect(str(database)).close()
    with connect(database) as connection:
        assert DEFAULT_MEMORY_LIMIT == "512MB"
        assert _setting(connection, "memory_limit") == "488.2 MiB"  # 512 MB in DuckDB's binary units
        assert _setting(connection, "temp_directory") == f"{database}.tmp"
        assert _setting(connection, "preserve_insertion_order") is True  # the exports keep the marts' row order


def test_the_limit_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, "1GB")
    database = tmp_path / "w.duckdb"
    duckdb.connect(str(database)).close()
    with connect(database) as connection:
        assert _setting(connection, "memory_limit") == "953.6 MiB"


def test_an_in_memory_database_gets_no_spill_folder_of_ours(monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_VARIABLE, raising=False)
    assert settings(":memory:") == {"memory_limit": "512MB"}
    assert "temp_directory" not in settings(":memory:")
    assert "temp_directory" not in settings(None)
