"""Languages, regions and currencies of synthetic shops.

Numbers and prices are formatted by Babel with the real CLDR rules of each locale (``12,50 €``,
``€ 12,50``, ``￥1,234``, ``1 234,50 zł``), names, addresses and filler text come from Faker's
locale providers, and the shop's own words (buttons, headings, field labels) come from the table
below, written by hand for each language. A cell may hold several variants separated by ``;``
(``Add to cart;Add to bag``), one of which a page picks, so two English shops need not say the
same thing.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from babel.numbers import format_currency, format_decimal

LANGS: tuple[str, ...] = ("en", "de", "fr", "es", "it", "nl", "sv", "pl", "pt", "ja", "ko", "zh", "tr")

# key: one cell per language in LANGS order, separated by " | ".
_TABLE = """
add_to_cart: Add to cart;Add to bag;Add to basket;Add to Cart | In den Warenkorb;In den Einkaufswagen;Zum Warenkorb hinzufügen | Ajouter au panier;Ajouter au sac | Añadir al carrito;Añadir a la cesta | Aggiungi al carrello | In winkelwagen;Toevoegen aan winkelmand | Lägg i varukorgen;Köp | Dodaj do koszyka | Adicionar ao carrinho;Comprar | カートに入れる;カートに追加 | 장바구니 담기;장바구니에 추가 | 加入购物车;添加到购物车 | Sepete ekle
buy_now: Buy now;Buy it now | Jetzt kaufen;Sofort kaufen | Acheter maintenant | Comprar ahora | Acquista ora;Compra ora | Nu kopen;Direct kopen | Köp nu | Kup teraz | Comprar agora | 今すぐ購入 | 바로 구매 | 立即购买 | Hemen al
wishlist: Add to wishlist;Save;♡ Wishlist | Auf den Merkzettel;Merken | Ajouter aux favoris | Añadir a favoritos | Aggiungi ai preferiti | Op verlanglijst | Spara som favorit | Dodaj do ulubionych | Adicionar aos favoritos | お気に入りに追加 | 찜하기 | 加入收藏 | Favorilere ekle
in_stock: In stock;Only 3 left;Ready to ship | Auf Lager;Sofort lieferbar | En stock | En stock;Disponible | Disponibile | Op voorraad | I lager | Dostępny;W magazynie | Em estoque | 在庫あり | 재고 있음 | 有货 | Stokta
quantity: Quantity;Qty | Menge;Anzahl | Quantité | Cantidad | Quantità | Aantal | Antal | Ilość | Quantidade | 数量 | 수량 | 数量 | Adet
description: Description;Product details;About this item | Beschreibung;Produktbeschreibung;Details | Description;Détails du produit | Descripción;Detalles | Descrizione;Dettagli | Beschrijving;Productinformatie | Beskrivning;Produktinformation | Opis;Opis produktu | Descrição;Detalhes | 商品説明;商品詳細 | 상품 설명;상세 정보 | 商品描述;商品详情 | Ürün açıklaması;Açıklama
features: Highlights;Features;Key features | Highlights;Merkmale;Eigenschaften | Points forts;Caractéristiques | Características;Lo más destacado | Caratteristiche;In evidenza | Kenmerken;Highlights | Egenskaper;Höjdpunkter | Cechy;Najważniejsze cechy | Destaques;Características | 特長;ポイント | 주요 특징 | 产品特点;亮点 | Öne çıkan özellikler
specs: Specifications;Tech specs;Details | Technische Daten;Spezifikationen | Caractéristiques techniques | Especificaciones | Specifiche tecniche | Specificaties | Specifikationer | Specyfikacja | Especificações | 仕様 | 사양 | 规格参数 | Teknik özellikler
reviews: Reviews;Customer reviews;Ratings & reviews | Bewertungen;Kundenrezensionen | Avis;Avis clients | Opiniones;Reseñas | Recensioni | Beoordelingen;Reviews | Recensioner;Omdömen | Opinie;Recenzje | Avaliações | レビュー;カスタマーレビュー | 리뷰;상품평 | 评价;用户评论 | Değerlendirmeler;Yorumlar
n_reviews: {n} reviews;({n});{n} ratings;{n} Reviews | {n} Bewertungen;({n});{n} Rezensionen | {n} avis;({n}) | {n} opiniones;({n});{n} reseñas | {n} recensioni;({n}) | {n} beoordelingen;({n}) | {n} recensioner;({n}) | {n} opinii;({n}) | {n} avaliações;({n}) | {n}件のレビュー;({n}件) | 리뷰 {n}개;({n}) | {n}条评价;({n}) | {n} değerlendirme;({n})
out_of_5: {r} out of 5;{r}/5;{r} | {r} von 5;{r}/5 | {r} sur 5;{r}/5 | {r} de 5;{r}/5 | {r} su 5;{r}/5 | {r} van 5;{r}/5 | {r} av 5 | {r} na 5;{r}/5 | {r} de 5 | 5つ星のうち{r};{r} | 5점 만점에 {r};{r} | {r} 分;{r}/5 | 5 üzerinden {r}
write_review: Write a review | Bewertung schreiben | Donner mon avis | Escribir una opinión | Scrivi una recensione | Schrijf een review | Skriv en recension | Napisz opinię | Escrever avaliação | レビューを書く | 리뷰 쓰기 | 写评价 | Yorum yaz
helpful: Helpful;Was this helpful? | Hilfreich;War das hilfreich? | Utile | Útil | Utile | Nuttig | Hjälpsam | Pomocne | Útil | 参考になった | 도움이 돼요 | 有用 | Faydalı
verified: Verified purchase;Verified buyer | Verifizierter Kauf | Achat vérifié | Compra verificada | Acquisto verificato | Geverifieerde aankoop | Verifierat köp | Zweryfikowany zakup | Compra verificada | 購入者 | 구매 인증 | 已购买 | Doğrulanmış alışveriş
free_shipping: Free shipping;Free delivery over {p} | Kostenloser Versand;Versandkostenfrei ab {p} | Livraison gratuite;Livraison offerte dès {p} | Envío gratis;Envío gratuito desde {p} | Spedizione gratuita;Spedizione gratis da {p} | Gratis verzending;Gratis verzending vanaf {p} | Fri frakt;Fri frakt över {p} | Darmowa dostawa;Darmowa wysyłka od {p} | Frete grátis;Frete grátis acima de {p} | 送料無料;{p}以上で送料無料 | 무료 배송;{p} 이상 무료배송 | 免运费;满{p}包邮 | Ücretsiz kargo;{p} üzeri ücretsiz kargo
plus_shipping: + {p} shipping;plus {p} delivery;Shipping: {p} | zzgl. {p} Versand;Versand: {p} | + {p} de livraison;Livraison : {p} | + {p} de envío;Envío: {p} | + {p} di spedizione;Spedizione: {p} | + {p} verzendkosten;Verzending: {p} | + {p} frakt;Frakt: {p} | + {p} dostawa;Dostawa: {p} | + {p} de frete;Frete: {p} | 送料 {p};送料：{p} | 배송비 {p} | 运费 {p} | Kargo: {p}
installments: or 4 interest-free payments of {p};or 4 × {p};Pay in 3 × {p} | oder 4 × {p};in 3 Raten à {p} | ou 4 × {p} sans frais;ou 3 fois {p} | o 4 pagos de {p};o 3 plazos de {p} | o 3 rate da {p};oppure 4 × {p} | of 4 × {p};in 3 termijnen van {p} | eller 4 × {p};Dela upp: {p}/mån | lub 10 rat po {p};4 × {p} | ou 10x de {p} sem juros;em até 6x de {p} | 分割 {p}×4回;月々 {p} | 무이자 할부 {p}×4;월 {p} | 分4期 每期{p};每月{p} | 4 × {p} taksit;aylık {p}
per_unit: {p} / 100 g;{p} / kg;{p} / l;({p} per item);{p} / 100 ml | {p} / 100 g;{p} / 1 kg;Grundpreis: {p} / l | {p} / kg;{p} le litre | {p} / kg;{p}/l | {p} / kg;{p} al litro | {p} per kg;{p} / l | {p} / kg;Jfr-pris {p}/kg | {p} / kg;{p} za 1 l | {p} / kg;{p} / l | 100gあたり {p};1個あたり {p} | 100g당 {p};개당 {p} | 每100克 {p};单价 {p} | {p} / kg;Birim fiyat {p}
save: Save {p};You save {p};-{pct}% | Sie sparen {p};-{pct}% | Économisez {p};-{pct}% | Ahorra {p};-{pct}% | Risparmi {p};-{pct}% | Bespaar {p};-{pct}% | Spara {p};-{pct}% | Oszczędzasz {p};-{pct}% | Economize {p};-{pct}% | {p}お得;{pct}%OFF | {p} 할인;{pct}% | 省{p};{pct}% off | {p} indirim;%{pct} indirim
was: Was;List price:;RRP | Statt;UVP;Bisher | Au lieu de;Prix initial | Antes;PVP | Prima;Prezzo di listino | Was;Van | Ord. pris;Tidigare | Przed;Cena regularna | De;Antes | 通常価格;参考価格 | 정가 | 原价 | Önceki fiyat;Liste fiyatı
related: You may also like;Related products;Customers also bought;More from this brand | Das könnte Ihnen auch gefallen;Ähnliche Produkte | Vous aimerez aussi;Produits similaires | También te puede gustar;Productos relacionados | Potrebbe piacerti anche;Prodotti correlati | Misschien ook interessant;Vergelijkbare producten | Du kanske också gillar;Liknande produkter | Może Ci się spodobać;Podobne produkty | Você também pode gostar;Produtos relacionados | こちらもおすすめ;関連商品 | 함께 보면 좋은 상품;추천 상품 | 猜你喜欢;相关商品 | Bunları da beğenebilirsiniz;Benzer ürünler
cart: Cart;Bag;Basket | Warenkorb | Panier | Carrito;Cesta | Carrello | Winkelwagen;Winkelmand | Varukorg | Koszyk | Carrinho;Sacola | カート | 장바구니 | 购物车 | Sepet
your_cart: Your cart;Shopping cart;Your bag;Shopping basket | Dein Warenkorb;Ihr Warenkorb | Votre panier;Mon panier | Tu carrito;Cesta de la compra | Il tuo carrello | Je winkelwagen | Din varukorg | Twój koszyk | Seu carrinho | ショッピングカート | 장바구니 | 我的购物车 | Sepetim
subtotal: Subtotal;Items | Zwischensumme | Sous-total | Subtotal | Subtotale | Subtotaal | Delsumma | Suma częściowa | Subtotal | 小計 | 소계;상품 금액 | 小计;商品金额 | Ara toplam
shipping: Shipping;Delivery | Versand;Lieferung | Livraison | Envío | Spedizione | Verzending | Frakt | Dostawa | Frete;Entrega | 送料 | 배송비 | 运费 | Kargo
tax: Tax;Estimated tax;VAT | inkl. MwSt.;MwSt. | TVA | IVA | IVA | btw | Moms | VAT | Impostos | 消費税 | 부가세 | 税费 | KDV
total: Total;Order total;Estimated total | Gesamtsumme;Gesamt | Total | Total | Totale | Totaal | Totalt | Razem;Do zapłaty | Total | 合計;お支払い金額 | 총 결제금액;합계 | 合计;应付总额 | Toplam
checkout: Checkout;Proceed to checkout;Check out;Continue to checkout | Zur Kasse;Zur Kasse gehen | Commander;Passer la commande;Valider mon panier | Tramitar pedido;Finalizar compra | Procedi all'acquisto;Vai alla cassa | Afrekenen;Verder naar bestellen | Till kassan;Gå till kassan | Przejdź do kasy;Do kasy | Finalizar compra;Fechar pedido | レジに進む;購入手続きへ | 주문하기;결제하기 | 去结算;结算 | Alışverişi tamamla;Sepeti onayla
continue_shopping: Continue shopping | Weiter einkaufen | Continuer mes achats | Seguir comprando | Continua lo shopping | Verder winkelen | Fortsätt handla | Kontynuuj zakupy | Continuar comprando | 買い物を続ける | 쇼핑 계속하기 | 继续购物 | Alışverişe devam et
remove: Remove;Delete | Entfernen;Löschen | Supprimer | Eliminar | Rimuovi | Verwijderen | Ta bort | Usuń | Remover | 削除 | 삭제 | 删除 | Kaldır
coupon: Discount code;Promo code;Gift card or discount code;Coupon code | Gutscheincode;Rabattcode | Code promo;Code de réduction | Código de descuento;Cupón | Codice sconto;Buono sconto | Kortingscode | Rabattkod | Kod rabatowy | Cupom de desconto | クーポンコード | 쿠폰 코드;할인 코드 | 优惠码;优惠券 | İndirim kodu;Kupon kodu
apply: Apply;Redeem | Einlösen;Anwenden | Appliquer | Aplicar | Applica | Toepassen | Använd | Zastosuj | Aplicar | 適用 | 적용 | 使用 | Uygula
order_summary: Order summary;Summary;Your order | Bestellübersicht;Ihre Bestellung | Récapitulatif;Votre commande | Resumen del pedido | Riepilogo ordine | Besteloverzicht | Ordersammanfattning | Podsumowanie zamówienia | Resumo do pedido | ご注文内容 | 주문 요약 | 订单摘要 | Sipariş özeti
contact_info: Contact information;Contact;Your details | Kontaktinformationen;Kontakt | Coordonnées;Contact | Información de contacto | Informazioni di contatto | Contactgegevens | Kontaktuppgifter | Dane kontaktowe | Informações de contato | 連絡先情報 | 연락처 정보 | 联系方式 | İletişim bilgileri
shipping_address: Shipping address;Delivery address;Where should we send your order? | Lieferadresse;Versandadresse | Adresse de livraison | Dirección de envío | Indirizzo di spedizione | Bezorgadres | Leveransadress | Adres dostawy | Endereço de entrega | お届け先住所 | 배송지 정보 | 收货地址 | Teslimat adresi
billing_address: Billing address | Rechnungsadresse | Adresse de facturation | Dirección de facturación | Indirizzo di fatturazione | Factuuradres | Faktureringsadress | Adres rozliczeniowy | Endereço de cobrança | 請求先住所 | 청구지 주소 | 账单地址 | Fatura adresi
payment: Payment;Payment method;Payment details | Zahlung;Zahlungsart | Paiement;Moyen de paiement | Pago;Método de pago | Pagamento;Metodo di pagamento | Betaling;Betaalmethode | Betalning;Betalningssätt | Płatność;Metoda płatności | Pagamento;Forma de pagamento | お支払い方法 | 결제 수단 | 支付方式 | Ödeme;Ödeme yöntemi
card_number: Card number;Credit card number | Kartennummer | Numéro de carte | Número de tarjeta | Numero della carta | Kaartnummer | Kortnummer | Numer karty | Número do cartão | カード番号 | 카드 번호 | 卡号 | Kart numarası
card_name: Name on card;Cardholder name | Name auf der Karte;Karteninhaber | Nom sur la carte;Titulaire de la carte | Nombre en la tarjeta;Titular | Nome sulla carta;Titolare | Naam op kaart;Kaarthouder | Namn på kortet;Kortinnehavare | Imię i nazwisko na karcie | Nome no cartão;Nome do titular | カード名義 | 카드 소유자 이름 | 持卡人姓名 | Kart üzerindeki isim
expiry: Expiration date;Expiry date;Expires;Exp. date | Ablaufdatum;Gültig bis | Date d'expiration | Fecha de caducidad;Vencimiento | Data di scadenza;Scadenza | Vervaldatum | Utgångsdatum;Giltig till | Data ważności | Validade;Data de validade | 有効期限 | 유효기간 | 有效期 | Son kullanma tarihi
month: Month;MM | Monat;MM | Mois;MM | Mes;MM | Mese;MM | Maand;MM | Månad;MM | Miesiąc;MM | Mês;MM | 月 | 월 | 月 | Ay
year: Year;YY;YYYY | Jahr;JJ | Année;AA | Año;AA | Anno;AA | Jaar;JJ | År;ÅÅ | Rok;RR | Ano;AA | 年 | 년 | 年 | Yıl
cvc: Security code;CVC;CVV;CVV/CVC | Prüfnummer;CVC | Cryptogramme;CVC | Código de seguridad;CVV | Codice di sicurezza;CVV | Beveiligingscode;CVC | Säkerhetskod;CVC | Kod CVV;CVC | Código de segurança;CVV | セキュリティコード | CVC 번호;보안 코드 | 安全码;CVV | Güvenlik kodu;CVV
email: Email;Email address;E-mail | E-Mail;E-Mail-Adresse | E-mail;Adresse e-mail | Correo electrónico;Email | Email;Indirizzo email | E-mailadres | E-postadress;E-post | Adres e-mail;E-mail | E-mail;Endereço de e-mail | メールアドレス | 이메일;이메일 주소 | 电子邮箱;邮箱 | E-posta;E-posta adresi
phone: Phone;Phone number;Mobile number | Telefon;Telefonnummer | Téléphone | Teléfono | Telefono;Cellulare | Telefoonnummer | Telefon;Mobilnummer | Telefon;Numer telefonu | Telefone;Celular | 電話番号 | 휴대폰 번호;전화번호 | 手机号码;电话 | Telefon;Cep telefonu
first_name: First name | Vorname | Prénom | Nombre | Nome | Voornaam | Förnamn | Imię | Nome | 名 | 이름 | 名 | Ad
last_name: Last name;Surname | Nachname | Nom | Apellidos | Cognome | Achternaam | Efternamn | Nazwisko | Sobrenome | 姓 | 성 | 姓 | Soyad
full_name: Full name;Name | Vollständiger Name;Name | Nom complet | Nombre completo | Nome e cognome | Volledige naam | Fullständigt namn | Imię i nazwisko | Nome completo | 氏名;お名前 | 이름;받는 분 | 姓名;收货人 | Ad soyad
address1: Address;Street address;Address line 1 | Straße und Hausnummer;Adresse | Adresse;Numéro et rue | Dirección;Calle y número | Indirizzo;Via e numero civico | Straat en huisnummer;Adres | Adress;Gatuadress | Ulica i numer;Adres | Endereço;Rua e número | 番地;住所 | 주소;상세 주소 | 详细地址;街道地址 | Adres;Sokak ve numara
address2: Apartment, suite, etc. (optional);Address line 2 | Adresszusatz (optional);Wohnung, Etage | Complément d'adresse | Piso, puerta (opcional) | Scala, interno (facoltativo) | Toevoeging (optioneel) | C/o, lägenhet (valfritt) | Mieszkanie (opcjonalnie) | Complemento | 建物名・部屋番号 | 상세 주소 (선택) | 门牌号（选填） | Adres satırı 2
city: City;Town/City | Stadt;Ort | Ville | Ciudad;Localidad | Città | Plaats;Woonplaats | Ort;Stad | Miasto;Miejscowość | Cidade | 市区町村 | 시/군/구 | 城市 | Şehir;İlçe
state: State;County;Province | Bundesland | Région;Département | Provincia | Provincia | Provincie | Län | Województwo | Estado | 都道府県 | 시/도 | 省份 | İl
zip: ZIP code;Postcode;Postal code | PLZ;Postleitzahl | Code postal | Código postal | CAP | Postcode | Postnummer | Kod pocztowy | CEP | 郵便番号 | 우편번호 | 邮政编码 | Posta kodu
country: Country;Country/Region | Land | Pays | País | Paese | Land | Land | Kraj | País | 国 | 국가 | 国家/地区 | Ülke
place_order: Place order;Pay now;Complete order;Pay {p} | Jetzt kaufen;Zahlungspflichtig bestellen;Bestellung abschicken | Payer;Valider la commande;Payer {p} | Realizar pedido;Pagar ahora | Paga ora;Conferma ordine | Bestelling plaatsen;Nu betalen | Slutför köp;Betala | Zamawiam i płacę;Kupuję i płacę | Finalizar pedido;Pagar agora | 注文を確定する;購入する | 결제하기;주문 완료 | 提交订单;立即支付 | Siparişi tamamla;Ödeme yap
continue: Continue;Next;Continue to payment;Continue to shipping | Weiter;Weiter zur Zahlung | Continuer;Suivant | Continuar;Siguiente | Continua;Avanti | Doorgaan;Volgende | Fortsätt;Nästa | Dalej;Przejdź dalej | Continuar;Próximo | 次へ進む;次へ | 다음;계속 | 下一步;继续 | Devam et;İleri
back: Back;Return to cart | Zurück | Retour | Volver | Indietro | Terug | Tillbaka | Wstecz | Voltar | 戻る | 이전 | 返回 | Geri
step_info: Information;Details | Adresse;Daten | Informations | Información | Informazioni | Gegevens | Uppgifter | Dane | Identificação | お客様情報 | 주문자 정보 | 填写信息 | Bilgiler
step_shipping: Shipping;Delivery | Versand | Livraison | Envío | Spedizione | Bezorging | Leverans | Dostawa | Entrega | 配送 | 배송 | 配送 | Kargo
step_payment: Payment | Zahlung | Paiement | Pago | Pagamento | Betaling | Betalning | Płatność | Pagamento | お支払い | 결제 | 支付 | Ödeme
step_review: Review;Confirm | Prüfen;Bestätigen | Vérification | Revisar | Conferma | Controleren | Bekräfta | Podsumowanie | Revisão | 確認 | 확인 | 确认 | Onay
sign_in: Sign in;Log in;Login | Anmelden;Einloggen | Se connecter;Connexion | Iniciar sesión;Entrar | Accedi | Inloggen | Logga in | Zaloguj się | Entrar;Fazer login | ログイン;サインイン | 로그인 | 登录 | Giriş yap;Oturum aç
sign_in_title: Sign in to your account;Welcome back;Log in;Customer login | Anmelden;Willkommen zurück;Kundenlogin | Connexion à votre compte;Bon retour | Inicia sesión en tu cuenta;Hola de nuevo | Accedi al tuo account;Bentornato | Inloggen op je account;Welkom terug | Logga in på ditt konto;Välkommen tillbaka | Zaloguj się do konta;Witaj ponownie | Acesse sua conta;Bem-vindo de volta | ログイン;会員ログイン | 로그인;회원 로그인 | 账号登录;欢迎回来 | Hesabına giriş yap;Tekrar hoş geldin
username: Username;Username or email;Email or username | Benutzername;E-Mail oder Benutzername | Identifiant;E-mail ou identifiant | Usuario;Email o usuario | Nome utente;Email o nome utente | Gebruikersnaam | Användarnamn | Login;E-mail lub login | Usuário;E-mail ou usuário | ユーザー名;メールアドレスまたはID | 아이디;아이디 또는 이메일 | 用户名;手机号/邮箱 | Kullanıcı adı;E-posta veya kullanıcı adı
password: Password | Passwort;Kennwort | Mot de passe | Contraseña | Password | Wachtwoord | Lösenord | Hasło | Senha | パスワード | 비밀번호 | 密码 | Şifre;Parola
new_password: Create password;Password;Choose a password | Passwort festlegen;Passwort | Créer un mot de passe;Mot de passe | Crea una contraseña;Contraseña | Crea una password;Password | Wachtwoord aanmaken;Wachtwoord | Skapa lösenord;Lösenord | Utwórz hasło;Hasło | Criar senha;Senha | パスワード（8文字以上）;パスワード | 비밀번호 (8자 이상);비밀번호 | 设置密码;密码 | Şifre oluştur;Şifre
confirm_password: Confirm password;Repeat password | Passwort wiederholen;Passwort bestätigen | Confirmer le mot de passe | Repetir contraseña | Conferma password | Herhaal wachtwoord | Bekräfta lösenord | Powtórz hasło | Confirmar senha | パスワード（確認） | 비밀번호 확인 | 确认密码 | Şifreyi tekrarla
forgot_password: Forgot your password?;Forgot password? | Passwort vergessen? | Mot de passe oublié ? | ¿Olvidaste tu contraseña? | Password dimenticata? | Wachtwoord vergeten? | Glömt lösenordet? | Nie pamiętasz hasła? | Esqueceu a senha? | パスワードをお忘れの方 | 비밀번호 찾기 | 忘记密码？ | Şifremi unuttum
remember_me: Remember me;Keep me signed in | Angemeldet bleiben | Se souvenir de moi | Recordarme | Ricordami | Onthoud mij | Kom ihåg mig | Zapamiętaj mnie | Lembrar de mim | ログイン状態を保持 | 로그인 상태 유지 | 记住我 | Beni hatırla
no_account: New customer?;Don't have an account?;New here? | Neu hier?;Noch kein Konto? | Nouveau client ?;Pas encore de compte ? | ¿Nuevo cliente?;¿No tienes cuenta? | Nuovo cliente?;Non hai un account? | Nieuwe klant?;Nog geen account? | Ny kund?;Inget konto? | Nowy klient?;Nie masz konta? | Novo cliente?;Não tem conta? | はじめてご利用の方 | 아직 회원이 아니신가요? | 新用户？;还没有账号？ | Yeni müşteri misin?;Hesabın yok mu?
create_account: Create account;Register;Sign up;Join now | Konto erstellen;Registrieren | Créer un compte;S'inscrire | Crear cuenta;Registrarse | Crea account;Registrati | Account aanmaken;Registreren | Skapa konto;Registrera dig | Załóż konto;Zarejestruj się | Criar conta;Cadastre-se | 新規会員登録;アカウント作成 | 회원가입;가입하기 | 注册;创建账号 | Hesap oluştur;Üye ol
create_title: Create your account;Create an account;Join us;Register | Konto erstellen;Registrierung | Créer votre compte;Inscription | Crea tu cuenta;Registro | Crea il tuo account;Registrazione | Maak een account aan;Registreren | Skapa ditt konto;Bli medlem | Utwórz konto;Rejestracja | Crie sua conta;Cadastro | 会員登録;アカウントを作成 | 회원가입 | 创建账号;新用户注册 | Hesabını oluştur;Üyelik
otp: Verification code;Enter the 6-digit code;One-time code | Bestätigungscode;Sicherheitscode | Code de vérification | Código de verificación | Codice di verifica | Verificatiecode | Verifieringskod | Kod weryfikacyjny | Código de verificação | 確認コード;認証コード | 인증번호 | 验证码 | Doğrulama kodu
verify: Verify;Confirm | Bestätigen | Vérifier | Verificar | Verifica | Verifiëren | Verifiera | Zweryfikuj | Verificar | 認証する | 인증하기 | 验证 | Doğrula
otp_sent: We sent a code to your phone.;Enter the code we texted you. | Wir haben Ihnen einen Code gesendet. | Nous vous avons envoyé un code. | Te hemos enviado un código. | Ti abbiamo inviato un codice. | We hebben je een code gestuurd. | Vi har skickat en kod. | Wysłaliśmy kod. | Enviamos um código. | コードを送信しました。 | 인증번호를 보냈습니다. | 验证码已发送。 | Kod gönderdik.
birthday: Date of birth;Birthday | Geburtsdatum | Date de naissance | Fecha de nacimiento | Data di nascita | Geboortedatum | Födelsedatum | Data urodzenia | Data de nascimento | 生年月日 | 생년월일 | 出生日期 | Doğum tarihi
day: Day;DD | Tag;TT | Jour;JJ | Día;DD | Giorno;GG | Dag;DD | Dag;DD | Dzień;DD | Dia;DD | 日 | 일 | 日 | Gün
newsletter_title: Subscribe to our newsletter;Join our mailing list;Get 10% off your first order;Stay in the loop | Newsletter abonnieren;10 % Rabatt sichern | Inscrivez-vous à la newsletter;-10 % sur votre première commande | Suscríbete a nuestra newsletter;10 % de descuento | Iscriviti alla newsletter;10% di sconto | Schrijf je in voor de nieuwsbrief;10% korting | Prenumerera på vårt nyhetsbrev;10 % rabatt | Zapisz się do newslettera;-10% na pierwsze zakupy | Assine nossa newsletter;10% de desconto | メールマガジン登録;初回10%OFF | 뉴스레터 구독;첫 구매 10% 할인 | 订阅新闻通讯;首单立减10% | Bültene abone ol;İlk siparişe %10 indirim
newsletter_text: News, offers and early access. Unsubscribe anytime.;Be the first to know about new arrivals. | Neuheiten und Angebote direkt ins Postfach. | Nouveautés et offres exclusives. | Novedades y ofertas exclusivas. | Novità e offerte esclusive. | Nieuws en aanbiedingen in je inbox. | Nyheter och erbjudanden direkt i inkorgen. | Nowości i promocje na Twój e-mail. | Novidades e ofertas exclusivas. | 新商品やセール情報をお届けします。 | 신상품과 할인 소식을 받아보세요. | 第一时间获取新品和优惠。 | Yeni ürünler ve fırsatlar.
subscribe: Subscribe;Sign up;Join | Abonnieren;Anmelden | S'abonner;Je m'inscris | Suscribirme | Iscriviti | Inschrijven | Prenumerera | Zapisz się | Assinar | 登録する | 구독하기 | 订阅 | Abone ol
search_ph: Search products;Search;What are you looking for?;Search the store | Suche;Produkte suchen;Wonach suchst du? | Rechercher;Rechercher un produit | Buscar;Buscar productos | Cerca;Cerca prodotti | Zoeken;Waar ben je naar op zoek? | Sök;Sök produkter | Szukaj;Czego szukasz? | Buscar;O que você procura? | 商品を検索;キーワードを入力 | 검색어를 입력하세요;상품 검색 | 搜索商品;请输入关键词 | Ürün ara;Ne aramıştınız?
search: Search;Go | Suchen | Rechercher;OK | Buscar | Cerca | Zoeken | Sök | Szukaj | Buscar | 検索 | 검색 | 搜索 | Ara
cookie_text: We use cookies to improve your experience and for marketing.;This website uses cookies. By continuing you agree to our cookie policy. | Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.;Diese Website verwendet Cookies. | Nous utilisons des cookies pour améliorer votre expérience. | Utilizamos cookies para mejorar tu experiencia. | Utilizziamo i cookie per migliorare la tua esperienza. | Wij gebruiken cookies om je ervaring te verbeteren. | Vi använder cookies för att förbättra din upplevelse. | Używamy plików cookie, aby ulepszyć działanie serwisu. | Usamos cookies para melhorar sua experiência. | 当サイトではCookieを使用しています。 | 이 웹사이트는 쿠키를 사용합니다. | 本网站使用Cookie以改善您的体验。 | Deneyiminizi geliştirmek için çerez kullanıyoruz.
accept: Accept all;Accept;Got it;OK | Alle akzeptieren;Akzeptieren | Tout accepter;Accepter | Aceptar todo;Aceptar | Accetta tutti;Accetta | Alles accepteren;Akkoord | Godkänn alla;Acceptera | Akceptuję wszystkie;Akceptuję | Aceitar todos;Aceitar | すべて許可;同意する | 모두 동의;확인 | 全部接受;同意 | Tümünü kabul et;Kabul et
reject: Reject all;Decline;Only necessary | Ablehnen;Nur notwendige | Tout refuser;Refuser | Rechazar;Solo necesarias | Rifiuta;Solo necessari | Weigeren;Alleen noodzakelijk | Avvisa;Endast nödvändiga | Odrzuć;Tylko niezbędne | Rejeitar;Apenas necessários | 拒否する | 거부 | 拒绝 | Reddet
cookie_settings: Settings;Customize;Manage preferences | Einstellungen | Personnaliser | Configurar | Personalizza | Instellingen | Inställningar | Ustawienia | Configurações | 設定 | 설정 | 设置 | Ayarlar
close: Close;× | Schließen | Fermer | Cerrar | Chiudi | Sluiten | Stäng | Zamknij | Fechar | 閉じる | 닫기 | 关闭 | Kapat
nav: New in;Women;Men;Kids;Home;Sale;Brands;Beauty;Electronics;Outdoor;Gifts | Neuheiten;Damen;Herren;Kinder;Wohnen;Sale;Marken;Beauty;Elektronik;Outdoor | Nouveautés;Femme;Homme;Enfant;Maison;Soldes;Marques;Beauté;High-tech | Novedades;Mujer;Hombre;Niños;Hogar;Rebajas;Marcas;Belleza;Electrónica | Novità;Donna;Uomo;Bambini;Casa;Saldi;Marchi;Bellezza;Elettronica | Nieuw;Dames;Heren;Kinderen;Wonen;Sale;Merken;Beauty;Elektronica | Nyheter;Dam;Herr;Barn;Hem;Rea;Varumärken;Skönhet;Elektronik | Nowości;Kobieta;Mężczyzna;Dziecko;Dom;Wyprzedaż;Marki;Uroda;Elektronika | Novidades;Feminino;Masculino;Infantil;Casa;Promoções;Marcas;Beleza;Eletrônicos | 新着;レディース;メンズ;キッズ;インテリア;セール;ブランド;コスメ;家電 | 신상품;여성;남성;키즈;리빙;세일;브랜드;뷰티;가전 | 新品;女装;男装;童装;家居;特卖;品牌;美妆;数码 | Yeni;Kadın;Erkek;Çocuk;Ev;İndirim;Markalar;Kozmetik;Elektronik
footer: About us;Shipping & returns;Privacy policy;Terms of service;Contact;Careers;Store locator;Gift cards;Track order | Über uns;Versand & Rückgabe;Datenschutz;AGB;Impressum;Kontakt;Karriere;Gutscheine | À propos;Livraison et retours;Confidentialité;CGV;Mentions légales;Contact;Cartes cadeaux | Sobre nosotros;Envíos y devoluciones;Privacidad;Condiciones;Contacto;Tarjetas regalo | Chi siamo;Spedizioni e resi;Privacy;Termini e condizioni;Contatti;Carte regalo | Over ons;Verzenden & retourneren;Privacy;Voorwaarden;Klantenservice;Cadeaukaarten | Om oss;Frakt & returer;Integritetspolicy;Köpvillkor;Kundtjänst;Presentkort | O nas;Dostawa i zwroty;Polityka prywatności;Regulamin;Kontakt;Karty podarunkowe | Sobre nós;Trocas e devoluções;Privacidade;Termos de uso;Fale conosco;Vale-presente | 会社概要;配送・返品;プライバシーポリシー;利用規約;お問い合わせ;ギフトカード | 회사소개;배송/반품;개인정보처리방침;이용약관;고객센터;기프트카드 | 关于我们;配送与退货;隐私政策;服务条款;联系我们;礼品卡 | Hakkımızda;Kargo ve iade;Gizlilik;Kullanım koşulları;İletişim;Hediye kartı
account: My account;Account;Sign in | Mein Konto;Konto | Mon compte;Compte | Mi cuenta | Il mio account | Mijn account | Mitt konto | Moje konto | Minha conta | マイページ | 마이페이지 | 我的账户 | Hesabım
orders: Orders;Order history | Bestellungen | Mes commandes | Mis pedidos | I miei ordini | Bestellingen | Ordrar | Zamówienia | Meus pedidos | 注文履歴 | 주문 내역 | 我的订单 | Siparişlerim
addresses: Addresses;Address book | Adressen;Adressbuch | Adresses | Direcciones | Indirizzi | Adressen | Adresser | Adresy | Endereços | 住所録 | 배송지 관리 | 收货地址 | Adreslerim
logout: Log out;Sign out | Abmelden | Déconnexion | Cerrar sesión | Esci | Uitloggen | Logga ut | Wyloguj | Sair | ログアウト | 로그아웃 | 退出登录 | Çıkış yap
save_changes: Save changes;Save;Update | Speichern;Änderungen speichern | Enregistrer | Guardar cambios | Salva modifiche | Opslaan | Spara | Zapisz zmiany | Salvar alterações | 変更を保存 | 저장하기 | 保存 | Kaydet
sort_by: Sort by;Sort: Featured;Sort by: Best selling | Sortieren nach;Sortierung: Beliebtheit | Trier par;Trier : Pertinence | Ordenar por;Ordenar: Relevancia | Ordina per;Ordina: Rilevanza | Sorteer op;Sorteren: Populair | Sortera efter;Sortera: Populära | Sortuj według;Sortuj: Trafność | Ordenar por;Ordenar: Relevância | 並び替え;おすすめ順 | 정렬;추천순 | 排序;综合排序 | Sırala;Önerilen
filter: Filter;Filters;Refine | Filter;Filtern | Filtrer;Filtres | Filtrar;Filtros | Filtra;Filtri | Filter;Filteren | Filtrera;Filter | Filtruj;Filtry | Filtrar;Filtros | 絞り込み | 필터 | 筛选 | Filtrele
results: {n} results;{n} products;Showing 1–24 of {n} | {n} Ergebnisse;{n} Artikel | {n} résultats;{n} produits | {n} resultados;{n} productos | {n} risultati;{n} prodotti | {n} resultaten;{n} producten | {n} resultat;{n} produkter | {n} wyników;{n} produktów | {n} resultados;{n} produtos | {n}件;検索結果 {n}件 | {n}개 상품;검색결과 {n}건 | 共{n}件商品;{n}个结果 | {n} sonuç;{n} ürün
price_filter: Price;Price range | Preis | Prix | Precio | Prezzo | Prijs | Pris | Cena | Preço | 価格 | 가격 | 价格 | Fiyat
brand: Brand | Marke | Marque | Marca | Marca | Merk | Varumärke | Marka | Marca | ブランド | 브랜드 | 品牌 | Marka
color: Color;Colour | Farbe | Couleur | Color | Colore | Kleur | Färg | Kolor | Cor | カラー | 색상 | 颜色 | Renk
size: Size | Größe | Taille | Talla | Taglia | Maat | Storlek | Rozmiar | Tamanho | サイズ | 사이즈 | 尺码 | Beden
sold_by: Sold by {s};Ships from and sold by {s} | Verkauf durch {s};Verkäufer: {s} | Vendu par {s} | Vendido por {s} | Venduto da {s} | Verkocht door {s} | Säljs av {s} | Sprzedawca: {s} | Vendido por {s} | 販売元: {s} | 판매자: {s} | 卖家：{s} | Satıcı: {s}
other_sellers: Other sellers;More buying choices;Compare offers | Weitere Anbieter;Andere Verkäufer | Autres vendeurs;Autres offres | Otros vendedores | Altri venditori | Andere verkopers | Andra säljare | Inne oferty | Outros vendedores | その他の出品者 | 다른 판매자 | 其他卖家 | Diğer satıcılar
delivery: Delivery {d};Get it by {d};Arrives {d} | Lieferung {d};Voraussichtlich {d} | Livraison {d} | Entrega {d};Recíbelo el {d} | Consegna {d} | Bezorging {d};Morgen in huis | Leverans {d} | Dostawa {d} | Entrega {d} | お届け予定 {d} | {d} 도착 예정 | 预计{d}送达 | Tahmini teslimat {d}
sale: Sale;-{pct}%;Deal | Sale;-{pct}% | Promo;-{pct}% | Oferta;-{pct}% | Offerta;-{pct}% | Aanbieding;-{pct}% | Rea;-{pct}% | Promocja;-{pct}% | Oferta;-{pct}% | SALE;{pct}%OFF | 세일;{pct}% | 特价;{pct}%折扣 | İndirim;%{pct}
new: New;New arrival | Neu | Nouveau | Nuevo | Novità | Nieuw | Nyhet | Nowość | Novo | NEW;新着 | NEW;신상 | 新品 | Yeni
read_more: Read more;Show more | Mehr lesen;Mehr anzeigen | Lire la suite;Voir plus | Leer más;Ver más | Leggi di più | Lees meer | Läs mer | Czytaj więcej | Ler mais | もっと見る | 더보기 | 查看更多 | Devamını oku
help_title: Help center;How can we help?;FAQ;Customer service | Hilfe;Wie können wir helfen?;Häufige Fragen | Aide;Comment pouvons-nous vous aider ?;FAQ | Ayuda;¿Cómo podemos ayudarte? | Assistenza;Come possiamo aiutarti? | Klantenservice;Hoe kunnen we helpen? | Hjälp;Vanliga frågor | Pomoc;Jak możemy pomóc? | Central de ajuda;Como podemos ajudar? | ヘルプセンター;よくあるご質問 | 고객센터;자주 묻는 질문 | 帮助中心;常见问题 | Yardım merkezi;Sıkça sorulan sorular
welcome: Welcome back, {name};Hello, {name} | Willkommen, {name};Hallo {name} | Bonjour {name} | Hola, {name} | Ciao {name} | Welkom, {name} | Hej {name} | Witaj, {name} | Olá, {name} | {name}様、こんにちは | {name}님, 안녕하세요 | {name}，您好 | Merhaba {name}
shop_now: Shop now;Discover;Shop the collection | Jetzt shoppen;Entdecken | Découvrir;Acheter | Comprar ya;Descubrir | Scopri;Acquista | Shop nu;Ontdek | Handla nu;Upptäck | Kup teraz;Odkryj | Compre agora;Descubra | 今すぐチェック;詳しく見る | 지금 쇼핑하기;보러가기 | 立即选购;去看看 | Alışverişe başla;Keşfet
optional: (optional) | (optional) | (facultatif) | (opcional) | (facoltativo) | (optioneel) | (valfritt) | (opcjonalnie) | (opcional) | （任意） | (선택) | （选填） | (isteğe bağlı)
required: * | * | * | * | * | * | * | * | * | 必須 | * | * | *
agree_terms: I agree to the terms and privacy policy;I accept the Terms of Service | Ich akzeptiere die AGB und Datenschutzbestimmungen | J'accepte les CGV | Acepto los términos y condiciones | Accetto i termini e condizioni | Ik ga akkoord met de voorwaarden | Jag godkänner villkoren | Akceptuję regulamin | Li e aceito os termos | 利用規約に同意する | 이용약관에 동의합니다 | 我已阅读并同意用户协议 | Üyelik sözleşmesini kabul ediyorum
express: Express checkout;Pay faster with | Express-Kasse;Schneller bezahlen | Paiement express | Pago exprés | Pagamento rapido | Snel afrekenen | Expresskassa | Szybka płatność | Pagamento expresso | エクスプレスチェックアウト | 간편결제 | 快捷支付 | Hızlı ödeme
or: or;OR | oder | ou | o | oppure | of | eller | lub | ou | または | 또는 | 或 | veya
secure: Secure checkout;All transactions are secure and encrypted. | Sichere Zahlung;SSL-verschlüsselt | Paiement sécurisé | Pago seguro | Pagamento sicuro | Veilig betalen | Säker betalning | Bezpieczna płatność | Pagamento seguro | 安全なお支払い | 안전 결제 | 安全支付 | Güvenli ödeme
same_billing: Billing address same as shipping;Use shipping address as billing address | Rechnungsadresse wie Lieferadresse | Adresse de facturation identique | Usar la misma dirección para facturación | Indirizzo di fatturazione uguale | Factuuradres gelijk aan bezorgadres | Samma faktureringsadress | Adres rozliczeniowy taki sam | Mesmo endereço para cobrança | 請求先は配送先と同じ | 배송지와 동일 | 账单地址与收货地址相同 | Fatura adresi teslimat adresiyle aynı
shipping_method: Shipping method;Delivery options | Versandart;Lieferoptionen | Mode de livraison | Método de envío | Metodo di spedizione | Verzendmethode | Leveranssätt | Sposób dostawy | Forma de envio | 配送方法 | 배송 방법 | 配送方式 | Kargo seçenekleri
standard: Standard (3–5 business days);Economy | Standardversand (2–4 Werktage) | Standard (3 à 5 jours) | Estándar (3-5 días) | Standard (3-5 giorni) | Standaard (1–2 werkdagen) | Standard (2–4 dagar) | Kurier (1–2 dni) | Normal (5–8 dias úteis) | 通常配送（3〜5日） | 일반 배송 (2~3일) | 普通快递（3-5天） | Standart (2-4 gün)
express_ship: Express (1–2 business days);Next day | Express (1 Werktag) | Express (24 h) | Urgente (24 h) | Express (24 h) | Express (volgende dag) | Express (1 dag) | Ekspres (24 h) | Expressa (1–2 dias) | お急ぎ便（翌日） | 빠른 배송 (익일) | 次日达 | Hızlı kargo (1 gün)
qty_in_cart: Qty: {n};× {n} | Menge: {n} | Qté : {n} | Cant.: {n} | Qtà: {n} | Aantal: {n} | Antal: {n} | Ilość: {n} | Qtd: {n} | 数量: {n} | 수량: {n} | 数量：{n} | Adet: {n}
home_title: New season, new favourites;The essentials, made better;Everything you love, delivered | Neue Saison, neue Lieblingsstücke;Das Beste für dein Zuhause | Nouvelle saison, nouveaux coups de cœur | Nueva temporada, nuevos favoritos | Nuova stagione, nuovi preferiti | Nieuw seizoen, nieuwe favorieten | Ny säsong, nya favoriter | Nowy sezon, nowe hity | Nova estação, novos favoritos | 新しいシーズン、新しいお気に入り | 새로운 시즌, 새로운 취향 | 新季上新，发现好物 | Yeni sezon, yeni favoriler
from_price: From;Starting at | Ab | À partir de;Dès | Desde | Da;A partire da | Vanaf | Från | Od | A partir de | から | 부터 | 起 | Başlayan fiyatlarla
bestsellers: Bestsellers;Trending now;Top picks | Bestseller;Gerade beliebt | Meilleures ventes;Tendances | Más vendidos;Tendencias | Più venduti;Di tendenza | Bestsellers;Populair | Bästsäljare;Populärt just nu | Bestsellery;Popularne | Mais vendidos;Em alta | 売れ筋ランキング;人気商品 | 베스트셀러;인기 상품 | 热销榜;人气好物 | Çok satanlar;Trend ürünler
"""

# A few words to build product names from, per language: (nouns, adjectives).
_PRODUCT_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("Sneakers", "Backpack", "Desk Lamp", "Coffee Grinder", "Wool Sweater", "Headphones",
            "Water Bottle", "Rain Jacket", "Chef's Knife", "Yoga Mat", "Table Fan", "Smartwatch",
            "Linen Shirt", "Ceramic Mug", "Duvet Cover", "Face Cream"),
           ("Classic", "Ultralight", "Organic", "Wireless", "Premium", "Essential", "Pro", "Vintage",
            "Everyday", "Compact", "Merino", "Handmade")),
    "de": (("Laufschuh", "Rucksack", "Schreibtischlampe", "Kaffeemühle", "Strickpullover",
            "Kopfhörer", "Trinkflasche", "Regenjacke", "Kochmesser", "Yogamatte", "Standventilator",
            "Leinenhemd", "Kaffeebecher", "Bettbezug"),
           ("Klassik", "Ultraleicht", "Bio", "Kabellos", "Premium", "Basic", "Pro", "Vintage",
            "Kompakt", "Merino")),
    "fr": (("Baskets", "Sac à dos", "Lampe de bureau", "Moulin à café", "Pull en laine", "Casque audio",
            "Gourde", "Veste de pluie", "Couteau de chef", "Tapis de yoga", "Chemise en lin",
            "Tasse en céramique", "Housse de couette"),
           ("classique", "ultraléger", "bio", "sans fil", "premium", "essentiel", "vintage",
            "compact", "mérinos")),
    "es": (("Zapatillas", "Mochila", "Lámpara de escritorio", "Molinillo de café", "Jersey de lana",
            "Auriculares", "Botella", "Chaqueta impermeable", "Cuchillo de chef", "Esterilla de yoga",
            "Camisa de lino", "Taza de cerámica"),
           ("clásico", "ultraligero", "orgánico", "inalámbrico", "premium", "básico", "vintage",
            "compacto")),
    "it": (("Sneakers", "Zaino", "Lampada da scrivania", "Macinacaffè", "Maglione di lana", "Cuffie",
            "Borraccia", "Giacca impermeabile", "Coltello da cuoco", "Tappetino yoga",
            "Camicia di lino", "Tazza in ceramica"),
           ("classico", "ultraleggero", "bio", "wireless", "premium", "essenziale", "vintage",
            "compatto")),
    "nl": (("Sneakers", "Rugzak", "Bureaulamp", "Koffiemolen", "Wollen trui", "Koptelefoon",
            "Drinkfles", "Regenjas", "Koksmes", "Yogamat", "Linnen overhemd", "Keramische mok"),
           ("Klassiek", "Ultralicht", "Biologisch", "Draadloos", "Premium", "Basic", "Vintage",
            "Compact")),
    "sv": (("Sneakers", "Ryggsäck", "Skrivbordslampa", "Kaffekvarn", "Ulltröja", "Hörlurar",
            "Vattenflaska", "Regnjacka", "Kockkniv", "Yogamatta", "Linneskjorta", "Keramikmugg"),
           ("Klassisk", "Ultralätt", "Ekologisk", "Trådlös", "Premium", "Basic", "Vintage",
            "Kompakt")),
    "pl": (("Buty sportowe", "Plecak", "Lampka biurkowa", "Młynek do kawy", "Sweter wełniany",
            "Słuchawki", "Butelka na wodę", "Kurtka przeciwdeszczowa", "Nóż szefa kuchni",
            "Mata do jogi", "Koszula lniana", "Kubek ceramiczny"),
           ("Klasyczny", "Ultralekki", "Organiczny", "Bezprzewodowy", "Premium", "Vintage",
            "Kompaktowy")),
    "pt": (("Tênis", "Mochila", "Luminária de mesa", "Moedor de café", "Suéter de lã", "Fone de ouvido",
            "Garrafa térmica", "Jaqueta impermeável", "Faca de chef", "Tapete de yoga",
            "Camisa de linho", "Caneca de cerâmica"),
           ("Clássico", "Ultraleve", "Orgânico", "Sem fio", "Premium", "Básico", "Vintage",
            "Compacto")),
    "ja": (("スニーカー", "リュックサック", "デスクライト", "コーヒーミル", "ウールセーター", "ワイヤレスイヤホン",
            "ステンレスボトル", "レインジャケット", "牛刀包丁", "ヨガマット", "リネンシャツ", "マグカップ"),
           ("定番", "超軽量", "オーガニック", "ワイヤレス", "プレミアム", "ベーシック", "ヴィンテージ",
            "コンパクト")),
    "ko": (("운동화", "백팩", "데스크 램프", "커피 그라인더", "울 스웨터", "무선 이어폰", "텀블러",
            "레인 재킷", "셰프 나이프", "요가 매트", "린넨 셔츠", "머그컵"),
           ("클래식", "초경량", "유기농", "무선", "프리미엄", "베이직", "빈티지", "컴팩트")),
    "zh": (("运动鞋", "双肩包", "台灯", "磨豆机", "羊毛衫", "蓝牙耳机", "保温杯", "冲锋衣", "厨师刀",
            "瑜伽垫", "亚麻衬衫", "陶瓷马克杯"),
           ("经典款", "超轻", "有机", "无线", "高端", "基础款", "复古", "便携")),
    "tr": (("Spor ayakkabı", "Sırt çantası", "Masa lambası", "Kahve değirmeni", "Yün kazak",
            "Kulaklık", "Matara", "Yağmurluk", "Şef bıçağı", "Yoga matı", "Keten gömlek",
            "Seramik kupa"),
           ("Klasik", "Ultra hafif", "Organik", "Kablosuz", "Premium", "Basic", "Vintage",
            "Kompakt")),
}


def _parse_table(text: str) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {lang: {} for lang in LANGS}
    for line_no, line in enumerate(text.strip().splitlines(), 1):
        key, _, rest = line.partition(": ")
        cells = [c.strip() for c in rest.split(" | ")]
        if len(cells) != len(LANGS):
            raise ValueError(f"pagelens/synth/locales.py string table line {line_no} ({key}): "
                             f"{len(cells)} cells, expected {len(LANGS)} ({', '.join(LANGS)})")
        for lang, cell in zip(LANGS, cells):
            out[lang][key] = tuple(v.strip() for v in cell.split(";") if v.strip())
    return out


# Strings of the opt-in layout families (layouts.other_account_form), kept apart so that the filler
# words drawn from _TABLE (_words) and with them every page of earlier runs stay as they were.
_MORE_TABLE = """
reset_title: Reset your password;Forgot your password?;Password reset | Passwort zurücksetzen;Passwort vergessen? | Réinitialiser le mot de passe;Mot de passe oublié ? | Restablecer contraseña;¿Olvidaste tu contraseña? | Reimposta la password;Password dimenticata? | Wachtwoord herstellen;Wachtwoord vergeten? | Återställ lösenord;Glömt lösenordet? | Zresetuj hasło;Nie pamiętasz hasła? | Redefinir senha;Esqueceu a senha? | パスワードの再設定;パスワードをお忘れの方 | 비밀번호 재설정;비밀번호 찾기 | 重置密码;找回密码 | Şifreyi sıfırla;Şifremi unuttum
reset_text: Enter your email address and we will send you a link to reset your password.;We'll email you a reset link. | Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link zum Zurücksetzen. | Saisissez votre adresse e-mail pour recevoir un lien de réinitialisation. | Introduce tu correo y te enviaremos un enlace para restablecerla. | Inserisci la tua email: ti invieremo un link per reimpostarla. | Vul je e-mailadres in, dan sturen we je een herstellink. | Ange din e-postadress så skickar vi en länk. | Podaj adres e-mail, a wyślemy link do zmiany hasła. | Informe seu e-mail e enviaremos um link para redefinir a senha. | 登録したメールアドレスに再設定用のリンクをお送りします。 | 가입한 이메일로 재설정 링크를 보내 드립니다. | 输入邮箱，我们将发送重置链接。 | E-posta adresinizi girin, size bir sıfırlama bağlantısı gönderelim.
send_link: Send reset link;Reset password;Send | Link senden;Zurücksetzen | Envoyer le lien;Réinitialiser | Enviar enlace;Restablecer | Invia link;Reimposta | Link versturen;Herstellen | Skicka länk;Återställ | Wyślij link;Resetuj | Enviar link;Redefinir | リンクを送信;再設定する | 링크 보내기;재설정 | 发送链接;重置 | Bağlantı gönder;Sıfırla
new_password_title: Choose a new password;Set a new password | Neues Passwort festlegen | Choisissez un nouveau mot de passe | Elige una nueva contraseña | Scegli una nuova password | Kies een nieuw wachtwoord | Välj ett nytt lösenord | Ustaw nowe hasło | Crie uma nova senha | 新しいパスワードを設定 | 새 비밀번호 설정 | 设置新密码 | Yeni şifre belirle
change_password: Change password;Password and security;Update your password | Passwort ändern;Sicherheit | Modifier le mot de passe;Sécurité | Cambiar contraseña;Seguridad | Modifica password;Sicurezza | Wachtwoord wijzigen;Beveiliging | Byt lösenord;Säkerhet | Zmień hasło;Bezpieczeństwo | Alterar senha;Segurança | パスワード変更;セキュリティ | 비밀번호 변경;보안 | 修改密码;账户安全 | Şifre değiştir;Güvenlik
current_password: Current password;Old password | Aktuelles Passwort;Altes Passwort | Mot de passe actuel | Contraseña actual | Password attuale | Huidig wachtwoord | Nuvarande lösenord | Obecne hasło | Senha atual | 現在のパスワード | 현재 비밀번호 | 当前密码 | Mevcut şifre
new_password_label: New password | Neues Passwort | Nouveau mot de passe | Nueva contraseña | Nuova password | Nieuw wachtwoord | Nytt lösenord | Nowe hasło | Nova senha | 新しいパスワード | 새 비밀번호 | 新密码 | Yeni şifre
email_prefs: Email preferences;Which emails would you like? | E-Mail-Einstellungen | Préférences e-mail | Preferencias de correo | Preferenze email | E-mailvoorkeuren | E-postinställningar | Preferencje e-mail | Preferências de e-mail | メール配信設定 | 이메일 수신 설정 | 邮件偏好 | E-posta tercihleri
contact_title: Contact us;Get in touch;Write to us | Kontakt;Schreiben Sie uns | Contactez-nous;Nous écrire | Contáctanos;Escríbenos | Contattaci;Scrivici | Neem contact op | Kontakta oss | Skontaktuj się z nami | Fale conosco;Entre em contato | お問い合わせ | 문의하기 | 联系我们 | Bize ulaşın
message: Message;Your message;How can we help? | Nachricht;Ihre Nachricht | Message;Votre message | Mensaje;Tu mensaje | Messaggio | Bericht;Je bericht | Meddelande | Wiadomość | Mensagem | お問い合わせ内容 | 문의 내용 | 留言内容 | Mesaj
send: Send;Send message;Submit | Senden;Absenden | Envoyer | Enviar | Invia | Versturen | Skicka | Wyślij | Enviar | 送信する | 보내기 | 提交 | Gönder
"""

STRINGS: dict[str, dict[str, tuple[str, ...]]] = _parse_table(_TABLE)
_FILLER_KEYS = frozenset(STRINGS["en"])  # the keys _words draws filler words from
for _lang, _more in _parse_table(_MORE_TABLE).items():
    STRINGS[_lang].update(_more)


@dataclass(frozen=True)
class Region:
    """A shop's locale: its language, the Babel/Faker locale and the currencies it may charge in.

    ``currencies[0]`` is the home currency; others appear on cross-border shops.
    """

    locale: str        # Babel / Faker locale such as "de_CH"
    lang: str          # key into STRINGS
    currencies: tuple[str, ...]
    country_names: tuple[str, ...]  # options of a country <select>, home country first


REGIONS: tuple[Region, ...] = (
    Region("en_US", "en", ("USD", "CAD", "EUR"), ("United States", "Canada", "Mexico", "United Kingdom")),
    Region("en_GB", "en", ("GBP", "EUR"), ("United Kingdom", "Ireland", "France", "Germany")),
    Region("en_AU", "en", ("AUD", "SGD"), ("Australia", "New Zealand", "Singapore")),
    Region("en_CA", "en", ("CAD", "USD"), ("Canada", "United States")),
    Region("en_IN", "en", ("INR",), ("India", "Nepal", "Sri Lanka")),
    Region("en_NZ", "en", ("NZD", "AUD"), ("New Zealand", "Australia")),
    Region("de_DE", "de", ("EUR",), ("Deutschland", "Österreich", "Schweiz", "Niederlande")),
    Region("de_AT", "de", ("EUR",), ("Österreich", "Deutschland", "Italien")),
    Region("de_CH", "de", ("CHF", "EUR"), ("Schweiz", "Liechtenstein", "Deutschland")),
    Region("fr_FR", "fr", ("EUR",), ("France", "Belgique", "Suisse", "Luxembourg")),
    Region("fr_CA", "fr", ("CAD",), ("Canada", "États-Unis")),
    Region("fr_CH", "fr", ("CHF",), ("Suisse", "France")),
    Region("es_ES", "es", ("EUR",), ("España", "Portugal", "Francia")),
    Region("es_MX", "es", ("MXN", "USD"), ("México", "Estados Unidos", "Colombia")),
    Region("it_IT", "it", ("EUR",), ("Italia", "San Marino", "Svizzera")),
    Region("nl_NL", "nl", ("EUR",), ("Nederland", "België", "Duitsland")),
    Region("nl_BE", "nl", ("EUR",), ("België", "Nederland", "Luxemburg")),
    Region("sv_SE", "sv", ("SEK", "EUR"), ("Sverige", "Norge", "Finland", "Danmark")),
    Region("pl_PL", "pl", ("PLN", "EUR"), ("Polska", "Niemcy", "Czechy")),
    Region("pt_BR", "pt", ("BRL",), ("Brasil", "Portugal", "Argentina")),
    Region("pt_PT", "pt", ("EUR",), ("Portugal", "Espanha", "França")),
    Region("ja_JP", "ja", ("JPY",), ("日本", "アメリカ合衆国", "韓国")),
    Region("ko_KR", "ko", ("KRW",), ("대한민국", "일본", "미국")),
    Region("zh_CN", "zh", ("CNY",), ("中国", "中国香港", "新加坡")),
    Region("zh_TW", "zh", ("TWD", "HKD"), ("台灣", "香港", "日本")),
    Region("tr_TR", "tr", ("TRY", "EUR"), ("Türkiye", "Almanya", "Azerbaycan")),
)

# Currencies a cross-border shop may add to any region (priced in the shop's locale format).
CROSS_BORDER = ("USD", "EUR", "GBP", "CZK", "DKK", "NOK")

# Typical magnitude of a product price in each currency (one "unit" ~ 1 USD).
_CURRENCY_SCALE = {"JPY": 150, "KRW": 1350, "INR": 80, "MXN": 17, "BRL": 5, "TRY": 30, "SEK": 10,
                   "NOK": 10, "DKK": 7, "CZK": 23, "PLN": 4, "CNY": 7, "TWD": 32, "HKD": 8}


def all_currencies() -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for region in REGIONS:
        for c in region.currencies:
            seen[c] = None
    for c in CROSS_BORDER:
        seen[c] = None
    return tuple(seen)


# The Faker providers pages use; loading only these makes a Faker ~10x faster to create.
_PROVIDERS = ("faker.providers.person", "faker.providers.address", "faker.providers.lorem",
              "faker.providers.internet", "faker.providers.phone_number", "faker.providers.company")


# Faker locales with a word list of their own language, by region or language.
_TEXT_LOCALES = {"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "nl": "nl_NL",
                 "pl": "pl_PL", "ja": "ja_JP", "zh": "zh_CN", "zh_TW": "zh_TW"}


@functools.lru_cache(maxsize=None)
def _words(lang: str) -> tuple[str, ...]:
    """Words of the string table in ``lang`` (for languages Faker has no word list for)."""
    out = []
    for key in (k for k in STRINGS[lang] if k in _FILLER_KEYS):
        for v in STRINGS[lang][key]:
            if "{" in v:
                continue
            for w in v.replace("(", " ").replace(")", " ").split():
                w = w.strip(".,:;?!*×→‹›&–-")
                if len(w) > 1 and not w.isdigit():
                    out.append(w.lower() if lang not in ("ja", "ko", "zh", "tr") else w)
    return tuple(sorted(set(out)))


@functools.lru_cache(maxsize=None)
def _faker(locale: str):
    from faker import Faker

    fake = Faker(locale, providers=list(_PROVIDERS))
    for provider in fake.providers:
        # Faker's it_IT address provider lists its cities from a set, so their order, and the
        # city a seeded draw picks, changed with every process (string hashing is salted per
        # process); sorted, a page is again a function of its seed.
        if provider.__module__.startswith("faker.providers.address.it_IT") and hasattr(provider, "cities"):
            provider.cities = sorted(provider.cities)
    return fake


class Locale:
    """What a page needs to speak like its shop: strings, money, names and addresses.

    One per generated page; every choice among variants comes from the page's ``rng`` so a page
    is a pure function of its seed.
    """

    def __init__(self, region: Region, currency: str, rng: random.Random):
        self.region = region
        self.lang = region.lang
        self.currency = currency
        self.rng = rng
        self._chosen: dict[str, str] = {}
        self.fake = _faker(region.locale)
        self.fake.seed_instance(rng.getrandbits(32))
        # filler text: Faker's word lists where it has them for the language (many regional
        # locales fall back to Latin), else words of the shop's own string table
        text_locale = _TEXT_LOCALES.get(region.locale) or _TEXT_LOCALES.get(self.lang)
        self._text = _faker(text_locale) if text_locale else None
        if self._text is not None:
            self._text.seed_instance(rng.getrandbits(32))
        # Price style: the locale's standard, the ISO code instead of the symbol, or whole
        # amounts without decimals when cents are zero.
        self.price_style = rng.choice(("standard", "standard", "standard", "code", "trim"))

    # -- words --

    def t(self, key: str, **fmt: object) -> str:
        """The shop's word for ``key``: one variant chosen per page and kept for the whole page."""
        if key not in self._chosen:
            variants = STRINGS[self.lang][key]
            self._chosen[key] = self.rng.choice(variants)
        text = self._chosen[key]
        return text.format(**fmt) if fmt else text

    def t_any(self, key: str, **fmt: object) -> str:
        """A fresh variant of ``key`` on every call (for lists such as navigation links)."""
        text = self.rng.choice(STRINGS[self.lang][key])
        return text.format(**fmt) if fmt else text

    def all_of(self, key: str) -> tuple[str, ...]:
        return STRINGS[self.lang][key]

    def product_name(self) -> str:
        nouns, adjs = _PRODUCT_WORDS[self.lang]
        noun, adj = self.rng.choice(nouns), self.rng.choice(adjs)
        brand = self.brand()
        model = self.rng.choice(("", "", f" {self.rng.randint(2, 9)}", f" {self.rng.choice('XSLM')}"
                                 f"{self.rng.randint(10, 990)}", " 2.0"))
        if self.lang in ("en", "de", "nl", "sv", "pl", "tr"):
            body = f"{adj} {noun}{model}"
        elif self.lang in ("ja", "ko", "zh"):
            body = f"{adj}{' ' if self.lang == 'ko' else ''}{noun}{model}"
        else:
            body = f"{noun} {adj}{model}"
        return self.rng.choice((f"{brand} {body}", body, f"{body} – {brand}", f"{brand} {body}"))

    def brand(self) -> str:
        syll = ("ka", "lo", "mi", "ra", "ve", "no", "sa", "tu", "ri", "el", "on", "ar", "is", "de")
        name = "".join(self.rng.choice(syll) for _ in range(self.rng.randint(2, 3)))
        return self.rng.choice((name.capitalize(), name.upper(), name.capitalize() + self.rng.choice(
            (" & Co", " Studio", " Labs", "", "", " Supply"))))

    def shop_name(self) -> str:
        return self.rng.choice((self.brand(), self.brand() + self.rng.choice((" Store", " Shop", ".com",
                                                                              " Market", " Outlet"))))

    # -- filler text --

    def word(self) -> str:
        if self._text is not None:
            return self._text.word()
        return self.rng.choice(_words(self.lang))

    def sentence(self, nb_words: int = 6) -> str:
        if self._text is not None:
            return self._text.sentence(nb_words=nb_words)
        n = max(2, nb_words + self.rng.randint(-1, 2))
        text = " ".join(self.rng.choice(_words(self.lang)) for _ in range(n))
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, nb_sentences: int = 3) -> str:
        if self._text is not None:
            return self._text.paragraph(nb_sentences=nb_sentences)
        return " ".join(self.sentence(self.rng.randint(4, 10)) for _ in range(max(1, nb_sentences)))

    # -- numbers and money --

    def price_amount(self, lo: float = 4.0, hi: float = 400.0) -> float:
        """A plausible product price in this page's currency (log-uniform between lo and hi USD)."""
        scale = _CURRENCY_SCALE.get(self.currency, 1)
        value = lo * (hi / lo) ** self.rng.random() * scale
        if scale >= 100:
            return float(round(value, -1 if value < 10000 else -2))
        ending = self.rng.choice((0.99, 0.95, 0.0, 0.5, 0.9, 0.49))
        return float(int(value)) + ending

    def money(self, amount: float) -> str:
        """``amount`` formatted as this shop formats prices (Babel, real locale rules)."""
        if self.price_style == "code":
            return format_currency(amount, self.currency, locale=self.region.locale,
                                   format="#,##0.00 ¤¤" if self.lang not in ("en", "ja", "ko", "zh")
                                   else "¤¤ #,##0.00", currency_digits=True)
        if self.price_style == "trim" and float(amount).is_integer():
            return format_currency(amount, self.currency, locale=self.region.locale,
                                   format="¤#,##0" if self.lang in ("en", "ja", "ko", "zh", "pt", "nl", "tr")
                                   else "#,##0 ¤", currency_digits=False)
        return format_currency(amount, self.currency, locale=self.region.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.region.locale)

    def date(self) -> str:
        from babel.dates import format_date
        import datetime

        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 360))
        return format_date(day, format=self.rng.choice(("medium", "long", "short")),
                           locale=self.region.locale)
