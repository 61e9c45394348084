"""The phonetic skeleton: Cyrillic and Latin spellings of one name fold to the same letters."""

import pytest

from birge.orgs.search.terms import Term, parse_terms, with_alternatives
from birge.orgs.search.transliteration import MAX_READINGS, plain, readings, skeleton, within_one_edit, words

# (one spelling, another spelling of the same word): each pair must meet in both directions.
SAME_WORD = [
    ("Арго", "Argo"),  # Russian
    ("Қазақстан", "Qazaqstan"),  # Kazakh Cyrillic and Latin
    ("Qazaqstan", "Kazakhstan"),  # Kazakh Latin and English
    ("Казахстан", "Kazakhstan"),  # Russian and English
    ("Қазақстан", "Казахстан"),
    ("Кыргызстан", "Kyrgyzstan"),  # Kyrgyz
    ("Жаңа", "Jaña"),
    ("Ҷамъият", "Jamiyat"),  # Tajik ҷ, ъ
    ("Ҳуқуқ", "Huquq"),  # Tajik ҳ, қ
    ("Ҳуқуқ", "Хукук"),  # Tajik and Russian
    ("Иҷтимоӣ", "Ijtimoi"),  # Tajik ӣ
    ("Рӯзнома", "Ruznoma"),  # Tajik ӯ
    ("Ғалаба", "Gʻalaba"),  # Uzbek gʻ (modifier letter)
    ("Ўзбекистон", "O'zbekiston"),  # Uzbek oʻ written with an ASCII apostrophe
    ("Oʻzbekiston", "O‘zbekiston"),  # and with a turned comma
    ("Шаҳар", "Shahar"),  # Uzbek sh, h
    ("Халқ", "Xalq"),  # Uzbek x, q
    ("Чой", "Choy"),  # Uzbek ch
    ("Туркменистан", "Türkmenistan"),  # Turkmen ü
    ("Җемгыетчилик", "Jemgyýetçilik"),  # Turkmen ý, ç
    ("Яшлар", "Ýaşlar"),  # Turkmen ş
    ("Журнал", "Žurnal"),  # Turkmen ž
    ("Бәхерден", "Bäherden"),  # Turkmen ä
    ("Өңир", "Öňir"),  # Turkmen ö, ň
    ("Азәрбајҹан", "Azərbaycan"),  # Azerbaijani ə, c, y
    ("Гәнҹләр", "Gənclər"),
    ("Ағдам", "Ağdam"),  # Azerbaijani ğ
    ("Ыслам", "Islam"),  # ы
    ("Ассоциация", "Assotsiatsiya"),  # ц, doubled letters
    ("Ассоциация", "Asotsiatsiya"),
    ("Центр", "Tsentr"),
    ("Жол", "Zhol"),
    ("Жол", "Jol"),
    ("Вода", "Woda"),  # w/v
    # Romanization systems (see test_romanization for whole names under every system)
    ("Щит", "Shchit"),  # BGN/PCGN, passports, Wikipedia
    ("Щит", "Shhit"),  # GOST 7.79-B
    ("Щит", "Schit"),  # Yandex, chat
    ("Щит", "Ŝit"),  # ISO 9
    ("Щит", "Ščit"),  # UNGEGN
    ("Центр", "Tcentr"),  # GOST R 52535
    ("Центр", "Czentr"),  # GOST 7.79-B
    ("Центр", "T͡sentr"),  # ALA-LC
    ("Чайка", "Čaika"),  # ISO 9 č
    ("Союз", "Soûz"),  # ISO 9 û
    ("Хартия", "Hartiâ"),  # ISO 9 â
    ("Объединение", "Obyedineniye"),  # Wikipedia: ye after a vowel and a sign
    ("Объединение", "Ob”yedineniye"),  # BGN/PCGN
    ("Объединение", "Obieedinenie"),  # ICAO: ъ is ie
    ("Объявление", "Obieiavlenie"),  # and before я
    ("Общественное", "Obshchestvennoye"),
    ("Шаңырақ", "Shangyraq"),  # BGN/PCGN ң
    ("Ka̋sìpker", "Кәсіпкер"),  # ISO 9 ә, і with combining marks
    ("Ҝәнҹләр", "Gənclər"),  # Azerbaijani Cyrillic ҝ
]


@pytest.mark.parametrize(("one", "other"), SAME_WORD)
def test_spellings_of_one_word_share_a_skeleton(one, other):
    assert skeleton(one) == skeleton(other), (skeleton(one), skeleton(other))
    assert skeleton(other) == skeleton(one)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Арго", "Арка"),
        ("Береке", "Бирлик"),
        ("Ош", "Ос"),
        ("Чай", "Шай"),
        ("Центр", "Жентр"),  # ц and ж
        ("Жол", "Йол"),  # ж and й
        ("Цех", "Чех"),  # ц and ч
    ],
)
def test_different_words_keep_different_skeletons(one, other):
    assert skeleton(one) != skeleton(other)


def test_skeleton_is_lowercase_ascii_letters_and_digits_only():
    for word in ["Ассоциация-2030", "«Үміт»", 'a"b*c(d)', "Ǆemal", "漢字", "😀", "x\x00y"]:
        assert all(char.isascii() and char.isalnum() for char in skeleton(word))
        assert skeleton(word) == skeleton(word).lower()


def test_digits_are_kept_and_not_collapsed():
    assert skeleton("2030") == "2030"
    assert skeleton("Стратегия2000") == "strategia2000"


def test_plain_form_keeps_the_script_and_drops_accents():
    assert plain("Арго") == "арго"
    assert plain("Türkmen") == "turkmen"
    assert plain("«Береке»") == "береке"
    assert plain("漢字") == ""


def test_words_keep_apostrophes_inside_a_word_and_split_on_punctuation():
    assert words("O'zbekiston, Oʻzbek-iston «Арго»") == ["Ozbekiston", "Ozbek", "iston", "Арго"]


def test_signs_typed_as_quotes_or_backticks_and_accents_stay_inside_a_word():
    text = 'Ob"edinenie Ob``edinenie Ob”yedineniye det·stvo Maʺrifat T͡sentr "Umit"'
    assert [skeleton(word) for word in words(text)] == [
        "obedinene", "obedinene", "obedinene", "dectvo", "marifat", "centr", "umit",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Centr", "Центр"),  # c as ц: ISO 9, UNGEGN, chat
        ("Gənclər", "Гәнҹләр"),  # and as дж
        ("Obŝestvennyj", "Общественный"),  # j as й: ISO 9, UNGEGN, GOST 7.79-B
        ("Jol", "Жол"),  # and as ж
        ("Podyom", "Подъём"),  # yo as Russian ё, often written е
        ("Yoshlar", "Ёшлар"),  # Uzbek yo
        ("Ёшлар", "Yoshlar"),
        ("Һүгуг", "Hüquq"),  # Azerbaijani Cyrillic г is q
    ],
)
def test_a_typed_word_is_read_every_way_its_letters_are_written(typed, meant):
    assert skeleton(meant) in readings(typed)


def test_readings_start_with_the_skeleton_and_are_few():
    assert readings("Центр") == (skeleton("Центр"),)
    assert readings("Jamoat")[0] == skeleton("Jamoat")
    assert len(readings("Jojocacajoco")) <= MAX_READINGS


def test_russian_г_is_not_read_as_q():
    assert readings("Гадынлар") == (skeleton("Гадынлар"),)


@pytest.mark.parametrize(
    ("word", "other", "expected"),
    [
        ("kazakstan", "kazakstn", True),  # one missing
        ("kazakstan", "kazaksstan", True),  # one extra
        ("kazakstan", "kazakxtan", True),  # one wrong
        ("kazakstan", "kazakstan", True),
        ("kazakstan", "kazkstn", False),  # two missing
        ("kazakstan", "kzakstaan", False),
        ("argo", "argonavt", False),
    ],
)
def test_within_one_edit(word, other, expected):
    assert within_one_edit(word, other) is expected
    assert within_one_edit(other, word) is expected


def test_query_terms_drop_lone_letters_next_to_real_words_and_cap_their_number():
    assert [t.skeleton for t in parse_terms("фонд и Береке")] == ["fond", "bereke"]
    assert [t.skeleton for t in parse_terms("и")] == ["i"]
    assert len(parse_terms(" ".join(f"слово{n}" for n in range(50)))) == 10


def test_a_term_is_a_prefix_when_three_letters_were_typed():
    assert Term("as", "асс").prefix  # "асс": three letters typed, two in the skeleton
    assert not Term("ak", "ак").prefix
    assert not Term("a", "ааа").prefix


def test_typo_alternatives_are_only_words_one_letter_away():
    (term,) = with_alternatives(parse_terms("Kazahstn"), ["kazakstan", "kazakstanski", "kazan"])
    assert term.alternatives == ("kazakstan",)


def test_a_word_of_the_index_gets_no_alternatives():
    (term,) = with_alternatives(parse_terms("Zhasyl"), ["jasil", "basil", "jail"])
    assert term.alternatives == ()


def test_typo_probes_cover_an_edit_in_either_half():
    term = parse_terms("kazakstan")[0]
    start, end = term.probes()
    for typo in ["kazakstn", "kazaxstan", "lazakstan", "kazakstanx", "azakstan"]:
        assert typo.startswith(start) or typo.endswith(end), typo
