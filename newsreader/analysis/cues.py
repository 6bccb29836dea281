"""The closed vocabularies of news writing that the entity rules look for around and inside names.

Titles, role nouns, organisation and place words: words any outlet uses, never names of particular
people, places or organisations (those come from the gazetteers).
"""

# Possessives that belong inside a name ("People’s Mobilization Force", "Women's Institute").
NAME_POSSESSIVES = frozenset("people women children men workers farmers citizens veterans nations".split())

# Words that start a capitalised run but are no part of a name.
FUNCTION_WORDS = frozenset(
    """a an the this that these those it its he she they we i you his her their our my your
    but and or so yet if as at by for from in into of on to with without within about above after
    against along among around before behind below beneath beside between beyond despite down during
    except inside near off onto out outside over past since through throughout till toward towards
    under until up upon via when where while whilst who whom whose which what why how there here
    then than thus also although though because however meanwhile moreover nevertheless nonetheless
    still instead indeed perhaps maybe even only just yes no not nor all both each either every few
    many more most much neither none other others several some such former ex latest last next new
    according asked speaking following like unlike earlier later now today tomorrow yesterday once
    twice one two three four five six seven eight nine ten first second third mr mrs ms dr
    is are was were be been being has have had do does did will would shall should can could may
    might must said says say tell told added overall elsewhere nor let please dear
    i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll they're they've they'd they'll
    """.split()
)

# Titles and honorifics that stand before a person's name.
TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady president vice prime minister secretary chancellor general
    gen lt lieutenant colonel col major maj captain capt commander cmdr admiral chief king queen prince
    princess pope senator sen rep representative governor gov mayor judge justice ayatollah sheikh
    imam rev reverend father sister brother professor prof coach chairman chairwoman director
    ambassador speaker deputy premier emperor detective inspector officer sergeant sgt saint st
    foreign defence defense interior finance home justice health trade economy culture energy
    former ex acting permanent first shadow state affairs exchequer treasury commerce""".split()
)

TITLE_HEADS = frozenset(
    """mr mrs ms miss dr sir dame lord lady president minister secretary chancellor general gen lt lieutenant
    colonel col major captain commander admiral chief king queen prince princess pope senator sen rep
    governor mayor judge justice ayatollah sheikh imam rev reverend professor prof coach chairman
    ambassador speaker premier emperor detective inspector sergeant""".split()
)

# Lower-case nouns that name a person's role just before the name: "chief executive Eckhard Cordes".
PERSON_ROLES = frozenset(
    """minister president secretary chancellor executive chairman chairwoman director spokesman
    spokeswoman spokesperson leader boss manager coach striker midfielder defender goalkeeper captain
    player sprinter athlete champion lawyer attorney publicist pundit dancer actor actress singer
    musician writer author playwright director producer presenter host star counterpart general
    colonel commander envoy ambassador analyst economist professor official worker activist
    journalist reporter correspondent editor founder owner housemate contestant rival colleague son
    daughter wife husband mother father brother sister chief officer premier governor mayor senator
    candidate campaigner adviser advisor aide diplomat expert scientist researcher doctor judge
    footballer cricketer batsman bowler winger forward fly-half scrum-half prop hooker lock
    designer artist comedian novelist poet photographer model""".split()
)

# Lower-case nouns that name a kind of organisation just before (or after) its name.
ORG_ROLES = frozenset(
    """firm company carmaker airline bank group agency newspaper daily broadcaster retailer website
    bookmaker charity party band club side team network channel magazine publisher insurer
    giant operator maker manufacturer supermarket chain brand label studio regulator watchdog
    union consortium conglomerate marque""".split()
)

# Words that make a name an organisation's: "Russian Foreign Ministry", "Greek Athletics Federation".
ORG_WORDS = frozenset(
    """ministry agency council committee commission corps force forces bank party union federation
    association organisation organization institute institution university college school academy
    group inc corp corporation ltd plc llc co company companies airlines airways motors systems
    technologies exchange fund department office court parliament congress senate assembly government
    guard army navy police club fc times post news herald journal gazette tribune telegraph guardian
    radio tv television channel network broadcasting press coalition front movement alliance
    foundation trust society services authority board bureau reserve securities holdings partners
    international industries laboratories labs media records studios pictures entertainment
    communications telecom pharmaceuticals insurance bancorp capital ventures league cabinet
    administration kremlin pentagon secretariat tribunal tories conservatives democrats republicans
    liberals""".split()
)

LAW_WORDS = frozenset(
    "plan agreement treaty accord act charter convention resolution protocol deal pact bill law".split()
)

EVENT_WORDS = frozenset(
    """cup olympics olympic games championship championships open awards award festival show prix
    nations war tournament series trophy marathon expo summit conference""".split()
)

PLACE_WORDS = frozenset(
    """gulf sea ocean bay strait river lake mountains mountain valley peninsula island islands coast
    desert canal airport port province region state republic kingdom emirates territory territories
    district county street square park theatre stadium hospital palace bridge base east west""".split()
)

# Acronyms that are common nouns, not organisations.
PLAIN_ACRONYMS = frozenset(
    "TV GMT BST UTC CEO CFO MP MPs PM AM FM OK HIV AIDS COVID GDP DVD DVDs PC PCs CD CDs IT ID UFO AI VAT SMS".split()
)

DEMONYM_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "ic", "ch")

IRREGULAR_DEMONYMS = frozenset(
    (
        "British Dutch Swiss Welsh Greek Thai Scottish Irish English French Spanish Danish Swedish"
        " Finnish Polish Turkish"
    ).split()
)

PLACE_PREPOSITIONS = frozenset(("in", "near", "outside", "across"))

# Words after a name that make it an organisation's: "Newcastle boss", "Chrysler sales".
ORG_FOLLOWERS = frozenset(
    """daily newspaper boss manager fans chairman spokesman spokeswoman side leader sales shares profits
    profit revenues chief executives dealerships subsidiary brand striker midfielder defender goalkeeper
    squad""".split()
)

# Nouns after a name that make it a place: "Frankfurt airport", "Ain Al-Asad air base", "Natanz nuclear facility".
PLACE_FOLLOWERS = frozenset(
    [
        "airport",
        "base",
        "province",
        "region",
        "city",
        "district",
        "village",
        "town",
        "county",
        "air base",
        "nuclear facility",
        "military base",
        "naval base",
        "power plant",
        "nuclear plant",
        "refugee camp",
    ]
)

COMPASS_REGIONS = frozenset(("West", "East", "North", "South"))

JOINS_BY_OF = ORG_WORDS | LAW_WORDS | PLACE_WORDS | TITLE_HEADS

# Lower-case nouns that name a kind of work just before its title: "the album Genius Loves Company",
# "his play The Pillowman", "the game Halo".
WORK_NOUNS = frozenset(
    """album film movie play musical opera ballet show series sitcom soap drama documentary programme
    novel book biography memoir song single track hit game title production revival comedy thriller""".split()
)
