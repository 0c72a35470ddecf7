"""One record contract: the dataclasses of `newsgraph.records` are the source; the Parquet schema
(`store_rows`) and the API models (`api_models`) must place every field they have (issue 16)."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from newsgraph import records
from newsgraph.api import models as api_models
from newsgraph.records import Actor, Amount, Analysis, Claim, Document, Event, Evidence, Location, Quote
from newsgraph.records import TimeExpression, Tone
from newsgraph.store.rows import RECORD_COLUMNS, SCHEMAS, TABLES, rows_for

#: each record and the pydantic model the HTTP API describes it with
MODELS = {
    "Document": api_models.DocumentModel,
    "Actor": api_models.ActorModel,
    "Quote": api_models.QuoteModel,
    "TimeExpression": api_models.DateModel,
    "Amount": api_models.AmountModel,
    "Evidence": api_models.EvidenceModel,
    "Location": api_models.LocationModel,
    "Event": api_models.EventModel,
    "Claim": api_models.ClaimModel,
    "Tone": api_models.ToneModel,
    "Analysis": api_models.AnalysisModel,
}


def record_classes() -> dict[str, type]:
    return {
        name: cls
        for name, cls in inspect.getmembers(records, inspect.isclass)
        if dataclasses.is_dataclass(cls) and cls.__module__ == records.__name__
    }


def fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]


def test_records_contract_every_record_has_columns_and_a_model() -> None:
    assert set(record_classes()) == set(RECORD_COLUMNS) == set(MODELS)


@pytest.mark.parametrize("name", sorted(RECORD_COLUMNS))
def test_records_contract_store_places_every_field(name: str) -> None:
    cls = record_classes()[name]
    placed = RECORD_COLUMNS[name]
    assert set(fields(cls)) - set(placed) == set(), f"{name}: fields the store does not place (store_rows.RECORD_COLUMNS)"
    assert set(placed) - set(fields(cls)) == set(), f"{name}: RECORD_COLUMNS names fields the record lacks"
    for field, columns in placed.items():
        for column in columns:
            table, _, name_in_table = column.partition(".")
            assert table in TABLES, f"{name}.{field}: no table {table}"
            if name_in_table:
                assert name_in_table in SCHEMAS[table].names, f"{name}.{field}: no column {column} in the schema"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_records_contract_api_model_has_the_record_fields(name: str) -> None:
    cls, model = record_classes()[name], MODELS[name]
    assert set(model.model_fields) == set(fields(cls)), f"{name}: {model.__name__} and the record differ"


def full_analysis() -> Analysis:
    """An Analysis with every field set (no defaults), so that a lost field shows."""
    text = "Russia condemned Ukraine in Kyiv on Monday, saying 100 soldiers were lost."
    document = Document("doc-1", text, "https://example.org/a", "a.txt", "Title", "By Me", "2023-05-04", "en")
    actors = (Actor("a1", "Russia", "RUS", "RUS", "GOV", "country", ((0, 6),)),
              Actor("a2", "Ukraine", "UKR", "UKR", None, "country", ((17, 24),)))  # fmt: skip
    quote = Quote("100 soldiers were lost", 52, 74, "indirect", "a1", "Russia", (0, 6), "saying", (45, 51), ((52, 55),))
    date = TimeExpression("Monday", 36, 42, "DATE", "2023-05-01", True)
    amount = Amount("100 soldiers", 52, 64, 100.0, "soldiers", "a1", True)
    location = Location("Kyiv", "UKR", 50.45, 30.52, "geonames:703448", 28, 32)
    event = Event("a1", "a2", "111", "Criticize or denounce", 3, -2.0, "asserted", "2023-05-01", Evidence(0, 24), 0.8,
                  location)  # fmt: skip
    claim = Claim(Evidence(52, 74), "a1", ("a2",), 100.0)
    return Analysis(document, actors, (quote,), (date,), (amount,), (event,), (claim,), Tone(0.1, 0.2, -0.1))


def test_records_contract_api_model_round_trips_an_analysis() -> None:
    data = full_analysis().to_dict()
    assert api_models.AnalysisModel.model_validate(data).model_dump() == data
    assert Analysis.from_dict(data) == full_analysis()


def test_records_contract_rows_fill_every_column() -> None:
    rows = rows_for([full_analysis()])
    for table in TABLES:
        assert rows[table], table
        assert set(rows[table][0]) == set(SCHEMAS[table].names), table
        empty = [column for column, value in rows[table][0].items() if value is None]
        assert empty == [], f"{table}: columns left empty by a full analysis"
