// The English webshop tenant of the demo (demo_tenant_content.hpp).
#include "demo/demo_tenant_content.hpp"

namespace sp::demo {

using domain::Language;
using domain::Role;

// Customer e-mail addresses use the reserved example.* domains (RFC 2606) so that a demo
// database connected to a real SMTP server can never write to a real person.

TenantContent webshop_uk() {
  TenantContent c;
  c.slug = "brightbasket-uk";
  c.name = "BrightBasket";
  c.timezone = "Europe/London";
  c.language = Language::En;
  c.utc_offset_minutes = 0;
  c.eu_summer_time = true;
  c.hours = {{{600, 960}, {480, 1080}, {480, 1080}, {480, 1080}, {480, 1080}, {480, 1080}, {540, 1020}}};
  c.weekday_weight = {0.70, 1.35, 1.1, 1.0, 1.0, 0.95, 0.6};
  c.hour_weight = {0.15, 0.08, 0.05, 0.03, 0.03, 0.05, 0.15, 0.45, 0.85, 1.20, 1.35, 1.30,
                   1.25, 1.25, 1.20, 1.10, 1.05, 1.00, 0.95, 1.00, 1.00, 0.85, 0.55, 0.30};
  c.channel_weight = {0.40, 0.28, 0.20, 0.05, 0.07};
  c.teams = {"Orders & Delivery", "Returns & Refunds", "Customer Relations"};
  c.staff = {
      {{"Olivia"}, {"Bennett"}, Role::Admin, -1},   {{"James"}, {"Whitfield"}, Role::Supervisor, 0},
      {{"Priya"}, {"Sharma"}, Role::Supervisor, 1}, {{"Hannah"}, {"Clarke"}, Role::Supervisor, 2},
      {{"Tom"}, {"Fletcher"}, Role::Agent, 0},      {{"Chloe"}, {"Davies"}, Role::Agent, 0},
      {{"Ryan"}, {"O'Connor"}, Role::Agent, 0},     {{"Amelia"}, {"Hughes"}, Role::Agent, 1},
      {{"Jack"}, {"Turner"}, Role::Agent, 1},       {{"Grace"}, {"Okafor"}, Role::QaReviewer, -1},
  };
  c.customers = 300;
  c.tickets = 1800;
  c.male_first = {{"Oliver"}, {"George"},  {"Harry"}, {"Jack"},   {"Jacob"},    {"Noah"},   {"Charlie"},
                  {"Thomas"}, {"William"}, {"James"}, {"Daniel"}, {"Mohammed"}, {"Samuel"}, {"Joshua"},
                  {"Liam"},   {"Callum"},  {"Aiden"}, {"Ben"},    {"Matthew"},  {"David"}};
  c.female_first = {{"Olivia"}, {"Amelia"}, {"Isla"},  {"Ava"},     {"Emily"},     {"Sophie"}, {"Grace"},
                    {"Lily"},   {"Chloe"},  {"Ella"},  {"Jessica"}, {"Charlotte"}, {"Lucy"},   {"Hannah"},
                    {"Emma"},   {"Megan"},  {"Sarah"}, {"Laura"},   {"Priya"},     {"Aisha"}};
  c.last_names = {
      {"Smith"},    {"Jones"},    {"Taylor"},   {"Brown"},  {"Williams"}, {"Wilson"}, {"Johnson"}, {"Davies"},
      {"Robinson"}, {"Wright"},   {"Thompson"}, {"Evans"},  {"Walker"},   {"White"},  {"Roberts"}, {"Green"},
      {"Hall"},     {"Wood"},     {"Jackson"},  {"Clarke"}, {"Patel"},    {"Khan"},   {"Lewis"},   {"Harris"},
      {"Martin"},   {"Cooper"},   {"King"},     {"Lee"},    {"Baker"},    {"Hughes"}, {"Edwards"}, {"Murphy"},
      {"O'Brien"},  {"Campbell"}, {"Anderson"}, {"Scott"},  {"Ahmed"},    {"Ward"},   {"Turner"},  {"Hill"}};
  // Ofcom keeps 07700 900000-900999 free for fiction, so these numbers reach nobody.
  c.phone_prefix = "+447700900";
  c.phone_digits = 3;
  c.cities = {"London",    "Manchester", "Birmingham", "Leeds",   "Glasgow",    "Bristol",
              "Liverpool", "Sheffield",  "Edinburgh",  "Cardiff", "Nottingham", "Brighton"};
  c.products = {"Ceramic Pour-Over Coffee Set", "Bamboo Bed Sheet Set",         "5.5 L Air Fryer",
                "Kids' Waterproof Jacket",      "Cast Iron Casserole Dish",     "Memory Foam Pillow",
                "Cordless Stick Vacuum",        "Solar Garden Lights (10 pack)"};
  c.order_prefix = "#";
  c.order_digits = 7;
  c.amount_min = 9;
  c.amount_max = 240;

  c.categories = {
      {"delivery",
       0.36,
       0,
       {"delivery", "courier", "late", "missing-parcel", "wrong-item"},
       {
           {{"Where is my order {order}?", "Order {order} has not arrived"},
            {"My order {order} has not arrived. It was supposed to be delivered on Tuesday and "
             "the tracking page hasn't updated since. Can you tell me where it is?"},
            "I'm sorry for the wait. Could you confirm the delivery address on the order, and "
            "whether there's a safe place the courier might have used, such as a porch or a bin "
            "store?",
            "The address on the order is correct. There's no porch, and I've checked the bins and "
            "the shed.",
            "I've checked with the courier and your parcel was misrouted at their depot. It's back "
            "on the van today and should arrive by 6pm. I've refunded the delivery charge as an "
            "apology.",
            "I've raised a trace with the courier. They usually reply within 48 hours, and I'll "
            "update you as soon as I hear back, by {date} at the latest.",
            "Tracking still says 'in transit' and it's now past the date you gave me."},
           {{"Parcel marked as delivered but not received"},
            {"The courier's tracking says my parcel was delivered yesterday at 14:12, but I was "
             "home all day and nothing came. I've checked with my neighbours too. Order {order}."},
            "Sorry to hear that. Did the courier leave a card, and could a neighbour at a similar "
            "house number have taken it in?",
            "No card. One neighbour thinks a van stopped at number 12 instead of 21.",
            "The courier has confirmed the parcel went to the wrong address and can't be "
            "recovered, so I've sent a replacement by next-day tracked delivery. You'll get a new "
            "tracking link by email within the hour.",
            "I've raised a claim with the courier, who will check the driver's GPS record. I'll "
            "update you by {date} at the latest.",
            "The replacement hasn't turned up either. This is getting ridiculous."},
           {{"Wrong item delivered", "Received the wrong product"},
            {"I ordered the {product} but received a completely different item in the box. Order "
             "number {order}. How do I get the right one?"},
            "Could you please send me a photo of the item you received and of the label on the "
            "box? That lets me arrange the exchange straight away.",
            "Photos of the item and the label are attached. The label does show my name, so it "
            "looks like a packing mistake.",
            "Sorry about the mix-up. A courier will collect the wrong item on {date}, and the "
            "{product} is on its way to you today. You don't need to print anything.",
            "I've asked the warehouse to check their stock of the {product} before I send a "
            "replacement. They'll confirm by {date}.",
            "The courier didn't come to collect the wrong item."},
           {{"Delivery date keeps changing"},
            {"This is the third time the delivery date for order {order} has been pushed back. I "
             "need the {product} by the weekend. What is going on?"},
            "I'm sorry about the delays. Would you like me to keep the order open, or would you "
            "prefer to cancel it for a full refund?",
            "I'd still like it if it can arrive by Saturday. Otherwise please cancel.",
            "The {product} was held up by a supplier delay. It has now left our warehouse by "
            "next-day delivery and should be with you tomorrow. I've refunded the delivery charge "
            "for the trouble.",
            "Our supplier expects new stock of the {product} on {date}. I've reserved one for you "
            "and will confirm as soon as it ships.",
            "It still hasn't arrived and the weekend has come and gone."},
       }},
      {"return",
       0.24,
       1,
       {"return", "refund", "exchange"},
       {
           {{"Return request for order {order}", "How do I return the {product}?"},
            {"I'd like to return the {product} from order {order}. It's unused and still in the "
             "original packaging. How do I get a returns label?"},
            "Happy to help. Could you let me know the reason for the return, and whether you "
            "would prefer a refund or an exchange?",
            "It's just not what I expected, so a refund please.",
            "I've emailed you a free returns label. Once the warehouse scans the parcel, your "
            "refund of {amount} will be processed within 5 working days.",
            "Returns of this item go back to the supplier directly. I've asked them for a "
            "collection slot and will confirm it by {date}.",
            "The returns label doesn't work: the post office couldn't scan it."},
           {{"Refund not received yet"},
            {"I sent back order {order} two weeks ago and the tracking shows you received it, but "
             "I still haven't had my refund of {amount}."},
            "Could you tell me the tracking number of your return parcel, so I can match it to "
            "the return in our warehouse?",
            "The tracking number is on the receipt from the post office: it starts with RT and "
            "ends in GB, the digits in between are {digits}.",
            "I found your return: it had been received but not booked in. I've processed the "
            "refund of {amount} now, and it should reach your account within 3 to 5 working "
            "days. Sorry for the wait.",
            "The warehouse needs to inspect the returned item before the refund can be released. "
            "This normally takes two working days; I'll come back to you by {date}.",
            "The refund still hasn't appeared in my account."},
           {{"Exchange for a different size"},
            {"The jacket I ordered is too small. Can I exchange it for the next size up rather "
             "than getting a refund? Order {order}."},
            "Of course. Which size would you like, and is the jacket unworn with the tags still "
            "attached?",
            "Size M please. It's unworn and the tags are still on.",
            "I've set up the exchange. A courier will bring the new size and collect the old one "
            "at the same time on {date}.",
            "Size M is out of stock until {date}. I've reserved one for you from the next "
            "delivery and will arrange the swap as soon as it arrives.",
            "The courier didn't turn up to collect the item on the day you said."},
           {{"Item arrived damaged"},
            {"The {product} arrived with a cracked lid. I'd like a replacement rather than a "
             "refund, please."},
            "I'm sorry it arrived damaged. Could you send a photo of the damage and of the outer "
            "box, so I can report it to the courier?",
            "Photos attached. The box was dented on one corner.",
            "A replacement {product} is on its way to you; there's no need to send the damaged "
            "one back.",
            "I've reported the damage to the courier, which I have to do before sending a "
            "replacement. I'll confirm the replacement by {date}.",
            "The replacement is damaged as well."},
       }},
      {"billing",
       0.14,
       1,
       {"payment", "double-charge", "discount-code", "invoice"},
       {
           {{"Charged twice for order {order}"},
            {"I've been charged twice for order {order}: there are two payments of {amount} on my "
             "card statement. Please refund the duplicate."},
            "Could you confirm the last four digits of the card you used and the dates of both "
            "payments? Please don't send the full card number.",
            "The card ends in {digits}, and both payments were on the same day, a few minutes "
            "apart.",
            "You're right, the payment was taken twice. I've refunded the duplicate payment of "
            "{amount}; it can take up to 5 working days to appear.",
            "I've asked our payments team to check this with the card processor. They'll confirm "
            "within two working days, by {date}.",
            "The refund still isn't showing on my statement after a week."},
           {{"Discount code not applied"},
            {"I used the discount code WELCOME15 at checkout, but the 15% wasn't taken off. Order "
             "{order}."},
            "Could you tell me the email address you used at checkout? WELCOME15 only works on a "
            "first order, so I'd like to check the account.",
            "I used this same email address, and this was my first order.",
            "I've applied the discount manually and refunded the difference of {amount} to your "
            "card.",
            "I've asked our marketing team why the code was rejected. They'll come back to me by "
            "{date}.",
            "I haven't received the refund of the discount."},
           {{"Payment failed but money taken"},
            {"My payment failed at checkout, but {amount} has still been taken from my bank "
             "account, and there's no order in my account."},
            "Could you tell me roughly what time you tried to pay and which payment method you "
            "used?",
            "It was about 8pm yesterday, with my debit card.",
            "The failed payment was only a pending authorisation: your bank will release the "
            "{amount} automatically within 3 to 5 working days. No money has actually been taken.",
            "I've asked our payment provider to confirm the authorisation has been cancelled. "
            "I'll update you by {date}.",
            "It's been a week and the money is still gone from my account."},
           {{"VAT invoice for order {order}"},
            {"Could you send me a VAT invoice for order {order}? I need it for my business "
             "expenses."},
            "Of course. Which company name and address should appear on the invoice?",
            "Please put Hill & Co Ltd, 4 Market Street, {city}.",
            "I've attached the VAT invoice for order {order}, made out to your company, to this "
            "email.",
            "Our finance team issues VAT invoices; they'll send it to you by {date}.",
            "The invoice still shows my own name instead of the company's."},
       }},
      {"account",
       0.10,
       0,
       {"login", "password", "gdpr", "newsletter"},
       {
           {{"Can't log in to my account"},
            {"I can't log in to my account. The password reset email never arrives, not even in "
             "my spam folder."},
            "To protect your account, could you confirm the postcode of your billing address and "
            "the date of your most recent order?",
            "The postcode is the one on the account, and my last order was about a month ago.",
            "I've reset the login on your account and sent a new password link; it should arrive "
            "in the next few minutes and is valid for 24 hours.",
            "Our web team is looking into why reset emails aren't arriving for some addresses. "
            "I'll update you by {date}.",
            "The reset link says it has expired."},
           {{"Please delete my account"},
            {"Please delete my account and all the personal data you hold about me."},
            "To make sure the request comes from the account holder, could you confirm the "
            "postcode of your billing address?",
            "Yes, it's the postcode on my account; I've just checked it.",
            "Your account has been deleted, along with the personal data we're not legally "
            "required to keep. Order records are kept for 6 years for tax purposes and then "
            "deleted.",
            "Your request has been passed to our data protection team, who will confirm the "
            "deletion by {date}.",
            "I've just had another email from you, so my data clearly hasn't been deleted."},
           {{"Unsubscribe me from marketing emails"},
            {"I keep getting marketing emails even though I've unsubscribed twice. Please stop "
             "them."},
            "Could you confirm which email address the messages are being sent to?",
            "They come to the same address I'm writing from.",
            "I've removed your address from all marketing lists. It can take up to 48 hours for "
            "emails that were already scheduled to stop.",
            "Our email provider has to remove the address from a separate list. I've asked them "
            "to, and I'll confirm by {date}.",
            "I'm still receiving the emails."},
           {{"Change the email address on my account"},
            {"I'd like to change the email address on my account, but the website won't let me."},
            "Could you tell me the new address you'd like to use, and what the website says when "
            "you try?",
            "It says 'this email is already in use', but I don't have another account.",
            "There was an old guest checkout on the new address, which blocked the change. I've "
            "merged it into your account and updated the email address; you'll get a "
            "confirmation at the new address.",
            "I've asked our web team to release the new address from an old guest account. I'll "
            "confirm by {date}.",
            "It still says the email is already in use."},
       }},
      {"warranty",
       0.10,
       1,
       {"faulty", "warranty", "repair"},
       {
           {{"{product} stopped working", "Faulty {product} after two months"},
            {"My {product} stopped working after just two months. It won't switch on at all. Is "
             "it still under warranty?"},
            "I'm sorry it's let you down. Could you send a short video showing what happens when "
            "you switch it on, plus the serial number from the label underneath?",
            "Video attached. The serial number on the sticker underneath ends in {digits}.",
            "That's covered by the 2-year warranty. I've arranged a replacement, which will be "
            "delivered on {date}; the courier will take the faulty one away at the same time.",
            "I've sent your video to the manufacturer's warranty team for assessment and expect "
            "their answer by {date}.",
            "The replacement has the same fault."},
           {{"Warranty claim: {product} rattling"},
            {"The {product} I bought in the spring has started making a loud rattling noise. Can "
             "it be repaired or replaced?"},
            "Could you confirm roughly when you bought it, and whether it's been used as "
            "described in the manual?",
            "I bought it in April and have only ever used it as the manual says.",
            "The manufacturer will repair it free of charge. A prepaid label is on its way; "
            "repairs take about 7 working days.",
            "The manufacturer wants to inspect it first. I've asked them for a collection date "
            "and will let you know by {date}.",
            "It's been two weeks and I haven't heard back about the repair."},
           {{"Casserole dish enamel chipping"},
            {"The enamel on my Cast Iron Casserole Dish is chipping after three weeks. That can't "
             "be right."},
            "I'm sorry to hear that. Could you send a photo of the chipped area?",
            "Photo attached: there are two chips inside the rim.",
            "That shouldn't happen with normal use. I've issued a full refund of {amount}, as the "
            "dish is no longer in stock for a replacement.",
            "I've sent your photo to the manufacturer for assessment and expect their answer by "
            "{date}.",
            "The refund hasn't arrived yet."},
       }},
      {"major_complaint",
       0.03,
       2,
       {"complaint", "escalated"},
       {
           {{"Formal complaint about your service", "Extremely disappointed: please escalate"},
            {"This is a formal complaint. I've contacted you four times about order {order} over "
             "three weeks, and every time I'm promised a call back that never happens. I want a "
             "full refund of {amount} and an explanation, or I'll take this to my bank and to "
             "Trading Standards."},
            "I'm very sorry about your experience. I lead our customer relations team and will "
            "handle your case personally. Could you share the dates you contacted us, so I can "
            "review each conversation?",
            "I contacted you on the 2nd, the 9th and the 14th: twice by phone and once by email.",
            "I've reviewed every contact and we let you down badly. I've refunded the full "
            "{amount} and added a £20 voucher as an apology, and I've shared this case with the "
            "team so it doesn't happen again.",
            "I'm reviewing the call recordings with the team leaders involved and will give you a "
            "full answer by {date}.",
            "The refund you promised still hasn't arrived."},
           {{"Complaint: rude customer service"},
            {"The agent I spoke to on the phone yesterday was rude and hung up on me. I expect an "
             "apology and a manager to deal with my case."},
            "I'm sorry you were treated that way. I'd like to call you to go through this "
            "properly. Would tomorrow between 10am and 12pm suit you?",
            "Tomorrow between 10 and 12 is fine, please call my mobile.",
            "I listened to the call recording and I agree it wasn't acceptable. I've spoken to "
            "the agent's manager, and I've credited {amount} to your account as an apology.",
            "I've asked for the call recording to be reviewed by the agent's manager and will "
            "come back to you by {date}.",
            "I'm not satisfied with this response and I want to take it further."},
           {{"Courier damaged my front door"},
            {"Your courier damaged my front door while delivering a parcel and nobody will take "
             "responsibility. I want this escalated to a manager immediately."},
            "I'm sorry this happened. Could you send photos of the damage and, if you have one, a "
            "quote for the repair?",
            "Photos attached, and a joiner has quoted £180 for the repair.",
            "Our courier partner has accepted liability for the damage and will contact you "
            "within 2 working days to arrange the repair at no cost to you.",
            "I've asked our courier partner's claims team to review the damage. I'll update you "
            "with their decision by {date}.",
            "Nobody from the courier has been in touch."},
       }},
  };
  // The courier's depot in one city fell behind for a day and a half.
  const std::string_view kDepotAsk =
      "There's a backlog at our courier's {city} depot. Could you confirm the delivery address, "
      "so I can check your parcel is on their priority list?";
  const std::string_view kDepotAnswer = "Yes, the address on the order is right.";
  const std::string_view kDepotSolution =
      "The {city} depot has cleared its backlog and your parcel is out for delivery today. I've "
      "refunded the delivery charge for the delay.";
  const std::string_view kDepotHold =
      "Our courier is working through the backlog at the {city} depot. I'll update you as soon "
      "as your parcel moves, by {date} at the latest.";
  const std::string_view kDepotReopen = "It's still stuck in {city}.";
  c.incidents = {
      {"delivery",
       41,
       8,
       30,
       90,
       "depot-delay-manchester",
       "Manchester",
       {
           {{"Order {order} delayed at the {city} depot?"},
            {"My order {order} was due yesterday and the tracking says it's being held at the "
             "{city} depot. When will it arrive?"},
            kDepotAsk,
            kDepotAnswer,
            kDepotSolution,
            kDepotHold,
            kDepotReopen},
           {{"Still waiting for order {order}"},
            {"Tracking for order {order} hasn't moved from the {city} hub for two days. I need "
             "the {product} for a birthday this weekend."},
            kDepotAsk,
            kDepotAnswer,
            kDepotSolution,
            kDepotHold,
            kDepotReopen},
           {{"Parcel stuck in {city}"},
            {"Is something wrong with your courier in {city}? My parcel has been 'delayed' since "
             "Monday."},
            kDepotAsk,
            kDepotAnswer,
            kDepotSolution,
            kDepotHold,
            kDepotReopen},
       }},
  };

  c.word_gap = " ";
  c.agent_greeting = "Hi {hon},";
  c.agent_signoff = "Kind regards,\n\n{agent}\nBrightBasket Customer Care";
  c.customer_greetings = {"Hello,", "Hi,", "Hi there,", "Dear BrightBasket,"};
  c.customer_signoffs = {"Thanks,\n{first}", "Kind regards,\n{full}", "Many thanks,\n{full}"};
  c.chases = {"I still haven't heard anything back. When can I expect a reply?",
              "Any update on this, please?", "Chasing this again. It's been days without a response."};
  c.thanks = {"Brilliant, thank you for sorting that out.", "Thanks for your help!",
              "Received it today, thanks."};
  c.notes = {"Customer has contacted us three times this month.",
             "Checked the order history: no previous issues with this customer.",
             "Customer since 2019; no previous complaints.", "Customer prefers email; please don't call."};
  c.reminders = {
      "We haven't heard back from you, so just checking in. If we don't hear from "
      "you within 4 days, we'll close this request."};
  c.phone_intro = "Thanks for your call just now. As promised, here is what we agreed.";
  c.escalation_note =
      "Customer is very unhappy and mentioned Trading Standards. Passing to "
      "Customer Relations.";
  c.handover_note = "Picking this up from a colleague after a shift change.";
  c.hold_note = "Waiting on a third party; set to on hold.";
  c.months = {"January", "February", "March",     "April",   "May",      "June",
              "July",    "August",   "September", "October", "November", "December"};
  c.weekdays = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return c;
}

}  // namespace sp::demo
