"""Vietnamese numbers and amounts in words, as written on administrative documents ("Bằng chữ: …").

Our own code because the num2words package drops "không trăm" ("một triệu tám mươi nghìn" for 1.080.000).

The convention, applied everywhere (the one of accounting and administrative documents):
- every group of three digits after the first non-zero one is read in full: 1.080.000 is "một triệu không trăm
  tám mươi nghìn"; a group that is all zeros is skipped: 1.000.500 is "một triệu năm trăm";
- a zero in the tens place before a non-zero unit is read "linh" (not "lẻ"): 105 "một trăm linh năm";
- 10 is "mười", 20–90 "hai mươi" … "chín mươi";
- the unit 1 after "mươi" is "mốt" (21 "hai mươi mốt"), after "mười" or "linh" it is "một" (11 "mười một",
  101 "một trăm linh một");
- the unit 5 after "mười" or "mươi" is "lăm" (15 "mười lăm", 25 "hai mươi lăm"), after "linh" "năm" (105);
- the unit 4 is always "bốn" (24 "hai mươi bốn"): "tư" is spoken, not written in documents;
- thousands are "nghìn" (not "ngàn"); then "triệu", then "tỷ" (and "nghìn tỷ" above that).
"""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu"]


def _three(n: int, *, full: bool) -> list[str]:
    """Words for 0 < n < 1000; `full` reads the hundreds even when zero ("không trăm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(n: int, *, full: bool) -> list[str]:
    """Words for 0 < n < 10**9; `full` when a higher non-zero group has been read already."""
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words = []
    for scale in range(len(groups) - 1, -1, -1):
        group = groups[scale]
        if group == 0:
            continue
        words += _three(group, full=full or bool(words))
        if SCALES[scale]:
            words.append(SCALES[scale])
    return words


def _words(n: int, *, full: bool = False) -> list[str]:
    billions, rest = divmod(n, 10**9)
    words = []
    if billions:
        words += _words(billions, full=full)
        words.append("tỷ")
    if rest:
        words += _below_billion(rest, full=full or bool(words))
    return words


def number_in_words(n: int) -> str:
    """A whole number in Vietnamese words, lower case: 1080000 → "một triệu không trăm tám mươi nghìn"."""
    n = int(n)
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return "không"
    return " ".join(_words(n))


def amount_in_words(amount) -> str:
    """An amount of đồng in words, as after "Bằng chữ:": 450000 → "Bốn trăm năm mươi nghìn đồng"."""
    if int(amount) != amount:
        raise ValueError("Số tiền phải là số nguyên đồng.")
    text = number_in_words(int(amount))
    return text[0].upper() + text[1:] + " đồng"
