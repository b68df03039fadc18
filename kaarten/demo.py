"""A sample family for demos, training and screenshots: a finished game of a
fictional family, with a short wie-plan, in any of the app's languages.

Everything here is made up. The session is marked as a demo in the store
(:meth:`kaarten.store.Store.mark_demo`), every export of it says so, and its
players' and people's names are in the chosen language (so an Arabic demo
shows Arabic names, a Tigrinya one Ethiopic script). The deck's own cards
are used, in the order a fixed seed deals them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kaarten.decks import Deck
from kaarten.network import Closeness, Sector
from kaarten.plan import When, deadline
from kaarten.records import SessionStore

__all__ = ["DEMO_DECK", "DEMO_SEED", "DemoFamily", "family", "record_demo", "LANGUAGES"]

DEMO_DECK = "wie-is-er-voor-jou"
DEMO_SEED = 20261130

F, V, B, S, C, H = (Sector.FAMILY, Sector.FRIENDS, Sector.NEIGHBOURHOOD, Sector.SCHOOL_WORK,
                    Sector.CLUB_FAITH_LEISURE, Sector.PROFESSIONALS)

#: Who is named, and where: (sector, closeness) per person, in the order the names below follow.
_PLACES = ((F, 1), (F, 1), (F, 2), (V, 1), (B, 2), (S, 2), (C, 3), (H, 2), (V, 3), (F, 3))
#: Turns: (player index, [person index...]); the same person named again is one person.
_TURNS = ((0, [0, 3]), (1, [1, 5]), (2, [0, 6]), (0, [4, 7]), (1, [3, 8]), (2, [1, 2]), (0, [0, 9]), (1, [4]))
#: The plan: (person index, ask index, asker index), and each ask's theme
_PLAN = ((0, 0, 0), (4, 1, 0), (3, 2, 1))
_PLAN_THEMES = ("practical", "practical", "fun")


@dataclass(frozen=True)
class DemoFamily:
    language: str
    players: tuple[str, ...]
    people: tuple[str, ...]
    asks: tuple[str, ...]
    goes_well: str
    next_step: str


_FAMILIES = {
    "nl": DemoFamily("nl", ("Mama Petra", "Sam", "Noor"),
                     ("Oma Riet", "Tante Fleur", "Opa Kees", "Yara", "Buurvrouw Ans", "Meester Bram",
                      "Trainer Dave", "Lotte van het wijkteam", "Jesse", "Neef Daan"),
                     ("Woensdag de kinderen ophalen", "Een avond oppassen", "Samen naar de sportclub"),
                     "Oma komt elke week langs.", "Zondag bellen we tante Fleur."),
    "en": DemoFamily("en", ("Mum Kate", "Sam", "Lily"),
                     ("Grandma Rose", "Aunt Fiona", "Grandpa Joe", "Maya", "Neighbour Ann", "Mr Brown",
                      "Coach Dave", "Lotte from the team", "Jesse", "Cousin Dan"),
                     ("Pick the children up on Wednesday", "Babysit one evening", "Go to the club together"),
                     "Grandma visits every week.", "On Sunday we call Aunt Fiona."),
    "ar": DemoFamily("ar", ("ماما سلمى", "سارة", "يوسف"),
                     ("جدتي فاطمة", "خالتي ليلى", "جدي أحمد", "مريم", "الجارة أمينة", "الأستاذ كريم",
                      "المدرب سمير", "هدى من الفريق", "عمر", "ابن عمي خالد"),
                     ("تأخذ الأطفال من المدرسة يوم الأربعاء", "تعتني بالأطفال مساءً", "نذهب معاً إلى النادي"),
                     "جدتي تزورنا كل أسبوع.", "يوم الأحد نتصل بخالتي ليلى."),
    "ti": DemoFamily("ti", ("ኣደ ሳባ", "ዳዊት", "ሄለን"),
                     ("ዓባየይ ለተ", "ሓትነይ ማርያም", "ኣቦሓጎይ ተስፋይ", "ሩታ", "ጎረቤት ኣልማዝ", "መምህር ዮናስ",
                      "ኣሰልጣኒ ሳምሶን", "ሰናይት ካብ ጉጅለ", "ሚኪኤል", "ወዲ ሓወቦይ ኣማኑኤል"),
                     ("ረቡዕ ንቆልዑ ካብ ቤት ትምህርቲ ምምጻእ", "ሓደ ምሸት ንቆልዑ ምሕላው", "ብሓባር ናብ ክለብ ምኻድ"),
                     "ዓባየይ ኩሉ ሰሙን ትመጽእ።", "ሰንበት ንሓትነይ ማርያም ንድውለላ።"),
    "pl": DemoFamily("pl", ("Mama Ewa", "Zosia", "Kuba"),
                     ("Babcia Hela", "Ciocia Grażyna", "Dziadek Józef", "Łucja", "Sąsiadka Ania", "Pan Marek",
                      "Trener Paweł", "Pani Ola z zespołu", "Wojtek", "Kuzyn Bartek"),
                     ("W środę odebrać dzieci ze szkoły", "Popilnować dzieci jeden wieczór", "Pójść razem do klubu"),
                     "Babcia przychodzi co tydzień.", "W niedzielę dzwonimy do cioci Grażyny."),
    "tr": DemoFamily("tr", ("Annem Ayşe", "Elif", "Emre"),
                     ("Babaannem Fatma", "Teyzem Zeynep", "Dedem Mehmet", "Selin", "Komşu Hatice", "Öğretmen Can",
                      "Antrenör Murat", "Ekipten Şule", "Burak", "Kuzenim Oğuz"),
                     ("Çarşamba çocukları okuldan almak", "Bir akşam çocuklara bakmak", "Birlikte kulübe gitmek"),
                     "Babaannem her hafta geliyor.", "Pazar günü Zeynep teyzeyi arıyoruz."),
    "uk": DemoFamily("uk", ("Мама Олена", "Софія", "Андрій"),
                     ("Бабуся Галя", "Тітка Ірина", "Дідусь Іван", "Марта", "Сусідка Ніна", "Пан Олег",
                      "Тренер Сергій", "Оксана з команди", "Дмитро", "Двоюрідний брат Тарас"),
                     ("У середу забрати дітей зі школи", "Один вечір доглянути дітей", "Разом піти до клубу"),
                     "Бабуся приходить щотижня.", "У неділю телефонуємо тітці Ірині."),
}

#: The languages a demo family can speak.
LANGUAGES = tuple(_FAMILIES)


def family(language: str) -> DemoFamily:
    """The demo family in ``language`` (KeyError for one there is none in)."""
    return _FAMILIES[language]


def record_demo(store: SessionStore, deck: Deck, language: str = "nl"):
    """Play the demo family's game into ``store`` and end it; the session
    (marked as a demo when the store can). ``deck`` is the family deck."""
    from kaarten.session import Session

    fam = family(language)
    card_language = language if language in deck.languages else deck.language
    colours = ("#1E5E5A", "#B3412E", "#2F5DA8")
    session = Session.start(
        store,
        deck_id=deck.id,
        language=card_language,
        card_ids=[c.id for c in deck.cards],
        themes_by_card={c.id: c.theme for c in deck.cards},
        players=list(zip(fam.players, colours)),
        seed=DEMO_SEED,
    )
    mark = getattr(store, "mark_demo", None)
    if mark is not None:
        mark(session.id)
    people = {}
    session.deal()
    for turn, (player, named) in enumerate(_TURNS):
        while session.current_player.id != session.players[player].id:
            session.skip_player()
        for index in named:
            if index in people:
                session.name_again(people[index])
            else:
                sector, closeness = _PLACES[index]
                people[index] = session.record_person(fam.people[index], sector, Closeness(closeness)).id
        if turn < len(_TURNS) - 1:
            session.next_turn()
    _plan(session, fam, people)
    session.end()
    return session


def _plan(session, fam: DemoFamily, people) -> None:
    """The short wie-plan: three asks (words and a theme, who asks, by when)
    and the two notes."""
    today = session.created.astimezone().date()
    whens = (When.THIS_WEEK, When.NEXT_WEEK, When.THIS_MONTH)
    for (person, ask, asker), theme, when in zip(_PLAN, _PLAN_THEMES, whens):
        session.add_plan_line(people[person], fam.asks[ask], theme=theme,
                              asker=session.players[asker].id, by=deadline(when, today))
    session.set_plan_notes(goes_well=fam.goes_well, next_step=fam.next_step)
