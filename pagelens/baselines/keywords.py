"""Keyword lists in several languages (en, de, fr, es, it, nl, sv, pl, pt, ja, ko, zh) for the rules
baseline: what a form field's name, id, label, placeholder or aria-label says it is, and what a
button or a price line says.

Latin-script keywords match as whole words in lower-cased text whose ``camelCase``, ``_``, ``-``
and ``[]`` have been split into spaces (:func:`words_of`); CJK keywords match anywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Field token -> keywords. Order matters only for ties (see rules.FIELD_PRIORITY).
FIELD_KEYWORDS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e mail", "mail", "mail address", "correo", "courriel", "adresse e mail",
              "posta elettronica", "e post", "epost", "emailadres", "adres e mail", "メール",
              "メールアドレス", "이메일", "邮箱", "电子邮件", "電子郵件", "电子邮箱"),
    "tel": ("phone", "telephone", "tel", "mobile", "cell", "cellphone", "phone number", "telefon",
            "telefonnummer", "handy", "mobilnummer", "téléphone", "portable", "teléfono", "telefono",
            "móvil", "movil", "celular", "cellulare", "telefoonnummer", "mobiel", "mobilnummer",
            "numer telefonu", "telefone", "電話", "電話番号", "携帯", "전화", "휴대폰", "전화번호",
            "手机", "电话", "手機", "msisdn"),
    "password": ("password", "passwort", "kennwort", "mot de passe", "contraseña", "contrasena",
                 "clave", "wachtwoord", "lösenord", "losenord", "hasło", "haslo", "senha", "pass",
                 "passwd", "pwd", "pw", "pin", "passphrase", "パスワード", "비밀번호", "密码",
                 "密碼"),
    "username": ("username", "user name", "user", "userid", "user id", "login", "login id",
                 "loginid", "log in", "account", "account name", "benutzername", "benutzer",
                 "nom d utilisateur", "identifiant", "usuario", "nombre de usuario",
                 "nome utente", "utente", "gebruikersnaam", "användarnamn", "anvandarnamn",
                 "nazwa użytkownika", "login name", "nick", "nickname", "handle", "screen name",
                 "member id", "identifier", "identificador", "identifiant", "kennung", "customer id",
                 "ユーザー名", "ユーザid", "ログインid", "아이디", "사용자", "用户名",
                 "帳號", "账号", "用戶名"),
    "given-name": ("first name", "firstname", "fname", "f name", "first", "given name", "givenname",
                   "forename", "vorname", "prénom", "prenom", "nombre", "nome", "voornaam",
                   "förnamn", "fornamn", "imię", "imie", "primeiro nome", "名", "이름", "名字"),
    "family-name": ("last name", "lastname", "lname", "l name", "last", "surname", "family name",
                    "familyname", "nachname", "familienname", "nom de famille", "nom", "apellido",
                    "apellidos", "cognome", "achternaam", "efternamn", "nazwisko", "sobrenome",
                    "姓", "성", "姓氏"),
    "additional-name": ("middle name", "middlename", "middle", "mname", "middle initial",
                        "zweiter vorname", "segundo nombre", "tussenvoegsel"),
    "name": ("name", "full name", "fullname", "your name", "vollständiger name", "nom complet",
             "nombre completo", "nome completo", "volledige naam", "naam", "namn", "imię i nazwisko",
             "氏名", "お名前", "姓名", "이름", "名前"),
    "address-line1": ("address", "street", "street address", "address1", "address 1",
                      "address line 1", "addr1", "addr", "line1", "adresse", "straße", "strasse",
                      "anschrift", "rue", "dirección", "direccion", "calle", "indirizzo", "via",
                      "adres", "straat", "gatuadress", "adress", "ulica", "endereço", "住所",
                      "주소", "地址", "番地"),
    "address-line2": ("address2", "address 2", "address line 2", "addr2", "addr 2", "line2",
                      "line 2", "street 2", "street2", "apt",
                      "apartment", "suite", "unit", "adresszusatz", "complément", "complement",
                      "piso", "departamento", "interno", "toevoeging", "建物名"),
    "address-level2": ("city", "town", "stadt", "ort", "wohnort", "ville", "ciudad", "città",
                       "citta", "comune", "plaats", "woonplaats", "stad", "ort", "miasto",
                       "cidade", "suburb", "locality", "市区町村", "도시", "城市", "市"),
    "address-level1": ("state", "province", "region", "county", "bundesland", "région",
                       "provincia", "estado", "regio", "län", "województwo", "prefecture",
                       "都道府県", "省", "시도"),
    "postal-code": ("zip", "zipcode", "zip code", "postal", "postcode", "post code",
                    "postal code", "postalcode", "plz", "postleitzahl", "code postal", "cp",
                    "código postal", "codigo postal", "cap", "postnummer", "kod pocztowy",
                    "cep", "郵便番号", "우편번호", "邮编", "邮政编码", "pincode"),
    "country": ("country", "land", "pays", "país", "pais", "paese", "nazione", "kraj",
                "country code", "countrycode", "国", "국가", "国家"),
    "cc-number": ("card number", "cardnumber", "ccnum", "cc number", "ccnumber", "cc num",
                  "credit card", "creditcard", "card no", "cardno", "pan", "kartennummer",
                  "numéro de carte", "numero de carte", "número de tarjeta", "numero de tarjeta",
                  "numero della carta", "numero carta", "kaartnummer", "kortnummer",
                  "numer karty", "número do cartão", "カード番号", "카드번호", "卡号", "card"),
    "cc-csc": ("cvv", "cvc", "csc", "cvv2", "cvc2", "cid", "security code", "card verification",
               "verification number", "prüfnummer", "prufnummer", "sicherheitscode",
               "cryptogramme", "código de seguridad", "codice di sicurezza", "beveiligingscode",
               "säkerhetskod", "kod cvv", "セキュリティコード", "보안코드", "安全码"),
    "cc-exp": ("expiry", "expiration", "exp date", "expiry date", "expiration date", "exp",
               "expires", "mm yy", "mm yyyy", "valid thru", "valid until", "ablaufdatum",
               "gültig bis", "date d expiration", "fecha de caducidad", "vencimiento",
               "caducidad", "scadenza", "vervaldatum", "utgångsdatum", "data ważności",
               "validade", "有効期限", "유효기간", "有效期"),
    "cc-name": ("name on card", "cardholder", "card holder", "cardholder name", "ccname",
                "cc name", "name on the card", "karteninhaber", "titulaire", "titular",
                "intestatario", "kaarthouder", "kortinnehavare", "właściciel karty",
                "カード名義", "持卡人"),
    "bday": ("birthday", "birth date", "birthdate", "date of birth", "dob", "birth",
             "geburtsdatum", "geburtstag", "date de naissance", "fecha de nacimiento",
             "data di nascita", "geboortedatum", "födelsedatum", "data urodzenia",
             "data de nascimento", "生年月日", "생년월일", "出生日期", "生日"),
    "one-time-code": ("otp", "one time", "one time code", "verification code", "2fa", "totp",
                      "mfa", "authentication code", "auth code", "sms code", "passcode",
                      "security key", "confirmation code", "bestätigungscode",
                      "code de vérification", "código de verificación", "codice di verifica",
                      "verificatiecode", "verifieringskod", "kod weryfikacyjny", "認証コード",
                      "인증번호", "验证码"),
}

# Words that say a field is none of the tokens (search boxes, coupons, captchas, comments).
NOT_A_FIELD = ("search", "query", "q", "keyword", "keywords", "suche", "suchen", "recherche",
               "rechercher", "buscar", "búsqueda", "cerca", "zoeken", "sök", "szukaj", "検索", "검색",
               "搜索", "coupon", "promo", "voucher", "gift card", "giftcard", "captcha", "comment",
               "message", "subject", "company", "organization", "organisation", "firma",
               "website", "url", "quantity", "qty")
# Words that name one end of a range ("Year from", "dateToMonth", "Check-in day"): a date field
# with one is a search filter or a stay, not a birth date.
RANGE_ENDS = ("from", "to", "start", "end", "until", "min", "max", "von", "bis", "desde", "hasta",
              "fra", "til", "från", "till", "check in", "check out", "checkin", "checkout",
              "arrival", "departure")
# Words that say a password is being chosen, not typed from memory.
NEW_PASSWORD = ("new", "confirm", "confirmation", "repeat", "retype", "re enter", "reenter",
                "again", "verify", "choose", "create", "neues", "neu", "bestätigen", "wiederholen",
                "nouveau", "confirmer", "nueva", "confirmar", "repetir", "nuova", "conferma",
                "nieuw", "bevestig", "nytt", "bekräfta", "nowe", "potwierdź", "新しい", "確認",
                "새", "확인", "新", "确认")
# Words that ask for a first name and nothing else ("nombre", "nome" and "first" alone may ask for
# a whole name or another first thing): a form asking for one opens an account.
FIRST_NAME_WORDS = ("first name", "firstname", "fname", "given name", "givenname", "forename",
                    "vorname", "prénom", "prenom", "voornaam", "förnamn", "fornamn", "imię",
                    "primeiro nome", "nome proprio", "nombre de pila")
# Words that say a password box holds the password in use now: the old one of a change form.
CURRENT_PASSWORD = ("old", "current", "existing", "altes", "alte", "bisheriges", "aktuelles",
                    "ancien", "actuel", "anterior", "actual", "vecchia", "attuale", "oud",
                    "huidig", "huidige", "gammalt", "nuvarande", "stare", "obecne", "atual",
                    "antiga", "現在の", "旧", "현재", "기존", "当前", "原密码")
# Words that say a text box is about a password, not for one: its hint, its reminder question.
PASSWORD_ABOUT = ("hint", "reminder", "question", "answer", "hinweis", "frage", "antwort",
                  "indice", "réponse", "pregunta", "respuesta", "domanda", "risposta", "vraag",
                  "antwoord", "fråga", "svar", "pytanie", "odpowiedź", "pergunta", "resposta",
                  "ヒント", "질문", "提示")
MONTH = ("month", "mm", "monat", "mois", "mes", "mese", "maand", "månad", "miesiąc", "月")
YEAR = ("year", "yy", "yyyy", "jahr", "année", "annee", "año", "anno", "jaar", "år", "rok", "年")
DAY = ("day", "dd", "tag", "jour", "día", "dia", "giorno", "dag", "dzień", "日")

SUBMIT_WORDS = ("log in", "login", "sign in", "signin", "sign up", "signup", "register",
                "create account", "create my account", "join", "continue", "next", "submit",
                "send", "save", "subscribe", "go", "ok", "pay", "pay now", "place order",
                "confirm", "checkout", "buy", "order", "proceed", "verify", "done", "apply",
                "anmelden", "einloggen", "registrieren", "weiter", "absenden", "senden",
                "bestellen", "se connecter", "connexion", "s inscrire", "continuer", "valider",
                "envoyer", "iniciar sesión", "iniciar sesion", "entrar", "registrarse",
                "continuar", "enviar", "accedi", "registrati", "continua", "invia", "inloggen",
                "registreren", "doorgaan", "verzenden", "logga in", "fortsätt", "skicka",
                "zaloguj", "zarejestruj", "dalej", "wyślij", "ログイン", "登録", "次へ", "送信",
                "로그인", "가입", "다음", "登录", "注册", "下一步", "提交", "登入")
NOT_SUBMIT = ("cancel", "forgot", "reset", "show", "hide", "back", "close", "google", "facebook",
              "apple", "twitter", "github", "microsoft", "linkedin", "amazon", "help", "clear",
              "abbrechen", "annuler", "cancelar", "annulla", "zurück", "passwort vergessen",
              "mot de passe oublié", "olvidaste")
CART_WORDS = ("add to cart", "add to bag", "add to basket", "add to trolley", "add to order",
              "buy now", "buy it now", "add cart", "addtocart", "add to shopping cart",
              "in den warenkorb", "warenkorb", "in den einkaufswagen", "ajouter au panier",
              "ajouter au sac", "añadir al carrito", "agregar al carrito", "añadir a la cesta",
              "aggiungi al carrello", "in winkelwagen", "in winkelmand", "lägg i varukorg",
              "köp", "dodaj do koszyka", "adicionar ao carrinho", "comprar", "acheter",
              "kaufen", "jetzt kaufen", "acquista", "カートに入れる", "カートに追加", "購入",
              "장바구니", "구매", "加入购物车", "加入購物車", "立即购买", "cart", "basket", "bag")
OLD_PRICE_WORDS = ("was", "list price", "regular price", "reg", "msrp", "rrp", "uvp", "statt",
                   "vorher", "avant", "antes", "prima", "voor", "ord pris", "tidigare",
                   "przed", "originally", "compare at", "before", "定価", "정가", "原价")
# Class and id words that mark the old price where a style sheet would strike it out: all a
# render without the site's style sheets keeps ("old-price", "wasprice", "price--strike").
OLD_PRICE_CLASSES = ("old price", "price old", "oldprice", "priceold", "was price", "price was",
                     "wasprice", "compare at", "compare price", "compareprice", "list price",
                     "listprice", "original price", "price original", "strike", "strikethrough",
                     "strike through", "line through", "linethrough", "crossed", "strikeprice",
                     "price before", "before price", "rrp", "msrp", "uvp")
PRICE_ATTR_WORDS = ("price", "preis", "prix", "precio", "prezzo", "prijs", "pris", "cena",
                    "preco", "amount", "cost", "sale")
SIGNUP_WORDS = ("sign up", "signup", "register", "registration", "create account",
                "create an account", "join", "new account", "registrieren", "konto erstellen",
                "s inscrire", "créer un compte", "registrarse", "crear cuenta", "registrati",
                "crea account", "registreren", "account aanmaken", "skapa konto", "zarejestruj",
                "załóż konto", "新規登録", "会員登録", "회원가입", "注册", "註冊")
LOGIN_WORDS = ("log in", "login", "sign in", "signin", "anmelden", "einloggen", "connexion",
               "se connecter", "iniciar sesión", "iniciar sesion", "accedi", "inloggen",
               "logga in", "zaloguj", "ログイン", "로그인", "登录", "登入")
CART_PAGE_WORDS = ("shopping cart", "your cart", "my cart", "shopping bag", "your bag",
                   "basket", "warenkorb", "panier", "carrito", "carrello", "winkelwagen",
                   "varukorg", "koszyk", "カート", "장바구니", "购物车", "subtotal")
# Words of a page's title or main heading that name the shopping cart itself ("bag" and "basket"
# alone name products too: "Training Bag", "Laundry Basket").
CART_TITLE_WORDS = CART_PAGE_WORDS + (
    "cart", "shopping basket", "your basket", "my basket", "warenkorb", "einkaufswagen",
    "mon panier", "votre panier", "carrito", "carrello", "winkelwagen", "winkelmand", "varukorg",
    "kundvagn", "handlekurv", "indkøbskurv", "ostoskori", "koszyk", "carrinho", "sepetim",
    "alışveriş sepeti", "košík", "kosár", "корзина", "カート", "장바구니", "购物车", "購物車")
# Words of an order's own free-text box ("Order notes", "Delivery instructions"): a checkout may
# ask for one, where any other box for a message or a file makes a contact or application form.
ORDER_NOTE_WORDS = ("order", "delivery", "shipping", "checkout", "gift message", "bestellung",
                    "lieferung", "commande", "livraison", "pedido", "envío", "entrega", "ordine",
                    "consegna", "bestelling", "levering", "beställning", "leverans", "zamówienie",
                    "dostawa", "注文", "配送", "주문", "배송", "订单", "配送说明")
# Words of the button or link that leaves a cart for the checkout.
CHECKOUT_BUTTON_WORDS = ("checkout", "check out", "proceed to checkout", "go to checkout",
                         "zur kasse", "kasse", "commander", "passer la commande",
                         "valider mon panier", "tramitar pedido", "finalizar compra",
                         "finalizar pedido", "procedi all acquisto", "vai alla cassa", "cassa",
                         "afrekenen", "till kassan", "kassan", "przejdź do kasy", "do kasy",
                         "fechar pedido", "alışverişi tamamla", "sepeti onayla",
                         "оформить заказ", "レジに進む", "購入手続きへ", "주문하기", "결제하기",
                         "去结算", "结算")
# Words of a page's title or main heading that say it lists search results.
SEARCH_RESULTS_WORDS = ("search results", "results for", "suchergebnisse", "résultats de recherche",
                        "resultados de búsqueda", "risultati della ricerca", "zoekresultaten",
                        "sökresultat", "wyniki wyszukiwania", "resultados da pesquisa",
                        "arama sonuçları", "результаты поиска", "検索結果", "검색결과", "搜索结果")
CHECKOUT_WORDS = ("checkout", "check out", "payment", "billing", "shipping address",
                  "place order", "kasse", "zahlung", "paiement", "pago", "pagamento", "betaling",
                  "betalning", "płatność", "お支払い", "결제", "结算", "支付")

_SPLIT_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_NON_WORD = re.compile(r"[\s_\-\[\]\.:/\\|()'\"*,;#@!?<>{}=+$]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def words_of(text: str) -> str:
    """Lower-case text with identifier separators turned into single spaces and padded with a
    space each side (``"billingAddress_1"`` -> ``" billing address 1 "``), for whole-word search."""
    text = _SPLIT_CAMEL.sub(" ", text)
    return " " + _NON_WORD.sub(" ", text.lower()).strip() + " "


@lru_cache(maxsize=None)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    latin = sorted({w for w in words if not _CJK.search(w)}, key=len, reverse=True)
    cjk = sorted({w for w in words if _CJK.search(w)}, key=len, reverse=True)
    parts = []
    if latin:
        parts.append(r"(?<= )(?:" + "|".join(re.escape(w) for w in latin) + r")(?= )")
    if cjk:
        parts.append("|".join(re.escape(w) for w in cjk))
    return re.compile("|".join(parts) if parts else r"(?!x)x")


def has_any(text_words: str, words: tuple[str, ...]) -> bool:
    """Whether ``text_words`` (from :func:`words_of`) contains one of ``words``."""
    return bool(_pattern(words).search(text_words))


def longest_match(text_words: str, words: tuple[str, ...]) -> int:
    """Length in characters of the longest keyword of ``words`` found (0 when none): a longer
    keyword ("card number") is more specific than a shorter one ("card")."""
    return max((len(m.group(0)) for m in _pattern(words).finditer(text_words)), default=0)
