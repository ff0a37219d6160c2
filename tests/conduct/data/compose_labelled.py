#!/usr/bin/env python3
"""Composes the labelled set of the conduct check (issue 18): tests/conduct/data/labelled/<lang>.jsonl.

Each reply is put together from hand-written parts (greeting, body sentences, closing), and
each part carries the kinds a careful reader finds in it, so every reply's expected kinds are
the union of its parts' (plus clarity for a missing greeting or closing, or a sentence that is
too long). About a third of the parts are traps: clean sentences that look like a violation
("Scunthorpe", 打击犯罪, an order number, a request to the customer, a question, a past date,
an explained term, the customer's own address).

Context of every line (tests/conduct/labelled_set_test.cpp): now is Friday 2026-12-04 10:00 in
Amsterdam, the calendar is Monday to Friday 09:00-17:00 there, the customer is
anna@example.nl / +31 6 12345678 / 王芳 13812345678, the glossary is VDSL, DNS, firmware
(固件 in zh). Deterministic: run it again and the files do not change.

    python3 tests/conduct/data/compose_labelled.py
"""
import json
import pathlib
import random

# (text, kinds) per language and role.
PARTS = {
    "en": {
        "greeting": ["Dear Ms Jansen,", "Hello Anna,", "Good morning Mr Smith,", "Dear customer,", "Hi Peter,"],
        "closing": ["Kind regards,\nLisa from Support", "Best regards,\nThe service team", "Kind regards,\nTom",
                    "Sincerely,\nCustomer Care", "Best wishes,\nMark"],
        "clean": [
            "Thank you for your message about the invoice.",
            "I checked your account and the payment arrived on 12 November.",
            "The router you mentioned is still under warranty.",
            "You can find the manual on our website under Support.",
            "Your order 123456789012 left our warehouse yesterday.",
            "Scunthorpe is within our delivery area, so the courier can reach you.",
            "Our engineers assessed the damage the courier reported.",
            "The class of your subscription did not change.",
            "Please call us tomorrow if the problem comes back.",
            "Shall we call you tomorrow?",
            "The technician visited your address on Monday.",
            "Our shop is closed on Saturday and Sunday.",
            "Your line uses VDSL (internet over the telephone line), which is the fastest option at your address.",
            "The DNS, that is the address book of the internet, is set correctly on your modem.",
            "We sent the confirmation to anna@example.nl as you asked.",
            "You can reach us on weekdays between nine and five.",
            "The new firmware, that is the software inside the modem, installs itself at night.",
            "I understand how annoying it is when the connection drops.",
            "The amount was credited to your account last week.",
            "Could you send us a photo of the label?",
            "If you prefer, you can also reply to this e-mail.",
            "The delivery was planned for Tuesday but the courier was delayed by the storm.",
            "Your contract runs until 31 March.",
            "The cockpit of the app now shows your usage per day.",
        ],
        "offensive": [
            "Frankly, that was a stupid thing to do.",
            "Only an idiot would unplug the router during an update.",
            "That complaint is bullshit, the invoice is correct.",
            "Haha, you really managed to break it twice.",
            "Honestly, this is pathetic.",
            "Your previous agent was a moron, sorry about that.",
        ],
        "slang": [
            "Yeah, that should work now.",
            "No worries, the fee is waived.",
            "The old app kinda sucks, the new one is better.",
            "Btw, the new app looks awesome.",
            "My bad, the letter had the wrong address.",
            "Cheers mate, the case is closed.",
        ],
        "jargon": [
            "Please restart the VDSL modem and try again.",
            "Your DNS cache may be out of date.",
            "Install the latest firmware before you reconnect.",
        ],
        "promise": [
            "We will call you back within 2 hours.",
            "I will send you the corrected invoice today.",
            "We will refund the amount within 3 business days.",
            "We will send the replacement parts by Wednesday.",
            "We will send you an update this week.",
        ],
        "unkeepable": [
            "We will call you back tomorrow.",
            "I will contact you tomorrow with the details.",
        ],
        "open_promise": [
            "We will get back to you.",
            "I will look into it and let you know.",
            "We will contact you as soon as possible.",
        ],
        "personal": [
            "I also forwarded this to piet.devries@gmail.com.",
            "Your neighbour can be reached on 06 2876 5432.",
            "The refund went to NL91ABNA0417164300 as requested by the previous owner.",
            "The form lists BSN 111222333, which belongs to your partner.",
        ],
        "long": [
            "Because the modem that was delivered to your address last month was configured for a different "
            "type of connection than the one that our technician installed in the street, the signal drops "
            "every few minutes and the only lasting fix is to replace the modem with the newer model.",
        ],
    },
    "nl": {
        "greeting": ["Beste mevrouw Jansen,", "Geachte heer De Vries,", "Hallo Anna,", "Goedemorgen Piet,",
                     "Beste klant,"],
        "closing": ["Met vriendelijke groet,\nLisa van de klantenservice", "Vriendelijke groeten,\nTom",
                    "Met vriendelijke groet,\nHet serviceteam", "Hartelijke groet,\nSanne"],
        "clean": [
            "Bedankt voor uw bericht over de factuur.",
            "Ik heb uw account bekeken en de betaling is op 12 november binnengekomen.",
            "De router die u noemt valt nog onder de garantie.",
            "U vindt de handleiding op onze website onder Service.",
            "Uw bestelling 123456789012 heeft gisteren ons magazijn verlaten.",
            "Wij stomen uw kleding niet, dat doet de stomerij om de hoek.",
            "De domeinnaam van uw website is verlengd.",
            "Het gebruik van de app is gratis.",
            "Wilt u ons morgen bellen als het probleem terugkomt?",
            "Zullen wij u morgen bellen?",
            "De monteur is maandag bij u langs geweest.",
            "Onze winkel is op zaterdag en zondag gesloten.",
            "Uw lijn gebruikt VDSL (internet via de telefoonlijn), de snelste optie op uw adres.",
            "De DNS, dat wil zeggen het adresboek van internet, staat goed ingesteld.",
            "Wij hebben de bevestiging naar anna@example.nl gestuurd, zoals u vroeg.",
            "U kunt ons op werkdagen bereiken tussen negen en vijf.",
            "De nieuwe firmware, oftewel de software in het modem, installeert zich 's nachts.",
            "Ik begrijp hoe vervelend het is als de verbinding wegvalt.",
            "Het bedrag is vorige week op uw rekening gestort.",
            "Kunt u ons een foto van het etiket sturen?",
            "De levering stond voor dinsdag gepland, maar de bezorger had vertraging door de storm.",
            "Uw contract loopt tot 31 maart.",
            "U kunt ook gewoon op deze e-mail reageren.",
        ],
        "offensive": [
            "Eerlijk gezegd was dat een domme actie.",
            "Alleen een idioot haalt de stekker eruit tijdens een update.",
            "Dat is uw eigen schuld, de factuur klopt.",
            "Haha, u heeft het echt twee keer kapotgemaakt.",
            "Die klacht is belachelijk.",
            "Uw vorige contactpersoon was een sukkel, sorry daarvoor.",
        ],
        "slang": [
            "Jep, dat zou nu moeten werken.",
            "Even chillen, de kosten vervallen.",
            "De nieuwe app is echt gaaf.",
            "Sowieso is de oude app verouderd.",
            "Joh, de brief had het verkeerde adres.",
        ],
        "jargon": [
            "Herstart het VDSL-modem en probeer het opnieuw.",
            "Uw DNS-cache is misschien verouderd.",
            "Installeer eerst de nieuwste firmware.",
        ],
        "promise": [
            "Wij bellen u binnen 2 uur terug.",
            "Ik stuur u vandaag de gecorrigeerde factuur.",
            "Wij betalen het bedrag binnen 3 werkdagen terug.",
            "Wij sturen de onderdelen uiterlijk woensdag op.",
        ],
        "unkeepable": [
            "Wij bellen u morgen terug.",
            "Ik neem morgen contact met u op.",
        ],
        "open_promise": [
            "Wij komen erop terug.",
            "Ik zoek het uit en laat het u weten.",
            "Wij nemen zo snel mogelijk contact met u op.",
        ],
        "personal": [
            "Ik heb dit ook doorgestuurd naar piet.devries@gmail.com.",
            "Uw buurman is bereikbaar op 06 2876 5432.",
            "Het geld is naar NL91ABNA0417164300 gegaan, op verzoek van de vorige eigenaar.",
            "Op het formulier staat BSN 111222333, dat van uw partner is.",
        ],
        "long": [
            "Omdat het modem dat vorige maand op uw adres is afgeleverd was ingesteld voor een ander soort "
            "aansluiting dan de aansluiting die onze monteur in de straat heeft aangelegd, valt het signaal "
            "om de paar minuten weg en is vervanging de enige blijvende oplossing.",
        ],
    },
    "zh": {
        "greeting": ["尊敬的王女士：", "您好，", "王芳女士，您好！", "尊敬的客户："],
        "closing": ["祝好！\n客服团队", "此致\n敬礼", "谢谢！\n小张", "感谢您的耐心。\n客服中心"],
        "clean": [
            "关于发票的问题，我们已经收到您的消息。",
            "我查看了您的账户，款项已于11月12日到账。",
            "您提到的路由器仍在保修期内。",
            "您可以在我们网站的支持页面找到说明书。",
            "您的订单123456789012已于昨天发货。",
            "警方正在严厉打击犯罪，请放心使用我们的服务。",
            "请您明天再联系我们，如果问题再次出现。",
            "我们明天给您回电好吗？",
            "技术人员已于周一上门检查。",
            "我们的门店周六和周日休息。",
            "您的线路使用VDSL（通过电话线上网），这是您所在地址最快的方式。",
            "DNS，也就是互联网的地址簿，已在您的调制解调器上正确设置。",
            "确认邮件已按您的要求发送到anna@example.nl。",
            "工作日九点到五点都可以联系我们。",
            "新的固件（调制解调器里的软件）会在夜间自动安装。",
            "连接中断确实很让人烦恼，我们理解。",
            "退款已于上周退回您的账户。",
            "能否请您发一张标签的照片？",
            "您的合同有效期至3月31日。",
            "您的电话13812345678已登记为联系方式。",
        ],
        "offensive": [
            "说实话，这样做真是白痴。",
            "只有笨蛋才会在更新时拔掉路由器。",
            "这是您自己的问题，发票没有错。",
            "哈哈，您居然弄坏了两次。",
            "您之前的客服是个神经病，抱歉。",
        ],
        "slang": [
            "亲，现在应该可以用了。",
            "新版应用超给力。",
            "旧版应用确实坑爹。",
            "这个问题已经搞定了。",
        ],
        "jargon": [
            "请重启VDSL调制解调器后再试。",
            "您的DNS缓存可能已过期。",
            "重新连接前请先安装最新的固件。",
        ],
        "promise": [
            "我们会在2小时内给您回电。",
            "我今天会把更正后的发票发给您。",
            "我们会在3个工作日内退款。",
        ],
        "unkeepable": [
            "我们明天会给您回电。",
            "我明天联系您。",
        ],
        "open_promise": [
            "我们会尽快回复您。",
            "我们会跟进并通知您。",
        ],
        "personal": [
            "我们也已转发给zhang.wei@qq.com。",
            "您邻居的电话是13987654321。",
            "身份证号11010519491231002X属于您的家人。",
        ],
        "long": [
            "由于上个月送到您地址的调制解调器是按照另一种连接类型配置的，与我们技术人员在街道上安装的线路不一致，"
            "所以信号每隔几分钟就会中断，唯一长久的解决办法是更换为新型号的调制解调器。",
        ],
    },
}

KINDS = {
    "clean": [],
    "offensive": ["offensive"],
    "slang": ["slang"],
    "jargon": ["jargon"],
    "promise": ["promise"],
    "unkeepable": ["promise", "unkeepable_promise"],
    "open_promise": ["promise"],
    "personal": ["others_personal_data"],
    "long": ["clarity"],
}
GLOSSARY = ["VDSL", "DNS", "firmware", "固件"]
VIOLATIONS = [role for role in KINDS if role != "clean"]
PER_LANGUAGE = 120


def compose(language: str, rng: random.Random, index: int) -> dict:
    parts = PARTS[language]
    roles = []
    # A third clean (every sentence a plain one or a trap), the rest with one or two violations.
    if index % 3 == 0:
        roles = ["clean"] * rng.randint(1, 3)
    else:
        roles = [VIOLATIONS[(index + rng.randint(0, len(VIOLATIONS) - 1)) % len(VIOLATIONS)]]
        if rng.random() < 0.3:
            roles.append(rng.choice(VIOLATIONS))
        roles += ["clean"] * rng.randint(0, 2)
        rng.shuffle(roles)
    sentences, expected = [], set()
    used = set()
    unexplained, explained = set(), set()
    for role in roles:
        choices = [text for text in parts[role] if text not in used]
        text = rng.choice(choices or parts[role])
        used.add(text)
        sentences.append(text)
        terms = {term for term in GLOSSARY if term in text}
        if role == "jargon":
            unexplained |= terms
        else:
            # Every glossary term in another part is explained there, and one explained
            # occurrence is enough (src/conduct/README.md, the glossary rule).
            explained |= terms
            expected.update(KINDS[role])
    if unexplained - explained:
        expected.add("jargon")
    greeting = rng.random() > 0.1
    closing = rng.random() > 0.1
    if not greeting or not closing:
        expected.add("clarity")
    separator = "" if language == "zh" else " "
    body = separator.join(sentences)
    blocks = ([rng.choice(parts["greeting"])] if greeting else []) + [body] + (
        [rng.choice(parts["closing"])] if closing else [])
    return {"id": f"{language}-{index + 1:03d}", "language": language, "text": "\n\n".join(blocks),
            "expected": sorted(expected)}


def main() -> None:
    out_dir = pathlib.Path(__file__).resolve().parent / "labelled"
    out_dir.mkdir(exist_ok=True)
    for language in PARTS:
        rng = random.Random(f"conduct-{language}")
        lines = [compose(language, rng, index) for index in range(PER_LANGUAGE)]
        with open(out_dir / f"{language}.jsonl", "w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
