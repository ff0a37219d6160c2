#!/usr/bin/env python3
"""Writes tests/privacy/labelled_set.jsonl: helpdesk snippets in nl/en/zh with the personal
data in them labelled by type and code-point span, for the precision/recall test of issue 19.

Each template is a realistic sentence of a customer or agent with {placeholders} for personal
data, and literal traps that are no personal data: order, invoice and tracking numbers (some
passing Luhn or the 11-test by chance), dates that are no birth dates, amounts, version
numbers, postcode-like and phone-like tokens. Values are generated (valid checksums, real
number ranges), so the set holds no real person's data. Deterministic (seeded): rerunning it
gives the same file.

  python3 tests/privacy/make_labelled_set.py > tests/privacy/labelled_set.jsonl
"""
import json
import random
import re
import sys

rng = random.Random(19)


def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix] + [rng.randrange(10) for _ in range(length - len(prefix) - 1)]
    for check in range(10):
        candidate = digits + [check]
        total = 0
        for idx, value in enumerate(reversed(candidate)):
            if idx % 2 == 1:
                value *= 2
                if value > 9:
                    value -= 9
            total += value
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError


def group(number, sizes, sep=" "):
    out, pos = [], 0
    for size in sizes:
        out.append(number[pos:pos + size])
        pos += size
    return sep.join(out)


def card():
    kind = rng.randrange(6)
    if kind == 0:
        n = luhn_complete("4" + str(rng.randrange(100, 999)), 16)
    elif kind == 1:
        n = luhn_complete(str(rng.randrange(51, 56)), 16)
    elif kind == 2:
        n = luhn_complete(rng.choice(["34", "37"]), 15)
        return rng.choice([n, group(n, [4, 6, 5])])
    elif kind == 3:
        n = luhn_complete("62" + str(rng.randrange(10, 99)), 16)
    elif kind == 4:
        n = luhn_complete("6011", 16)
    else:
        n = luhn_complete(str(rng.randrange(3528, 3590)), 16)
    return rng.choice([n, group(n, [4, 4, 4, 4]), group(n, [4, 4, 4, 4], "-")])


def luhn_order_number():
    # A Visa-prefixed 16-digit number that passes Luhn: an order number by chance.
    return luhn_complete("4" + str(rng.randrange(100, 999)), 16)


def bsn():
    while True:
        d = [rng.randrange(10) for _ in range(8)]
        total = sum(w * v for w, v in zip(range(9, 1, -1), d))
        check = total % 11
        if check < 10 and (d[0] != 0 or d[1] != 0):
            return "".join(map(str, d)) + str(check)


def iban():
    bank = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO"])
    account = "".join(str(rng.randrange(10)) for _ in range(10))
    bban = bank + account
    numeric = "".join(str(int(c, 36)) for c in bban + "NL00")
    check = 98 - int(numeric) % 97
    value = f"NL{check:02d}{bban}"
    return rng.choice([value, " ".join(value[i:i + 4] for i in range(0, len(value), 4))])


def cn_id():
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    area = rng.choice(["110105", "310104", "440305", "510107", "320102"])
    year, month, day = rng.randrange(1950, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
    body = f"{area}{year}{month:02d}{day:02d}{rng.randrange(100, 999)}"
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
    return body + check


def phone_nl():
    mobile = "6" + str(rng.randrange(1, 6)) + "".join(str(rng.randrange(10)) for _ in range(7))
    land = rng.choice(["20", "10", "30", "70", "40"]) + str(rng.randrange(2, 9)) + "".join(
        str(rng.randrange(10)) for _ in range(6))
    n = rng.choice([mobile, land])
    style = rng.randrange(5)
    if style == 0:
        return "0" + n
    if style == 1:
        return "0" + n[:1] + "-" + n[1:] if n.startswith("6") else "0" + n[:2] + "-" + n[2:]
    if style == 2:
        return "+31 " + n[:1] + " " + n[1:] if n.startswith("6") else "+31 " + n[:2] + " " + n[2:]
    if style == 3:
        return "06 " + " ".join(n[i:i + 2] for i in range(1, 9, 2)) if n.startswith("6") else "0" + n
    return "+31" + n


def phone_cn():
    mobile = rng.choice(["138", "139", "150", "186", "177", "135"]) + "".join(str(rng.randrange(10)) for _ in range(8))
    style = rng.randrange(4)
    if style == 0:
        return mobile
    if style == 1:
        return mobile[:3] + " " + mobile[3:7] + " " + mobile[7:]
    if style == 2:
        return "+86 " + mobile
    return rng.choice(["010-", "021-"]) + str(rng.randrange(5, 9)) + "".join(str(rng.randrange(10)) for _ in range(7))


def phone_intl():
    return rng.choice([
        "+44 20 7946 0" + str(rng.randrange(100, 999)),
        "+49 30 " + str(rng.randrange(1000000, 9999999)),
        "+32 2 " + str(rng.randrange(100, 999)) + " " + str(rng.randrange(10, 99)) + " " + str(rng.randrange(10, 99)),
        "+1 202 555 01" + str(rng.randrange(10, 99)),
    ])


def email():
    user = rng.choice(["anna.jansen", "p.devries", "wang.fang", "li.lei88", "mark_smith", "jdebruin", "zhangwei"])
    domain = rng.choice(["example.nl", "ziggo.nl", "gmail.com", "qq.com", "163.com", "outlook.com", "kpnmail.nl"])
    return f"{user}@{domain}"


def passport_number(language):
    letters = "ABCDEFGHIJKLMNPRSTUVWXYZ"
    if language == "zh":
        return rng.choice("EG") + "".join(str(rng.randrange(10)) for _ in range(8))
    if language == "nl":
        mid = "".join(rng.choice(letters + "0123456789") for _ in range(6))
        while sum(c.isdigit() for c in mid) < 1:
            mid = "".join(rng.choice(letters + "0123456789") for _ in range(6))
        return rng.choice(letters) + rng.choice(letters) + mid + str(rng.randrange(10))
    return "".join(str(rng.randrange(10)) for _ in range(9))


NL_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def birth_date(language):
    y, m, d = rng.randrange(1940, 2006), rng.randrange(1, 13), rng.randrange(1, 29)
    if language == "zh":
        return rng.choice([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}"])
    if language == "nl":
        return rng.choice([f"{d:02d}-{m:02d}-{y}", f"{d} {NL_MONTHS[m - 1]} {y}", f"{d}/{m}/{y}"])
    return rng.choice([f"{EN_MONTHS[m - 1]} {d}, {y}", f"{d} {EN_MONTHS[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}",
                       f"{d:02d}/{m:02d}/{y}"])


def other_date(language):
    y, m, d = 2026, rng.randrange(1, 13), rng.randrange(1, 29)
    if language == "zh":
        return f"{y}年{m}月{d}日"
    if language == "nl":
        return rng.choice([f"{d:02d}-{m:02d}-{y}", f"{d} {NL_MONTHS[m - 1]}"])
    return rng.choice([f"{EN_MONTHS[m - 1]} {d}, {y}", f"{y}-{m:02d}-{d:02d}"])


def postcode():
    return str(rng.randrange(1000, 9999)) + rng.choice([" ", ""]) + rng.choice(
        ["AB", "CD", "EK", "GH", "JL", "LX", "MN", "PT", "RW", "XZ", "BC"])


def nl_address():
    street = rng.choice(["Kerkstraat", "Dorpsweg", "Stationsplein", "Prinsengracht", "Molenlaan", "Van Woustraat",
                         "Oude Gracht", "Hoofdstraat", "Julianalaan", "Marktplein"])
    number = str(rng.randrange(1, 250)) + rng.choice(["", "", "a", "B"])
    town = rng.choice(["Amsterdam", "Utrecht", "Rotterdam", "Den Haag", "Groningen", "Eindhoven", "Zwolle"])
    return rng.choice([f"{street} {number}, {postcode()} {town}", f"{street} {number} {postcode()} {town}",
                       f"{postcode()} {town}", f"{street} {number}"])


def cn_address():
    prefix = rng.choice(["广东省深圳市南山区", "北京市朝阳区", "上海市浦东新区", "浙江省杭州市西湖区", "四川省成都市武侯区"])
    road = rng.choice(["科技园路", "建国路", "张江路", "文三路", "人民南路", "中山东一路"])
    tail = rng.choice(["", "", "3栋1201室", "2单元502室", "B座"])
    if tail == "B座":
        tail = ""
    return f"{prefix}{road}{rng.randrange(1, 999)}号{tail}"


def fill(kind, language):
    return {
        "card": card, "bsn": bsn, "iban": iban, "cn_resident_id": cn_id, "email": email,
        "phone_nl": phone_nl, "phone_cn": phone_cn, "phone_intl": phone_intl,
        "passport": lambda: passport_number(language), "date_of_birth": lambda: birth_date(language),
        "address_nl": nl_address, "address_cn": cn_address,
        # traps: values that are no personal data
        "luhn_order": luhn_order_number, "bsn_order": bsn, "date": lambda: other_date(language),
        "amount": lambda: rng.choice(["€ 1.299,00", "EUR 49,95", "$1,249.00", "¥2,399", "129,50 euro"]),
        "version": lambda: rng.choice(["4.11.2", "2.3.18", "10.0.19045", "v5.2.1", "1.12.0"]),
        "tracking": lambda: rng.choice(["3SABCD" + str(rng.randrange(10**8, 10**9)), "1Z999AA1" + str(rng.randrange(10**9, 10**10)),
                                         "SF" + str(rng.randrange(10**12, 10**13)), "JD00" + str(rng.randrange(10**11, 10**12))]),
        "order": lambda: str(rng.randrange(10**7, 10**8)),
    }[kind]()


TYPE_OF = {"phone_nl": "phone", "phone_cn": "phone", "phone_intl": "phone", "address_nl": "address",
           "address_cn": "address"}
TRAPS = {"luhn_order", "bsn_order", "date", "amount", "version", "tracking", "order"}

TEMPLATES = {
    "nl": [
        "Goedemiddag, ik ben mijn pinpas kwijt. Kunt u de kaart {card} blokkeren?",
        "Mijn bestelling {order} van {date} is nog niet binnen. Bedrag {amount}.",
        "Uw ordernummer is {luhn_order}; u ontvangt de factuur per mail.",
        "Factuurnummer {bsn_order} klopt niet, het bedrag moet {amount} zijn.",
        "Mijn BSN is {bsn}, dat vroeg uw collega.",
        "Kunt u het geld terugstorten op {iban}? Alvast bedankt.",
        "Bel me gerust terug op {phone_nl}, ik ben na vijf uur thuis.",
        "U kunt mij bereiken via {email} of {phone_nl}.",
        "Het pakket met trackingcode {tracking} staat al drie dagen stil.",
        "Na de update naar versie {version} doet de router het niet meer.",
        "Mijn nieuwe adres is {address_nl}.",
        "Graag verzenden naar {address_nl}, ik ben er de hele dag.",
        "Ter verificatie: geboren op {date_of_birth}, postcode en huisnummer heeft u al.",
        "Geboortedatum: {date_of_birth}. Klantnummer {order}.",
        "Mijn paspoortnummer is {passport}, het verloopt volgend jaar.",
        "Hierbij mijn paspoort ({passport}) zoals gevraagd.",
        "De levering staat gepland op {date}, tussen 8 en 12 uur.",
        "Ik heb {amount} betaald met creditcard {card}, maar zie niets terug.",
        "Bestelnummer {luhn_order}, artikel {order}, geleverd op {date}.",
        "Mijn zoon is geboren op {date_of_birth} en staat nog niet in het systeem.",
        "Kunt u mijn collega bellen op {phone_intl}? Hij zit in het buitenland.",
        "Sinds {date} werkt de app (versie {version}) niet meer op mijn telefoon.",
        "Wij sturen een monteur naar {address_nl} op {date}.",
        "Zending {tracking} is retour gestuurd naar de afzender.",
        "Ik ontvang geen mails meer op {email} sinds de wijziging.",
        "Mijn rekeningnummer is gewijzigd naar {iban}, wilt u dat aanpassen?",
        "Kenmerk {bsn_order}: uw klacht is in behandeling.",
        "Dank voor uw geduld. Wij nemen binnen twee werkdagen contact op.",
        "Voor de zorgtoeslag vroegen ze mijn burgerservicenummer: {bsn}.",
        "Klantnummer {order}, BSN {bsn}, graag koppelen aan mijn account.",
        "De storing in de regio is opgelost sinds {date}.",
        "Het abonnement kost {amount} per maand, eerste maand gratis.",
    ],
    "en": [
        "Hi, I lost my wallet. Please block card {card} as soon as possible.",
        "My order {order} placed on {date} has not arrived yet. I paid {amount}.",
        "Your order number is {luhn_order}, the invoice follows by e-mail.",
        "Invoice {bsn_order} shows the wrong total; it should be {amount}.",
        "Please refund the amount to {iban}, thanks in advance.",
        "You can call me back on {phone_intl} after 5 pm.",
        "Reach me at {email} or on {phone_nl} while I am in the Netherlands.",
        "The parcel with tracking number {tracking} has not moved for days.",
        "Since updating to version {version} the app keeps crashing.",
        "Please ship the replacement to {address_nl}.",
        "For verification: date of birth {date_of_birth}.",
        "DOB: {date_of_birth}, customer number {order}.",
        "My passport number is {passport} and it expires next year.",
        "Attached is a scan of my passport, number {passport}.",
        "Delivery is planned for {date} between 8 and 12.",
        "I paid {amount} with my credit card {card} but got no confirmation.",
        "Order {luhn_order}, item {order}, delivered on {date}.",
        "My daughter was born on {date_of_birth}; please add her to the family plan.",
        "Could you phone my colleague on {phone_cn}? He is in Shanghai.",
        "Since {date} firmware {version} drops the Wi-Fi every hour.",
        "An engineer will visit {address_nl} on {date}.",
        "Shipment {tracking} was returned to the sender.",
        "I no longer receive e-mails at {email}.",
        "My bank account changed to {iban}, please update it.",
        "Reference {bsn_order}: your complaint is being handled.",
        "Thank you for your patience, we will get back to you within two working days.",
        "The tax office needs my citizen service number {bsn} on the form.",
        "The outage in your area was fixed on {date}.",
        "The plan costs {amount} a month and the first month is free.",
        "My BSN is {bsn}, your colleague asked for it.",
        "Born {date_of_birth}, I have been a customer for ten years.",
    ],
    "zh": [
        "您好，我的银行卡丢了，请帮我冻结卡号{card}。",
        "我的订单{order}于{date}下单，到现在还没收到，付款{amount}。",
        "您的订单号是{luhn_order}，发票会通过邮件发送。",
        "发票编号{bsn_order}金额不对，应该是{amount}。",
        "请退款到我的账户{iban}，谢谢。",
        "请回电{phone_cn}，我下午都在。",
        "可以发邮件到{email}，或者打{phone_cn}联系我。",
        "快递单号{tracking}已经三天没有更新了。",
        "升级到{version}版本后，路由器一直掉线。",
        "请把新机器寄到{address_cn}，谢谢。",
        "我的地址是{address_cn}。",
        "出生日期：{date_of_birth}，请核对。",
        "我是{date_of_birth}出生的，身份证号{cn_resident_id}。",
        "身份证号码：{cn_resident_id}，姓名已提供。",
        "我的护照号码是{passport}，明年到期。",
        "附件是护照扫描件，护照号{passport}。",
        "预计{date}送达，请保持电话畅通。",
        "我用信用卡{card}付了{amount}，但没有收到确认。",
        "订单{luhn_order}，商品编号{order}，已于{date}签收。",
        "我女儿生日是{date_of_birth}，请把她加入家庭套餐。",
        "请联系我在荷兰的同事{phone_nl}。",
        "自{date}起，固件{version}每小时断一次网。",
        "工程师将于{date}上门，地址{address_cn}。",
        "运单{tracking}已退回寄件人。",
        "我的邮箱{email}收不到邮件了。",
        "工单编号{bsn_order}：您的投诉正在处理中。",
        "感谢您的耐心等待，我们会在两个工作日内回复您。",
        "您所在地区的故障已于{date}修复。",
        "套餐每月{amount}，首月免费。",
        "我在国外，请打{phone_intl}找我。",
    ],
}

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def render(template, language):
    text, findings, pos = "", [], 0
    for m in PLACEHOLDER.finditer(template):
        text += template[pos:m.start()]
        kind = m.group(1)
        value = fill(kind, language)
        if kind not in TRAPS:
            findings.append({"type": TYPE_OF.get(kind, kind), "start": len(text), "end": len(text) + len(value)})
        text += value
        pos = m.end()
    text += template[pos:]
    return text, findings


def hard_snippets():
    """Hand-written snippets with the cases the templates do not cover: other spellings,
    data the detectors are known to miss (dotted BSN, two-digit birth years, addresses without
    a house number) and traps that look like data (a product "3000 XL", card endings, IPs)."""
    visa = luhn_complete("4539", 16)
    unionpay = luhn_complete("6222", 19)
    return [
        ("nl", ["Bel ons op ", ("phone", "020 - 555 12 34"), " tijdens kantooruren."]),
        ("nl", ["tel.nr: ", ("phone", "0612345678"), ", mail ", ("email", "kees@voorbeeld.nl")]),
        ("nl", ["mijn pas ", ("card", visa), " exp 01/27"]),
        ("nl", ["BSN: ", ("bsn", "111.222.333"), " (met puntjes)"]),
        ("nl", ["IBAN ", ("iban", "NL91ABNA0417164300"), " t.n.v. mevrouw Jansen"]),
        ("nl", ["geb. ", ("date_of_birth", "01-01-1980"), " te Utrecht"]),
        ("nl", ["Ik woon aan de ", ("address", "Kerkstraat 12"), " in Utrecht."]),
        ("nl", ["Antwoordnummer: ", ("address", "Postbus 1234, 1000 AB Amsterdam")]),
        ("nl", ["Het Model 3000 XL Pro is uitverkocht; de 2000 XS kost ", "EUR 99,-."]),
        ("nl", ["Kaart eindigend op 4321 is geblokkeerd, ticket 88812 is aangemaakt."]),
        ("nl", ["Mijn geboortedatum is ", ("date_of_birth", "3-4-1985"), " en mijn paspoort is ",
                ("passport", "NP8K12C34"), "."]),
        ("nl", ["Serienummer 4111111111111111 staat op de doos; versie 3.14.159."]),
        ("nl", ["Wij hebben uw verzoek van 1 december 2026 ontvangen (kenmerk 2026-12-0042)."]),
        ("nl", ["Graag terugbellen: ", ("phone", "+31 (0)6 1234 5678"), "."]),
        ("nl", ["Ik ben jarig op 12 maart, dan ben ik niet bereikbaar."]),
        ("en", ["Card ending in 1234 was declined twice today."]),
        ("en", ["my card is ", ("card", "4111-1111-1111-1111"), ", cvc I will not send"]),
        ("en", ["DOB ", ("date_of_birth", "3/4/85"), " if that helps"]),
        ("en", ["I was born in March 1985 and have had this number since 2001."]),
        ("en", ["Passport: ", ("passport", "123456789"), ", issued in the UK."]),
        ("en", ["Tracking 1Z999AA10123456784 shows delivered but nothing arrived."]),
        ("en", ["The router's IP is 192.168.1.254 and the firmware is 7.29.2."]),
        ("en", ["Serial 4111111111111111 is printed on the label."]),
        ("en", ["Call us free on ", ("phone", "0800 022 0000"), " (NL) or ", ("phone", "+44 20 7946 0958"), "."]),
        ("en", ["Your case 2026-000123 was opened on December 1, 2026."]),
        ("en", ["Please update my address to ", ("address", "Dorpsweg 7, 9711 LX Groningen"), "."]),
        ("en", ["We shipped 3 items worth $1,234.56 on 2026-11-30."]),
        ("en", ["My birthday is ", ("date_of_birth", "14 July 1990"), ", my son's is in May."]),
        ("en", ["Order #4000000000000002 was cancelled."]),
        ("en", ["Reach my partner at ", ("email", "Mark.Smith+helpdesk@Outlook.com"), " instead."]),
        ("zh", ["手机：", ("phone", "+86 138-1234-5678"), "，请尽快联系。"]),
        ("zh", ["身份证：", ("cn_resident_id", "11010519491231002X"), "，请核实。"]),
        ("zh", ["我的生日是3月12日，那天不方便接电话。"]),
        ("zh", ["地址：", ("address", "上海市黄浦区南京东路100号"), "，请上门。"]),
        ("zh", ["请寄到", ("address", "深圳市南山区科技园"), "，到了打电话。"]),
        ("zh", ["银行卡号", ("card", group(unionpay, [4, 4, 4, 4, 3])), "，请退款。"]),
        ("zh", ["订单编号4000000000000002已取消。"]),
        ("zh", ["请乘坐地铁2号线到人民广场站，3号出口。"]),
        ("zh", ["版本10.2.1修复了这个问题，共计¥1,299。"]),
        ("zh", ["出生于", ("date_of_birth", "1988年8月8日"), "，属龙。"]),
        ("zh", ["护照：", ("passport", "E98765432"), "，有效期至2030年。"]),
        ("zh", ["快递单号SF1234567890123，已签收。"]),
        ("zh", ["电话", ("phone", "0755-86013388"), "，工作日9点到18点。"]),
        ("zh", ["我住在", ("address", "北京市海淀区中关村大街27号"), "。"]),
        ("zh", ["工单号2026120700088已创建，我们会在24小时内回复。"]),
    ]


def render_hard(segments):
    text, findings = "", []
    for segment in segments:
        if isinstance(segment, tuple):
            kind, value = segment
            findings.append({"type": kind, "start": len(text), "end": len(text) + len(value)})
            text += value
        else:
            text += segment
    return text, findings


def main():
    rows = []
    for idx, (language, segments) in enumerate(hard_snippets()):
        text, findings = render_hard(segments)
        rows.append({"id": f"hard-{language}-{idx:02d}", "language": language, "text": text, "findings": findings})
    for language, templates in TEMPLATES.items():
        for rep in range(4):
            for idx, template in enumerate(templates):
                text, findings = render(template, language)
                rows.append({"id": f"{language}-{idx:02d}-{rep}", "language": language, "text": text,
                             "findings": findings})
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
