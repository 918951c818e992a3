"""Word lists the name and place rules share: Faker's names and places, English words."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Iterator

from chatveil._words import common_words, unaccented
from chatveil.detect.recognizers._common import phrases, wordset

# ---------------------------------------------------------------------- person names
#: Faker person providers whose first/last-name lists are loaded (Latin script only).
NAME_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "es_ES",
    "es_MX", "it_IT", "pt_BR", "pt_PT", "nl_NL", "nl_BE", "sv_SE", "da_DK", "no_NO", "fi_FI",
    "is_IS", "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO", "tr_TR", "et_EE",
    "lt_LT", "lv_LV",
)

#: English words that are also given names: never a name on their own, fine in "Will Smith".
AMBIGUOUS = wordset("""
will may mark bill grant rose hope faith joy art guy june april august summer autumn winter
dawn eve grace ivy lily violet penny ruby pearl crystal amber jade sky river rock stone hunter
chase carter cook baker miller king young long little white black brown green gray grey rich
price case page bell hall hill wood lane field ford park love frank earnest noble sterling
major prince duke earl baron bishop chance destiny harmony honor honour justice liberty mercy
patience prudence serenity trinity unity hazel heather holly iris jasmine daisy poppy olive
sage angel don pat sue rob nick jack max ray gene drew rusty sandy dusty carol lance miles
wade dean cliff glen heath brook dale gail jean van ben tom sal val ken bob kay jay ace star
storm sunny lucky happy precious ever haven harbor story wisdom echo nova ocean blue royal
cash gay buck colt fox hawk wolf bear lion tiger robin wren lark dove finch christian norman
german french english irish welsh dutch israel jordan chad georgia virginia carolina florida
dakota india china asia africa america paris london victoria sydney austin dallas denver
phoenix houston orlando savannah aurora julia perl ada pascal claude alexa siri cortana gemini
mistral llama falcon kotlin rust swift python java scala dart haskell elixir
monday tuesday wednesday thursday friday saturday sunday january february march july
september october november december feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
handler constant meta server reader writer client manager builder parser worker reporter
factory adapter wrapper helper loader
sterling crown
email mail phone address name number account card bank office team support admin user
hello dear thanks thank regards best cheers sir madam miss mister doctor professor
""")

#: Well-known places that are also given names (besides Faker's country/state/city lists).
PLACE_NAMES = wordset("""
paris sydney austin dallas denver phoenix houston orlando florence victoria adelaide charlotte
savannah madison jackson lincoln chelsea regina helena augusta eugene marion alexandria lima
sofia vienna geneva siena verona lorraine milan valencia santiago tyler aurora cleveland
columbus jordan georgia virginia carolina dakota israel chad india china kenya
""")

#: Capitalised words that end a name candidate (places, organisations, street types).
NOT_SURNAME = wordset("""
street st avenue ave road rd lane ln drive dr boulevard blvd way court ct place pl square sq
park station airport university college school hospital church bridge river lake mountain
beach island city county state valley hills heights center centre hotel inc ltd llc corp
company group bank foundation institute museum library mall market plaza gardens grove
terrace close crescent highway hwy apt apartment suite unit floor north south east west
plc corporation corp agency associates partners holdings labs technologies solutions systems
capital consulting services industries enterprises ventures gmbh ag sa bv nv
""")

#: Words before a name that make it part of a place or street ("St. John", "Via Carlo Cattaneo").
PLACE_PREFIXES = wordset("""
st st. saint sainte san santa santo são sao fort port mount mt mt. lake cape via viale rue
calle avenida av av. rua piazza piazzale strada largo travessa praça plaza ulica ul ul. camino
carrer avinguda boulevard bd avenue place platz straße strasse gasse weg laan straat kerk
new los las del den
""")


# ---------------------------------------------------------------------- spaCy NER, filtered
#: Single words spaCy's small model tends to call a person in chat text that are not names.
NOT_A_PERSON = wordset("""
claude gemini alexa siri cortana copilot bard llama mistral grok java kotlin swift python rust
ruby perl julia scala haskell elixir pandas polars numpy django flask kubernetes docker
kafka redis postgres mongo spark airflow jenkins ansible terraform linux ubuntu debian jira
hi hello hey hiya dear thanks thank cheers regards bye goodbye yes no ok okay sure please sorry
welcome morning evening afternoon
""")




@functools.lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, last names, common words, places), casefolded; loaded once on first use."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):  # pragma: no cover - older Faker
            continue
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_names_nonbinary"):
            first.update(_words(getattr(provider, attr, ()) or ()))
        last.update(_words(getattr(provider, "last_names", ()) or ()))
    english = set(english_words())
    common = english | AMBIGUOUS
    places: set[str] = set(PLACE_NAMES)
    for module, attr in PLACE_LISTS:
        places.update(" ".join(p.casefold().split())
                      for p in faker_list(f"faker.providers.address.{module}", attr))
    first = {w for w in first if len(w) >= 3} - {"doe"}
    last = {w for w in last if len(w) >= 3} - {"doe"}
    return frozenset(first), frozenset(last), frozenset(common), frozenset(places)


#: Faker address lists used as a small gazetteer (countries, US states, UK counties, cities).
PLACE_LISTS = (("en", "countries"), ("en_US", "states"), ("en_GB", "counties"),
                ("de_DE", "cities"), ("nl_NL", "cities"))


def english_words() -> frozenset[str]:
    return common_words()


@functools.lru_cache(maxsize=1)
def gazetteer() -> tuple[frozenset[str], dict[str, int]]:
    """Place names worth flagging (no English words, 4+ letters) and, per first word, the most
    words a place starting with it has."""
    places = name_lists()[3]
    english = english_words()
    sure = sure_places()
    words = english | AMBIGUOUS
    kept = frozenset(p for p in places if len(p) >= 4 and (p not in words or p in sure))
    longest: dict[str, int] = {}
    for place in kept:
        parts = place.replace("'", " ").replace("’", " ").replace("-", " ").split()
        if parts:
            longest[parts[0]] = max(longest.get(parts[0], 0), len(parts) + 2)
    return kept, longest


@functools.lru_cache(maxsize=1)
def sure_places() -> frozenset[str]:
    """Countries and states (and Faker's first two place lists): places even where they are
    English words too ("Turkey", "Georgia", "Jersey")."""
    sure = set(PLACE_NAMES)
    for module, attr in PLACE_LISTS[:2]:
        sure.update(p.casefold() for p in faker_list(f"faker.providers.address.{module}", attr))
    return frozenset(sure)


def faker_list(module: str, attr: str) -> Iterable[str]:
    try:
        return tuple(getattr(importlib.import_module(module).Provider, attr, ()) or ())
    except (ImportError, AttributeError):  # pragma: no cover - older Faker
        return ()


def _words(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        for part in name.split():
            if part.isalpha() or "-" in part or "'" in part:
                yield part.casefold()


# ---------------------------------------------------------------------- world lists
_DATA = __import__("pathlib").Path(__file__).resolve().parent / "data"

#: Faker person providers whose Latin-script first/last/middle names feed the name lists, on
#: top of :data:`NAME_LOCALES` (South and East Asia, Africa, the Middle East, Latin America).
WORLD_NAME_LOCALES = (
    "en_IN", "en_PK", "en_KE", "en_NG", "en_TH", "ha_NG", "ig_NG", "yo_NG", "tw_GH", "sw",
    "zu_ZA", "id_ID", "vi_VN", "ja_JP", "zh_CN", "zh_TW", "az_AZ", "uz_UZ", "fr_DZ", "fr_BE",
    "es_AR", "es_CL", "es_CO", "es_CA", "ga_IE", "de_LU", "de_LI", "fr_CH", "fr_QC", "et_EE",
)


def _read_gz(name: str) -> frozenset[str]:
    import gzip

    try:
        with gzip.open(_DATA / name, "rt", encoding="utf-8") as f:
            return frozenset(line.strip() for line in f if line.strip())
    except OSError:  # pragma: no cover - a broken install
        return frozenset()


@functools.lru_cache(maxsize=1)
def english_dictionary() -> frozenset[str]:
    """English words written in lower case (SCOWL; see ``data/lexicons/build.py``): "mark",
    "grace", "said" are in it, "sharma", "fauziah", "kubernetes" are not."""
    return _read_gz("english_words.txt.gz") | common_words()


#: English words of this Zipf frequency or more (once in 100,000 words: "won", "long",
#: "young", "park") are among the commonest of the language.
_FREQUENT_ZIPF = 5.0


@functools.lru_cache(maxsize=1)
def frequent_english_words() -> frozenset[str]:
    """The commonest English words (wordfreq's English list, :data:`_FREQUENT_ZIPF`): a family
    name that is one of them ("Won", "Long", "Young") needs more than its place after a given
    name to be read as a name where casing tells nothing."""
    from wordfreq import get_frequency_dict, zipf_to_freq

    least = zipf_to_freq(_FREQUENT_ZIPF)
    return frozenset(w for w, f in get_frequency_dict("en", wordlist="small").items()
                     if f >= least and w.isalpha())


#: Common family names of one or two letters (Korean, Chinese pinyin and Cantonese,
#: Vietnamese), which the name lists leave out as too short to tell from other words on their
#: own. Used only beside a name that was found, after an initial ("C. Oh"), or in the name of
#: a personal document ("Ng_CV.pdf").
SHORT_SURNAMES = wordset("""
an bi bo da di do du fu ge gu ha he ho hu ji jo ko le li lu ly ma mo mu na ng ni oh om pi qi
qu ri ru so su ta ti to vi vo vu wu xi xu ye yi yu
""")

#: Small words of languages typed in Latin letters and mixed into English chat (romanized
#: Hindi/Urdu, Bengali and Tamil, Tagalog, Nigerian Pidgin and Yoruba, Swahili, Malay and
#: Indonesian, Spanish, Arabizi): pronouns, particles, postpositions, auxiliaries and the
#: commonest verbs and adverbs. Never a name: words that are also given names somewhere
#: ("abhi", "raja", "noor", "amani", "baraka", "ayo", "intan", "paz", "luz") are left out,
#: so the names rules still read them. The trained model cuts its spans at these words, and
#: the rules count them as ordinary words ("kal mera leave approve karna tha").
MIXED_IN_WORDS = wordset("""
sabi daw raw po na pa ba ng sa ang mga yung naman kasi lang para tapos galing uuwi tanong
sinabi ayon kay ni si bahala
mera meri mere tera teri tere uska uski uske unka unki hum tum aap maine usne humne tumne
unhone kisne sabne ye yeh woh wo koi kya aur bhi toh karna
hai hain ho hoon hun tha thi the thay raha rahi rahe gaya gayi gaye karna karo karke kar kiya
kiye kijiye karenge karunga karungi karegi karega hona hoga hogi hogaya hogya ho gaya diya
dena dedo de do dijiye lena lelo lo liya lete chahiye chahie sakta sakti sakte jana jaa ja
jao jaunga jaungi jayega aana aa aao aaya aaye aayi aayega bolo bola boli bole bolna bata
batao bataya samajh samjha samjho dekh dekho dekha dekhna suno suna sunna likh likho likha
bhejna bhejo bheja bhej mil mila mile milna milega chalo chal chala ruko rukna
ko ki ka ke se mein mai mujhe mujhko tujhe usko isko unko inko humko tumko aapko apna apni
apne hamara hamari hamare tumhara tumhari tumhare aapka aapki aapke iska iski iske inka inki
yeh ye woh wo voh yahan wahan idhar udhar kahan kab kaise kaisa kaisi kyun kyunki kyu kyon
kuch sab sabko bahut bohot bahot zyada jyada thoda thodi zara aaj parso
phir fir lekin magar par aur ya nahi nahin nai mat haan han ji accha acha achha achchi theek
thik sahi galat bilkul jaldi shayad matlab yaar yar bhai bhaiya didi behen dost wala wali
wale waala waali liye lie tak saath sath pehle baad upar neeche andar bahar paas door
kaam ghar khana paani paisa paise din raat subah shaam hafta mahina saal baat baatein
kya kyaa koi kisi kuchh ek teen char paanch kal bana banao banado pe ne wapas
bawo pupunta punta
hobe hocche korbo korchi korte korle kori ami tumi apni amar tomar apnar ache achhe nei
kintu tobe ekhon kothay keno kemon bhalo khub
enna epdi eppo enga illa irukku irukken pannu pannunga panren sollu sonna vaa poda
naan nee avan aval unga enga romba konjam seri sari
ang ng mga sa na pa po opo ba daw raw din rin lang naman kasi kaya pero tapos yung iyong
ito iyan iyon dito diyan doon ako ikaw ka siya kami tayo kayo sila ko mo niya namin natin
ninyo nila akin iyo kanya amin atin inyo kanila ano sino saan kailan bakit paano gaano ilan
may mayroon wala hindi oo sige salamat pakisend paki pakiayos paki-ayos pakicheck gusto
ayaw kailangan pwede puwede dapat baka siguro talaga sobra medyo lahat wag huwag bukas
kahapon ngayon mamaya agad lagi minsan sabi sinabi galing uuwi punta pumunta alis umalis
kain kumain tulog natulog trabaho bahay ulit muna nalang na-send naman yata ha hay grabe
dahil para sana kung kapag pag habang kahit
abeg abi wetin una dey don dem oya wahala sha shey jare oga sef comot
chop waka wan fit commot pikin palava kpele ehen ehn abeg-o naim
sebi ati sugbon nitori jowo ejo
sana asante habari nzuri pole poa sawa kesho leo bado tafadhali nini wapi lini
kwa mimi wewe yeye sisi ninyi wao hii hiyo huyo hapa pale kuna hakuna ndiyo hapana
kwenye lakini kama tu pia sasa karibu
saya aku kamu awak dia kami kita mereka nak tak tidak nggak gak ga enggak boleh bisa dah
sudah belum lagi juga aja saja sih dong kok deh lah kan yang ini itu untuk dengan ada
tolong terima kasih makasih mau ingin harus perlu sangat banget sekali besok kemarin
sekarang nanti tadi udah udh blm tpi tapi karena kalau kalo jadi bikin buat kasih kirim
pero porque que qué para por favor gracias hola mañana manana ahora bueno buena mucho muy
también tambien todo nada esto eso esta está estoy tengo quiero necesito puedes puede
hacer dime oye mira vale pues entonces siempre nunca donde dónde cuando cómo como
yalla inshallah inshalla wallah wallahi habibi habibti khalas shukran mafi mafish ana enta
enti inta inti howa heya ehna 3ashan ashan bas keda kida mesh msh ya3ni yaani tayeb tamam
""")
#: Those of them that are also given names or surnames somewhere: they stay readable as
#: names, yet still tell which language a line mixes in ("pupunta kami ni ...").
MIXED_IN_NAMES = MIXED_IN_WORDS & wordset("""
ada amar ami amin ana diya don jana lena leo mila mira nada naim pia sana sari una zara mimi
kami sakti tamam yang mai mile inka ilan kaisa enna lini rin sisi kori liya dia kung din
han kan dong wan sha gaya kaya ito kain pole mil bas thi
""") | (MIXED_IN_WORDS & SHORT_SURNAMES)
#: (in a text that mixes a language in, the short ones and "hai" are read as its words all
#: the same: "ko", "na", "ni" there are Hindi and Tagalog; a name part right after a name
#: word stays in its name, "nguyen van hai", see ``_shape.without_mixed_in``)
MIXED_IN_WORDS -= frozenset(w for w in MIXED_IN_NAMES if len(w) > 2 and w != "hai")


@functools.lru_cache(maxsize=1)
def mixed_in_markers() -> frozenset[str]:
    """The words of :data:`MIXED_IN_WORDS` and :data:`MIXED_IN_NAMES` that tell a text mixes
    in another language: no English word, no place ("maine", "como"), and no name of four
    letters or more ("wali", "sila"). The short ones stay ("hai", "ko", "na"): two of them in
    one line of English are rare."""
    first, last = world_names()
    places = world_places()[0]
    english = english_dictionary()
    return frozenset(w for w in MIXED_IN_WORDS | MIXED_IN_NAMES
                     if w not in english and w not in places and
                     (len(w) <= 3 or (w not in first and w not in last)))





#: Words that join the parts of a surname ("van der", "bin", "dos", "al-").
SURNAME_PARTICLES = wordset("van von der den de da di del della le la du dos das bin binti bint "
                            "ibn al el ter ten af av zu abu dela")


@functools.lru_cache(maxsize=1)
def world_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames) of Faker's Latin-script person providers of every locale, and
    of the shipped lists of traditions Faker covers thinly (``given_names.txt.gz``,
    ``family_names.txt.gz``: Pakistani names of the ``faker-pk`` package; see
    ``data/lexicons/build.py``; :data:`EAST_ASIAN_SURNAMES`), each also without its accents.
    Words of fewer than 3 letters are left out."""
    first: set[str] = set(name_lists()[0])
    last: set[str] = set(name_lists()[1])
    first.update(w for w in _read_gz("given_names.txt.gz") if len(w) >= 3)
    last.update(w for w in _read_gz("family_names.txt.gz") if len(w) >= 3)
    last.update(k for names in EAST_ASIAN_SURNAMES.values() for w in names
                if len(k := w.casefold()) >= 3)
    for locale in WORLD_NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):  # pragma: no cover - older Faker
            continue
        for attr in dir(provider):
            if attr.startswith("_") or "name" not in attr or "language" in attr or \
                    "prefix" in attr or ("suffix" in attr and "without" not in attr):
                continue
            values = getattr(provider, attr, ())
            if isinstance(values, dict):
                values = list(values)
            if not isinstance(values, (list, tuple)) or not values or \
                    not isinstance(values[0], str):
                continue
            target = first if ("first" in attr or "middle" in attr) else last
            target.update(w for w in _words(values) if (len(w) >= 3 and w.isascii()) or
                          (len(w) >= 3 and all(c.isalpha() or c in "-'" for c in w)))
    # names are typed without their accents too ("Otavio", "Tuan", "Thais")
    first.update([unaccented(w) for w in first])
    last.update([unaccented(w) for w in last])
    return frozenset(first), frozenset(last)


@functools.lru_cache(maxsize=1)
def world_name_words() -> frozenset[str]:
    """Every given name and surname of :func:`world_names`, in one set."""
    first, last = world_names()
    return first | last


#: Faker address attributes read into the world gazetteer (Latin-script entries only).
_PLACE_ATTRS = ("cities", "city_names", "real_city_names", "states", "provinces", "regions",
                "counties", "departments", "cantons", "municipalities", "districts",
                "prefectures", "luzon_provinces", "mindanao_provinces", "visayas_provinces",
                "metropolitan_cities", "countries")
_PLACE_LOCALES = (
    "ar_DZ", "az_AZ", "bn_BD", "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "el_GR", "en",
    "en_AU", "en_BD", "en_CA", "en_GB", "en_IE", "en_IN", "en_NZ", "en_PH", "en_US", "es_AR",
    "es_CO", "es_ES", "es_MX", "fi_FI", "fil_PH", "fr_CA", "fr_CH", "fr_DZ", "fr_FR", "hi_IN",
    "hr_HR", "hu_HU", "id_ID", "it_IT", "ja_JP", "ko_KR", "ne_NP", "nl_BE", "nl_NL", "pl_PL",
    "pt_PT", "ro_RO", "sk_SK", "sl_SI", "sv_SE", "ta_IN", "th_TH", "vi_VN", "zh_CN", "zu_ZA",
)


_LATIN_RE = __import__("re").compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’ .\-]+$")


def _latin(text: str) -> bool:
    return _LATIN_RE.match(text) is not None


@functools.lru_cache(maxsize=1)
def world_places() -> tuple[frozenset[str], frozenset[str], dict[str, int]]:
    """(places, countries and regions, longest match per first word), casefolded.

    Cities of more than 15,000 people (GeoNames), countries, and the Latin-script cities,
    states, provinces and regions of Faker's address providers of many locales, as
    ``data/lexicons/build.py`` wrote them. Places that
    are English words ("Nice", "Mobile", "Split") are left out unless they are countries or
    first-level regions.
    """
    english = english_dictionary()
    raw = _read_gz("world_places.txt.gz") | PLACE_NAMES
    sure = set(_read_gz("world_regions.txt.gz"))
    sure |= set(PLACE_NAMES)
    places = frozenset(p for p in raw if len(p) >= 3 and not any(ch.isdigit() for ch in p)
                       and (p in sure or p not in english) and p not in NOT_A_PLACE_WORD)
    longest: dict[str, int] = {}
    for place in places:
        words = place.replace("'", " ").replace("’", " ").replace("-", " ").split()
        if words:
            longest[words[0]] = max(longest.get(words[0], 0), len(words) + 2)
    return places, frozenset(sure & places), longest


#: Gazetteer entries that are far more often something else in chat.
NOT_A_PLACE_WORD = wordset("""
of the and or in on at to by for with from as is it this that van von der den de da di del la
le los las el al bin man can will may long golf bank rose grace hope joy page ford dell parker
sale male female none null true false test demo prod dev main master admin user users home
""")


# ---------------------------------------------------------------------- technical words
#: Programming languages, tools, frameworks, products, services and companies (many named
#: after people) that look like names: never a person or a place on their own.
TECH_TERMS = wordset("""
foo bar baz qux quux foobar
python java javascript typescript kotlin swift scala rust go golang ruby perl raku julia dart
elixir erlang haskell clojure lisp scheme racket ocaml fsharp crystal nim zig ada fortran cobol
pascal delphi lua tcl matlab octave mathematica wolfram simulink labview verilog vhdl solidity
vyper groovy powershell bash zsh fish cython jython pypy mojo gleam elm purescript reason
django flask fastapi pyramid tornado bottle sanic starlette pydantic sqlalchemy alembic peewee
rails sinatra hanami laravel symfony codeigniter express koa nestjs nextjs nuxt gatsby remix
astro svelte sveltekit angular react vue ember backbone jquery lodash redux mobx vite webpack
rollup parcel babel eslint prettier jest mocha chai jasmine karma cypress playwright puppeteer
selenium cucumber gherkin spring hibernate maven gradle quarkus micronaut akka ktor flutter
xamarin ionic cordova electron tauri qt gtk unity unreal godot blender maya houdini photoshop
illustrator figma sketch canva notion obsidian evernote trello asana jira confluence bitbucket
github gitlab gitea slack discord teams zoom webex skype whatsapp telegram signal viber wechat
kakao kakaotalk instagram facebook twitter reddit pinterest linkedin snapchat youtube twitch
netflix hulu spotify tidal deezer shazam uber lyft grab gojek ola bolt airbnb expedia agoda
trivago apple amazon alexa siri cortana bixby google android chrome chromium firefox safari opera
brave windows linux ubuntu debian fedora centos rhel manjaro alpine gentoo slackware freebsd
openbsd macos ios ipados watchos xcode homebrew conda anaconda miniconda mamba poetry pipenv
pip virtualenv tox nox pytest unittest ruff flake8 pylint mypy pyright sphinx mkdocs hugo
jekyll hexo wordpress drupal joomla magento shopify woocommerce wix squarespace webflow
zapier airtable retool postman insomnia swagger openapi graphql apollo hasura prisma sequelize
typeorm mongoose knex drizzle deno bun node nodejs npm yarn pnpm cargo rustc rustup gcc clang
llvm cmake bazel ninja meson msbuild nuget vcpkg conan kubernetes kubectl minikube kubeadm k3s
docker podman containerd nginx apache tomcat jetty caddy traefik haproxy gunicorn uvicorn
celery rabbitmq kafka pulsar zeromq airflow luigi dagster prefect spark pyspark hadoop hive
presto trino flink druid pinot clickhouse duckdb sqlite postgres postgresql mysql mariadb
oracle cassandra scylladb neo4j arangodb dgraph influxdb timescaledb mongodb couchbase couchdb
redis memcached elasticsearch opensearch kibana logstash grafana prometheus datadog splunk
sentry pagerduty opsgenie newrelic dynatrace jaeger zipkin istio linkerd envoy consul nomad
terraform pulumi ansible puppet vagrant packer jenkins travis circleci bamboo teamcity argocd
spinnaker tekton helm kustomize rancher openshift pandas polars numpy scipy matplotlib seaborn
plotly bokeh altair streamlit gradio jupyter jupyterlab colab kaggle pytorch tensorflow keras
jax flax sklearn scikit xgboost lightgbm catboost huggingface transformers langchain langgraph
llamaindex ollama vllm mistral mixtral llama gemma qwen claude gemini bard chatgpt gpt openai
anthropic copilot cursor codeium tabnine perplexity midjourney dalle stable diffusion whisper
bert roberta t5 deepseek grok phi cohere bedrock sagemaker vertex azure aws gcp ec2 s3
cloudfront dynamodb redshift athena kinesis fargate bigquery dataflow firebase supabase
planetscale netlify vercel heroku digitalocean linode vultr hetzner ovh cloudflare akamai
fastly snowflake databricks palantir tableau powerbi looker metabase superset redash dbt
fivetran airbyte mixpanel amplitude hotjar optimizely launchdarkly okta auth0 keycloak
tailscale wireguard openvpn wireshark nmap metasploit kali excel powerpoint outlook onedrive
sharepoint dropbox icloud gmail yahoo hotmail protonmail zoho salesforce hubspot zendesk
workday servicenow atlassian adobe autodesk intel amd nvidia qualcomm broadcom cisco juniper
ibm sap oracle lenovo asus acer xiaomi huawei oppo vivo oneplus samsung nintendo sega sony
panasonic toshiba hitachi fujitsu tencent alibaba baidu bytedance tiktok stripe twilio
paypal venmo zelle revolut wise monzo klarna adyen square shopee lazada tokopedia flipkart
paytm swiggy zomato careem jumia mpesa ethereum bitcoin solana cardano polkadot dogecoin
binance coinbase kraken metamask lambda kinesis ubuntu mint arch wsl vscode vim neovim emacs
intellij pycharm webstorm goland rider clion eclipse netbeans sublime atom notepad jetbrains
nextcloud owncloud gitpod codespaces replit glitch codepen jsfiddle leetcode hackerrank
codeforces stackoverflow medium substack quora wikipedia duolingo coursera udemy edx khan
ferrari porsche lamborghini bugatti maserati mclaren bentley rolls royce aston martin
mercedes benz daimler bmw audi volkswagen citroen citroën peugeot renault michelin toyota
honda suzuki yamaha kawasaki mazda subaru nissan mitsubishi hyundai kia tesla chevrolet
chevy buick cadillac chrysler dodge jeep ford dell disney mcdonald mcdonald's mcdonalds
walmart costco target ikea zara hermes hermès chanel gucci prada versace armani dior
vuitton balenciaga givenchy burberry adidas puma reebok nike boeing airbus siemens philips
bosch dyson heinz kellogg kellogg's cadbury nestle nestlé hershey wrigley colgate palmolive
gillette procter gamble levi levi's goldman sachs morgan stanley jpmorgan merrill lynch
barclays lloyds hsbc citi citibank santander rothschild lehman deloitte kpmg accenture
mckinsey bain pwc marriott hilton hyatt sheraton wells fargo schwab fidelity vanguard
blackrock bloomberg reuters nasdaq nyse dow jones
kalman dijkstra bayes bayesian fourier levenshtein gauss gaussian euler eulerian laplace
laplacian markov bezier bézier huffman hamming jaccard pearson spearman kruskal bellman
floyd warshall kaplan meier poisson bernoulli boltzmann newton newtonian lagrange lagrangian
hessian jacobian taylor riemann hilbert banach turing godel gödel nash pareto gini shapley
viterbi kolmogorov smirnov wilcoxon kullback leibler xavier glorot nesterov adagrad rmsprop
adamw knuth pratt rabin karp tarjan kosaraju hopcroft edmonds dinic prufer cantor fibonacci
mersenne fermat diffie hellman elgamal schnorr merkle lamport paxos mandelbrot sierpinski
voronoi delaunay dirichlet gibbs metropolis hastings runge kutta cholesky householder
lanczos arnoldi krylov chebyshev legendre hermite laguerre bessel hankel cauchy schwarz
minkowski mahalanobis hausdorff wasserstein sobel canny hough otsu butterworth nyquist
shannon lempel ziv bresenham phong gouraud fresnel doppler luenberger boolean hadamard
kronecker heaviside dirac schrodinger schrödinger heisenberg planck maxwell faraday ohm
kirchhoff coulomb ampere volta joule kelvin celsius fahrenheit pascal hertz tesla weber
bloom cuckoo murmur fenwick kadane manacher prim borůvka boruvka johnson bellman ford
fulkerson karatsuba strassen gale shapley hungarian kuhn munkres simplex dantzig horner
welch tukey cooley benford zipf amdahl moore conway brooks hofstadter murphy parkinson
okham occam ockham heron pythagoras pythagorean euclid euclidean archimedes cartesian
""")

def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: Family names of Chinese (pinyin; Cantonese, Hokkien and Taiwanese spellings), Korean and
#: Vietnamese tradition, written for chatveil: Faker has them in Hangul and Han characters, or
#: not at all, so its Latin-script lists miss "Chow", "Shin", "Won", "Huỳnh". Read into
#: :func:`world_names` (three letters or more, as its other lists) and by the training data
#: generator (``train/lexicon.py``).
EAST_ASIAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "zh": _names("""
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng
Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye
Cheng Wei Su Lu Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai Zou
Meng Xiong Qin Qiu Hou Yin Xue Yan Duan Lei Long Shao Mao Hao Kong Gu Qian Wan Tao Kang
Mo Hong Niu Ou Geng Chang Lai Dai Bao Zhan Qi Zhuang Ning Guan Ke Shang Yi Lü Sima Ouyang
"""),
    "hk": _names("""
Chan Wong Leung Cheung Lau Lee Ng Ho Tsang Chow Yeung Lam Tang Kwok Fung Tse Chu Lo Lai
Yip Mak Cheng Kwan Poon Siu Tam Choi Tong Tsui Hui Au Yuen Chau Koo Teo Tan Lim Goh Ong
Chua Koh Ang Sim Low Toh Yeo Quek Heng Chong Khoo Liew Tay Seah Foo
"""),
    "ko": _names("""
Kim Lee Park Choi Jung Jeong Kang Cho Jo Yoon Yun Jang Lim Im Han Oh Seo Shin Kwon Hwang Ahn
Song Yoo Yu Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Sim Noh Ha Kwak Sung Cha Joo Woo
Koo Min Ryu Na Jin Ji Eom Chae Won Cheon Bang Gong Hyun Pyo Byun Do Seok Tak Ma Lim Yeom
"""),
    "vi": _names("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Đoàn
Lương Mai Trịnh Cao Lâm Tạ Hà Châu Quách Tô Thái Kiều La Vương Từ Văn Triệu Khúc
"""),
}

#: Given names that are also ordinary English words, by naming tradition (virtue names, English
#: names taken as a second name, nicknames used as names). Written from general knowledge of
#: these traditions, not from any evaluation set. The training data gives a small share of
#: people one of these as their given name (``train/lexicon.py``), and the name rules take them
#: as names only where the context says so; they stay in the ordinary vocabulary too ("full of
#: hope", "a precious gift"), where they are no name.
WORD_GIVEN: dict[str, tuple[str, ...]] = {
    "nigerian": _names("""Blessing Precious Favour Goodluck Gift Patience Comfort Peace Mercy
        Praise Wisdom Success Prosper Godwin Joy Faith Hope Charity Prince Princess Divine
        Innocent Lucky Marvellous Miracle Testimony Treasure Victory Sunday Monday Friday"""),
    "african_other": _names("""Blessing Gift Precious Patience Memory Loveness Happiness Trust
        Innocent Given Knowledge Beauty Lucky Prosper Brilliant Clever Justice Fortune Mercy"""),
    "filipino": _names("""Princess Lovely Honey Baby Boy Jun Joy Sunshine Angel Precious Charity
        Pearl Cherry Crystal Bless Happy Star Rich Fair Lucky"""),
    "thai": _names("""Beam Golf Bank Ploy Mint Ice Fern Film Pop Ball Book Gift Cake Pear Palm
        Best Big Boat Bow Earth First Fluke Game Jam Kwan Nat New Oil Pink Tong"""),
    "chinese": _names("""Apple Candy Coco Winter Sky Tiger Summer Cherry Crystal Jade Ivy Angel
        Lucky Sunny Happy Bright Rain Snow Moon Star Wing Ocean Spring"""),
    "korean": _names("""Sky Sunny Jewel Hope Joy Grace Rain Star Rose"""),
    "indian": _names("""Harsh Lovely Pinky Sunny Happy Honey Dimple Bunty Sweety Lucky Raja
        Noble Guddu Rocky Smile Sonu Prince Silky Rinku"""),
    "south_asia_other": _names("""Sultan Noble Prince Shah Lucky Sunny Honey Happy Danish Rose
        Shine Star Badshah"""),
    "us_gb": _names("""Amber Faith Grace Hope Joy Rose Daisy Ruby Hunter Mason Chase Summer
        Autumn River Sky Storm Crystal Pearl Ivy Holly Dawn Rich Bill Will Mark Frank Guy Rob
        Pat Sue Drew Jack Penny Bob Art Page Sterling Major Royal Miles Gene Wade Lane Dean
        Ray Rusty Cliff Heather Lily Iris Violet Hazel Jasper Forest Reed Stone Cash Brook"""),
    "west_eu": _names("""Rose Hope Bram Noor Roos Fleur Sterre Lotte Guy Mark Will Pim Sem
        Storm Bo Lente Hero"""),
    "latam": _names("""Luz Paz Dolores Amparo Consuelo Socorro Rosario Pilar Mercedes Soledad
        Angel Jesus Cruz Rey Sol Gloria Esperanza"""),
    "arabic": _names("""Noor Amal Hope Sultan Prince Malik Jamil Karim Amir Hamid Latif Rafik"""),
    "malay_indo": _names("""Putri Intan Mawar Bunga Bintang Cahaya Embun Melati Permata Suci"""),
    "vietnamese": _names("""Long Son Hung Dung An Mai Tam Ha Hang Nam Toan Vinh"""),
}
#: The same, casefolded, without the days of the week (never taken for names alone).
WORD_NAMES = frozenset(w.casefold() for names in WORD_GIVEN.values() for w in names) - wordset(
    "monday tuesday wednesday thursday friday saturday sunday")

#: Chat abbreviations, interjections and laughter, and the short forms of CVs and tickets, written
#: in any casing ("omw", "rn", "LMK", "5 yrs exp", "the jd"):
#: never a name. Short words that are also names somewhere ("ty", "ya", "tho", "woo", "um",
#: "ong") are not here.
CHAT_WORDS = wordset("""
ok okay kk pls plz pleeease thx thnx tnx tysm tyvm ty4 np yw nvm nm tmrw tmr tmw tmrrw tomoz
2day 2moro 2nite tonite lol lols lolz lmao lmfao rofl roflmao omg omfg btw idk idc idgaf ikr
imo imho fyi asap eod eow eta tbh tbf tbd tba smh brb bbl gtg g2g ttyl ttys cya wfh ooo pto
omw otw rn atm afaik iirc afk irl jk jic ngl nbd lmk hmu wyd wbu hbu hru sup wassup wbu ily
ilysm sry soz ppl msg msgs txt pic pics vid bday bc bcs cuz coz cos thru gonna wanna
gotta kinda sorta dunno lemme gimme ya'll yall y'all ur urs dm dms pm fwiw tldr tl;dr
ofc ftw ffs wtf wth stfu gg gl hf ggwp fomo yolo irl sus lowkey highkey frfr istg
congrats congratz grats hmm hmmm hmmmm haha hahaha hahahaha hehe hehehe huhu ugh yay yup yep
yeah nah meh aww awww oops wow whoa ooh oooh ahh uhh umm erm hm mhm woohoo yikes
yr yrs hr hrs mins secs wk wks mos exp yoe jd pcs kms qty mgr req reqs dept approx
""")

#: Capitalised words that are no person in chat: languages, nationalities, religions, chat
#: abbreviations, days and months, titles, greetings, file and document words.
NOT_A_NAME_WORD = wordset("""
english hindi urdu bengali bangla punjabi gujarati marathi tamil telugu kannada malayalam
odia oriya assamese sinhala nepali pashto dari farsi persian arabic hebrew turkish kurdish
amharic tigrinya oromo somali swahili kiswahili yoruba igbo hausa twi akan zulu xhosa
afrikaans sotho tswana shona wolof fula fulani lingala kinyarwanda luganda malagasy
filipino tagalog cebuano ilocano bisaya malay bahasa indonesian javanese sundanese thai lao
khmer burmese vietnamese mandarin cantonese hokkien chinese korean japanese mongolian
tibetan uyghur kazakh uzbek tajik kyrgyz turkmen azeri azerbaijani armenian georgian russian
ukrainian belarusian polish czech slovak slovenian croatian serbian bosnian bulgarian
macedonian romanian moldovan hungarian finnish estonian latvian lithuanian swedish
norwegian danish icelandic faroese dutch flemish german austrian swiss french belgian
luxembourgish italian spanish catalan basque galician portuguese brazilian greek cypriot
maltese albanian irish scottish welsh british american canadian mexican colombian
peruvian chilean argentine argentinian venezuelan cuban dominican puerto rican ecuadorian
bolivian paraguayan uruguayan guatemalan honduran salvadoran nicaraguan panamanian
jamaican haitian trinidadian nigerian ghanaian kenyan ethiopian eritrean ugandan tanzanian
rwandan congolese cameroonian senegalese ivorian malian egyptian moroccan algerian tunisian
libyan sudanese saudi emirati qatari kuwaiti bahraini omani yemeni iraqi iranian syrian
lebanese jordanian palestinian israeli turkish afghan pakistani indian bangladeshi
sri lankan nepalese bhutanese maldivian chinese taiwanese singaporean malaysian
indonesian filipino vietnamese cambodian laotian myanmar thai korean australian zealander
kiwi aussie latino latina latinx hispanic asian african european arab arabian caucasian
muslim islam islamic christianity catholic protestant orthodox hindu hinduism
sikh sikhism buddhist buddhism jain jewish judaism shia sunni ramadan eid diwali holi
navratri durga puja pongal onam vesak songkran lunar chuseok tet nowruz hanukkah easter
christmas xmas halloween thanksgiving ty
hr mgr dept mon tue tues wed thu thur thurs fri feb mar apr jul aug sep
oct nov dec utc gmt est pst cet ist sgt jst hkt wat eat cat mr mrs ms mx dr prof sir
madam mme mlle herr frau khun sama kun bhai didi akka auntie aunty uncle
tita tito ate kuya mum mom dad bro sis
hi hello hey hiya dear thanks thank cheers regards best bye goodbye yes no yeah yep nope
sure please sorry welcome morning evening afternoon night today tomorrow yesterday
re fw fwd cc bcc subject pdf csv json yaml xml html css sql api url http https www
europe asia africa antarctica oceania americas eurasia scandinavia balkans caribbean
monday tuesday wednesday thursday friday saturday sunday weekday weekend
january february july september october november december
usd eur gbp jpy cny rmb inr pkr bdt lkr npr nzd cad chf sek dkk pln czk huf
rub uah brl mxn ars clp cop zar ngn kes ghs egp aed sar qar kwd omr bhd sgd hkd krw thb
vnd idr myr php
""") | CHAT_WORDS

#: Words after a capitalised name that make it an eponym or a product, not a person.
EPONYM_NEXT = wordset("""
algorithm algorithms theorem theorems law laws transform transforms filter filters distance
equation equations method methods distribution distributions test tests rule rules principle
conjecture lemma constant number numbers function functions series inequality blur kernel
process chain model models estimator curve curves coefficient index criterion paradox problem
effect search sort tree trees heap formula identity integral matrix operator space norm
optimizer optimiser initialization initialisation bound encoding code cipher hash graph plot
diagram machine machines scale prize medal award lecture lectures hypothesis inference
estimate estimation interpolation spline splines polynomial polynomials regression test
correction noise window windows loss attention layer layers network networks sampling sampler
walk field fields equations conditions condition pipeline framework library package plugin
app apps sdk api cli ide ee se ui os js db server servers cluster clusters studio cloud
engine platform console suite toolkit toolbox runtime compiler interpreter driver drivers
simulation simulations docs documentation client clients span spans trace traces logs
pricing plan plans subscription account stock stocks shares chart charts coding equilibrium
printer printers laptop laptops dishwasher fridge phone phones tablet watch headphones
earbuds camera console car cars bike bikes truck engine engines badge badges release
releases update updates version versions cluster instance instances bucket buckets queue
queues worker workers job jobs task tasks operator operators controller controllers
""")

#: Everyday programming and operations words that no English dictionary has ("namespace",
#: "init", "cron", "kubelet"): never a name, in any case.
TECH_JARGON = wordset("""
git svn hg tz cert certs init config configs conf auth authn authz repo repos env envs prod
staging dev devs cron
crontab sudo regex regexp async await enum enums bool int str dict dicts tuple tuples args
kwargs param params lib libs src tmp temp pkg pkgs yaml yml json jsonl toml xml csv tsv
http https ssh ssl tls dns cdn vpn jwt oauth csrf cors crud orm sdk sdks cli gui ui ux qa ci
cd devops mlops gitops devsecops k8s kube kubelet kubeconfig daemonset statefulset replicaset
configmap namespace namespaces webhook webhooks middleware backend backends frontend
frontends fullstack localhost dockerfile makefile readme changelog gitignore rebase upsert
dedupe dedup hotfix refactor refactoring linter linters mutex semaphore runtime runtimes
codebase monorepo microservice microservices serverless rollout rollouts rollback rollbacks
checksum checksums hashmap hashset hashtable bytecode pytorch numpy dataframe dataframes
dataset datasets datastore timestamp timestamps timeout timeouts uptime downtime
healthcheck healthchecks readiness liveness sidecar sidecars nodepool autoscaler autoscaling
hpa vpa pvc pv ingress egress loadbalancer proxy proxies hostname hostnames subnet subnets
vpc iam rbac acl acls sso mfa otp totp api apis endpoint endpoints websocket websockets grpc
protobuf graphql rest restful jsonrpc stdin stdout stderr argv chmod chown grep sed awk curl
wget tar gzip unzip ssh scp rsync systemd systemctl journald syslog cronjob cronjobs
genserver supervisor gen_server otp ecto liveview phoenix erlang beam dotnet nodejs npx
pip3 venv virtualenvs pyenv conda rustup tsconfig tsx jsx vue svelte nextjs vitest pnpm
lockfile lockfiles gitlab github bitbucket ec2 rds ecs eks aks gke lambda lambdas cloudwatch
wifi stacktrace traceback segfault nullptr malloc realloc calloc printf scanf stdlib iostream
boolean booleans struct structs impl trait traits goroutine goroutines mutexes def
func fn println
iterator iterators generator generators decorator decorators coroutine coroutines
tokenizer tokenizers embeddings finetune finetuning lora qlora rlhf llm llms gpu gpus
cuda cpu cpus tpu ram ssd nvme os oss ide ides vscode repl jupyter ipynb notebook notebooks
pytest unittest mock mocks stub stubs fixture fixtures linting lint prettier eslint tslint
webpack rollup esbuild swc babel polyfill polyfills transpile transpiler minify minified
uglify bundler bundlers bundle bundles cdn cdns saas paas iaas faas mvp poc kpi kpis okr okrs
roadmap backlog sprint sprints standup standups retro retros jira kanban scrum agile
errimagepull imagepullbackoff crashloopbackoff oomkilled evicted pending containercreating
""")
CONTINENTS = frozenset(["europe", "asia", "africa", "antarctica", "oceania", "americas",
                        "north america", "south america", "latin america", "central america",
                        "middle east", "eurasia", "scandinavia", "the balkans", "balkans",
                        "the caribbean", "caribbean", "southeast asia", "east asia",
                        "south asia", "west africa", "east africa", "sub-saharan africa"])

#: Labels of table columns and form fields whose value is a person (a column "employee" or
#: "employee name", "Patient: Grace Lee"; any label followed by "name" too), casefolded. The
#: table rule of :mod:`~chatveil.detect.recognizers.tables` and the label rule of
#: :mod:`~chatveil.detect.recognizers.evidence` are built from it; an accented label also
#: matches written without its accents ("prenom").
PERSON_LABELS = phrases("""
name, names, full name, fullname, first name, firstname, given name, givenname, last name,
lastname, family name, surname, person, staff, staff name, employee, employees, employee name,
candidate, candidates, candidate name, applicant, owner, owners, owned by, assignee, assigned,
assigned to, reviewer, reviewers, author, manager, supervisor, lead, customer, customer name,
client, patient, patient name, student, student name, pupil, guest, guest name, passenger,
passenger name, member, member name, contact, contact name, attendee, attendees, participant,
player, players, tenant, driver, rider, doctor, nurse, teacher, coach, parent, guardian,
referee, witness, interviewer, approver, requester, reporter, reported by, nombre, nom, prénom,
apellido, apellidos, nome, cognome, vorname, nachname, naam, nama
""")
#: Words that label a field of a form, a header or a transcript line ("Subject:", "Ville :",
#: "Geburtsdatum:"), in English and the other languages of forms users paste: never a name or
#: a speaker there. (Person labels are in :data:`PERSON_FIELD_LABELS`.)
FORM_LABEL_WORDS = wordset("""
note notes email e-mail mail phone tel fax mobile address name subject date time user bot
assistant system human ai model agent customer client question answer q a step example warning
error output input todo summary title location status result results source tip hint update
edit ps re fwd cc bcc from to sent attachment reference description price total cost category
type id url link website company organization organisation department role position job salary
age gender dob birthday nationality city country state zip postcode account iban card ssn
password username login key token version author owner priority deadline due comment comments
response request reply message context instructions instruction task goal prompt query
translation definition meaning usage caution important info details detail
nom prénom prenom prénoms ville pays adresse courriel téléphone telephone portable naissance
sexe nationalité profession employeur signature objet destinataire expéditeur montant
nombre apellido apellidos ciudad país pais dirección direccion teléfono correo fecha sexo
nacionalidad domicilio provincia código codigo firma asunto importe
nome cognome città citta indirizzo paese telefono cellulare nascita sesso nazionalità
cittadinanza oggetto firma importo
sobrenome cidade endereço endereco país telefone celular nascimento assinatura assunto
vorname nachname name stadt ort straße strasse land adresse telefon handy geburtsdatum
geburtsort geschlecht staatsangehörigkeit beruf betreff unterschrift betrag anschrift
naam voornaam achternaam stad woonplaats adres telefoon geboortedatum geslacht onderwerp
imię imie nazwisko miasto adres telefon płeć data
""")

#: Labels of a field that holds the given or the family name(s) of one person, in the
#: languages of pasted forms: a value of one word alone on its line is a name even when it is
#: an English word ("Prénom : Princess", "GIVEN NAMES: HOPE", "Surname: Walker").
NAME_PART_LABELS = phrases("""
first name, firstname, given name, givenname, forename, preferred name, prénom, prenom,
nombre, nome, vorname, voornaam, imię, imie, fornavn, förnamn, etunimi, keresztnév, jméno,
first names, given names, forenames, prénoms, nombres, vornamen, voornamen,
surname, surnames, last name, lastname, family name, apellido, apellidos, cognome, sobrenome,
nachname, familienname, achternaam, nazwisko, efternavn, efternamn, sukunimi, vezetéknév,
příjmení, soyad, soyadı, apelyido, nom de famille
""")
#: Labels whose value is a person as a field of a header, a form or a letter ("From:", "Dear",
#: "Spouse:", "Ship to:"), not as a column header: a column of that name may hold places,
#: teams, hosts or firms (a FROM,TO table of flights, a "host" column of servers), and a cell
#: that is such a word ("wife" in a column of relations) would read as the header of another
#: table.
PERSON_FIELD_LABELS = PERSON_LABELS | phrases("""
from, to, cc, bcc, reply-to, sender, recipient, attn, attention, dear, legal name,
preferred name, applicant name, payee, beneficiary, account holder, account name, holder,
traveller, traveler, landlord, contact person, emergency contact, next of kin, line manager,
hiring manager, requested by, physician, consultant, referred by, signed, signatory,
interviewee, mentor, approved by, prepared by, submitted by, host, organizer, organiser,
speaker, participants, members, team, nominee, winner, spouse, child, father, mother,
father's name, mother's name, husband, wife, son, daughter, transfer to, pay to, payable to,
bill to, ship to, deliver to, parties, party, plaintiff, defendant, claimant, respondent,
petitioner, deceased, executor, borrower, lender, buyer, seller, purchaser, lessee, lessor,
insured, policyholder, policy holder, cardholder, card holder, visitor, caller,
in the matter of, nom de famille, prénoms, nom d'usage, nombres, primer apellido,
segundo apellido, nome completo, sobrenome, familienname, voornaam, achternaam, imię,
nazwisko, soyad, soyadı, soyadi, nama lengkap, tên, họ tên, họ và tên, pangalan, apelyido,
titular, paciente, empleado, solicitante, destinatario, remitente, testigo, expéditeur,
destinataire, témoin, personne à prévenir, personne à contacter, contacto de emergencia
""") | NAME_PART_LABELS

#: Job titles and roles, capitalised after a name ("Pongsakorn Chaiyaporn Senior Analyst").
JOB_WORDS = wordset("""
manager director engineer officer analyst lead head chief president vice ceo cto cfo coo cio
founder cofounder co-founder developer designer architect consultant doctor nurse teacher
professor lecturer student intern assistant associate specialist coordinator administrator
executive representative agent secretary treasurer chair chairman chairwoman chairperson
partner principal senior junior staff team group department division unit office committee
board member owner supervisor scientist researcher editor writer author reporter producer
accountant auditor lawyer attorney counsel advocate solicitor barrister judge clerk officer
sergeant captain lieutenant general colonel major private corporal inspector detective
minister senator governor mayor councillor councilor ambassador consul king
queen sheikh emir lord lady dame sir madam mister miss mr mrs ms dr prof rev hon
operations sales marketing finance support engineering product design legal hr
recruiting procurement logistics analytics security research development human resources
""")
