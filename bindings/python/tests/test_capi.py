"""The SWIG layer itself: typemaps, out-parameters, handles, docstrings."""

from __future__ import annotations

import pytest

import coopedu
from coopedu import InvalidError, MisuseError, capi


def test_version():
    assert capi.ce_version_string() == coopedu.__version__ == capi.CE_VERSION_STRING
    assert capi.ce_version_number() == capi.CE_VERSION_NUMBER
    assert coopedu.version_info == (capi.CE_VERSION_MAJOR, capi.CE_VERSION_MINOR,
                                    capi.CE_VERSION_PATCH)


def test_strerror_is_static_text():
    assert capi.ce_strerror(capi.CE_ENOTFOUND) == "not found"
    assert capi.ce_strerror(12345) == "unknown error"


def test_last_error_is_kept():
    with pytest.raises(InvalidError):
        capi.ce_date_parse("nope")
    assert capi.ce_last_errcode() == capi.CE_EINVALID
    assert "nope" in capi.ce_last_errmsg()


def test_dates():
    assert capi.ce_date_parse("2019-03-15") == 20190315
    assert capi.ce_date_format(20190315) == "2019-03-15"
    assert capi.ce_date_diff(20190101, 20200101) == 365
    assert capi.ce_date_valid(20200229) == 1 and capi.ce_date_valid(20190229) == 0
    with pytest.raises(InvalidError):
        capi.ce_date_format(20190230)


def test_introspection():
    e = capi.ce_entity_by_name("partner")
    assert e == capi.CE_ENTITY_PARTNER and capi.ce_entity_name(e) == "partner"
    col = capi.ce_column_index(e, "kind")
    assert capi.ce_column_type_of(e, col) == capi.CE_TYPE_ENUM
    assert capi.ce_column_token(e, col, 2) == "enterprise"
    assert capi.ce_column_token_value(e, col, "enterprise") == 2
    assert capi.ce_column_required(e, col) == 1
    assert capi.coopedu_column_flags(e, col) & capi.CE_COL_REQUIRED
    assert capi.coopedu_entity_doc(e)
    assert "partner" in capi.coopedu_entity_links(capi.CE_ENTITY_PROJECT)


def test_generic_records_by_hand():
    db = capi.ce_db_open("memory:", None)
    try:
        rec = capi.ce_record_new(capi.CE_ENTITY_PARTNER)
        capi.ce_record_set_text(rec, "name", "山东某航空材料有限公司")
        capi.ce_record_set_int(rec, "kind", 2)
        new_id = capi.ce_record_insert(db, rec)
        got = capi.ce_record_lookup(db, capi.CE_ENTITY_PARTNER, new_id)
        assert capi.ce_record_id(got) == new_id
        assert capi.ce_record_get_text(got, 0) == "山东某航空材料有限公司"
        assert capi.ce_record_get_int(got, 1) == 2
        assert capi.coopedu_record_values(got) == ("山东某航空材料有限公司", 2, None, None, None, None)
        f = capi.ce_filter_new()
        capi.ce_filter_eq_int(f, "kind", 2)
        assert capi.ce_record_count(db, capi.CE_ENTITY_PARTNER, f) == 1
        it = capi.ce_record_iter_new(db, capi.CE_ENTITY_PARTNER, None)
        assert capi.ce_record_id(capi.ce_record_iter_next(it)) == new_id
        with pytest.raises(StopIteration):
            capi.ce_record_iter_next(it)
        capi.ce_record_iter_free(it)
        capi.ce_record_iter_free(it)  # freed handles are NULL: a second free is a no-op
        with pytest.raises(MisuseError, match="iterator"):
            capi.ce_record_iter_next(it)
        with pytest.raises(InvalidError):  # partner has no lifecycle column
            capi.ce_history(db, capi.CE_ENTITY_PARTNER, new_id, "name")
    finally:
        capi.ce_db_close(db)


def test_history_tuples():
    db = capi.ce_db_open("memory:", None)
    rec = capi.ce_record_new(capi.CE_ENTITY_STUDENT)
    for name, value in (("number", "S1"), ("name", "李明")):
        capi.ce_record_set_text(rec, name, value)
    for name, value in (("level", 2), ("cohort", 2014), ("status_date", 20140901)):
        capi.ce_record_set_int(rec, name, value)
    sid = capi.ce_record_insert(db, rec)
    capi.ce_record_transition(db, capi.CE_ENTITY_STUDENT, sid, "status", 2, 20170701)
    assert capi.ce_history(db, capi.CE_ENTITY_STUDENT, sid, "status") == \
        [(0, 1, 20140901), (1, 2, 20170701)]
    capi.ce_db_close(db)


def test_closed_handle_raises_instead_of_crashing():
    db = capi.ce_db_open("memory:", None)
    capi.ce_db_close(db)
    capi.ce_db_close(db)  # closing twice is harmless
    with pytest.raises(MisuseError, match="closed"):
        capi.ce_db_begin(db)
    with pytest.raises(MisuseError):
        capi.ce_record_lookup(db, capi.CE_ENTITY_PARTNER, 1)
    with pytest.raises(MisuseError):
        capi.ce_db_errmsg(None)


def test_wrong_handle_type():
    with pytest.raises(TypeError):
        capi.ce_db_close(capi.ce_filter_new())
    with pytest.raises(TypeError):
        capi.ce_filter_eq_text(capi.ce_filter_new(), "name", 5)


def test_text_arguments_are_checked():
    f = capi.ce_filter_new()
    with pytest.raises(InvalidError, match="NUL"):
        capi.ce_filter_eq_text(f, "name", "a\0b")
    with pytest.raises(InvalidError, match="surrogate"):
        capi.ce_filter_eq_text(f, "name", "a\udc80b")


def test_open_options():
    opts = capi.ce_open_options()
    capi.ce_open_options_init(opts, capi.CE_OPEN_OPTIONS_VERSION)
    assert (opts.version, opts.flags, opts.busy_timeout_ms) == (capi.CE_OPEN_OPTIONS_VERSION, 0, 0)
    assert (opts.role, opts.actor) == (capi.CE_ROLE_NONE, None)
    capi.ce_open_options_init(opts, 1)  # an older caller's version is still accepted
    assert opts.version == 1
    with pytest.raises(InvalidError):
        capi.ce_open_options_init(opts, 999)


def test_docstrings_come_from_the_headers():
    assert "Opens (and by default creates) a store" in capi.ce_db_open.__doc__
    assert "CE_ITEROVER" in capi.ce_record_iter_next.__doc__
    assert capi.__doc__ and "SWIG" in capi.__doc__
