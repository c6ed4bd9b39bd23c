"""Amounts in words, as written after "Bằng chữ:" on a decision (our own code; the convention is in
awards/words.py: "linh", "mốt", "lăm", "bốn", "nghìn", every group after the first read in full)."""

import pytest

from awards.words import amount_in_words, number_in_words


@pytest.mark.parametrize("amount, words", [
    (450_000, "Bốn trăm năm mươi nghìn đồng"),
    (1_080_000, "Một triệu không trăm tám mươi nghìn đồng"),
    (7_020_000, "Bảy triệu không trăm hai mươi nghìn đồng"),
    (8_100_000, "Tám triệu một trăm nghìn đồng"),
    (540_000, "Năm trăm bốn mươi nghìn đồng"),
    (900_000, "Chín trăm nghìn đồng"),
    (1_490_000, "Một triệu bốn trăm chín mươi nghìn đồng"),
    (2_980_000, "Hai triệu chín trăm tám mươi nghìn đồng"),
    (1_800_000, "Một triệu tám trăm nghìn đồng"),
    (3_600_000, "Ba triệu sáu trăm nghìn đồng"),
    (710_000, "Bảy trăm mười nghìn đồng"),
    (1_420_000, "Một triệu bốn trăm hai mươi nghìn đồng"),
    (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
    (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
    (0, "Không đồng"),
    (10_000, "Mười nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_500, "Một triệu năm trăm đồng"),
    (1_000_050, "Một triệu không trăm năm mươi đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (2_000_000_000, "Hai tỷ đồng"),
    (2_005_000_000, "Hai tỷ không trăm linh năm triệu đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
])
def test_amounts_read_as_in_administrative_documents(amount, words):
    assert amount_in_words(amount) == words


@pytest.mark.parametrize("n, words", [
    (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"),
    (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi bốn"), (25, "hai mươi lăm"), (31, "ba mươi mốt"),
    (55, "năm mươi lăm"), (100, "một trăm"), (101, "một trăm linh một"), (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"), (110, "một trăm mười"), (111, "một trăm mười một"), (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"), (1001, "một nghìn không trăm linh một"),
    (1011, "một nghìn không trăm mười một"), (1021, "một nghìn không trăm hai mươi mốt"),
    (1100, "một nghìn một trăm"), (10_005, "mười nghìn không trăm linh năm"),
    (15_000, "mười lăm nghìn"), (21_000, "hai mươi mốt nghìn"), (105_000, "một trăm linh năm nghìn"),
    (999_999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
])
def test_linh_mot_lam_conventions_are_applied_consistently(n, words):
    assert number_in_words(n) == words


def test_words_never_use_the_spoken_variants():
    spoken = {"lẻ", "ngàn", "tư", "nhăm"}
    for n in range(0, 2000, 7):
        assert not spoken & set(number_in_words(n * 1001).split()), n


def test_a_fraction_of_a_dong_is_refused():
    with pytest.raises(ValueError):
        amount_in_words(1.5)
