"""Chat-style templates for the synthetic NER data.

Placeholders (labelled):
    {P} {P2} {P3}     a person in a randomly chosen form (full, given, surname, initials...)
    {P.f} {P.g} {P.s} the same person's full name / given name / surname
    {L} {L2}          any place;  {C} {C2} a city;  {K} {K2} a country;  {R} a region;
    {M}               a landmark or district
Placeholders (not labelled):
    {T} a title (Mr, Dr, Shri...), {P.e} the person's email, {ORG}, {TECH}, {TECH2}, {NUM},
    {DAY}, {DATE}, {TIME}, {PHONE}, {ID}, {HASH}, {UUID}, {AMOUNT}, {W} a common word that is a
    name elsewhere (mark, will, grace...).

A template belongs to train or dev as a whole (see make_data.py), so dev sentences are new.
"""

from __future__ import annotations

POSITIVE = r"""
hi, my name is {P} and I need help with my visa application
Hi there! I'm {P.g}, {P.s} is my surname.
my manager {P} wants the report by {DAY}
tell my wife {P.g} that I'll be late tonight
{P} said the deploy failed again
{P.g} said the deploy failed, can you check the logs?
ok so {P.g} said we should roll back
can you draft an email to {P} about the delay?
Please write a reply to {T} {P.s} thanking her for the referral
I'm meeting {P} in {C} next week, suggest a restaurant
Dear {P},\nThank you for your application.
Dear {T} {P.s},\nWe received your complaint and will respond within 5 days.
Regards,\n{P.f}
Best,\n{P.g}
Thanks,\n{P.f}\n{ORG}
Cheers\n{P.g}
From: {P.f} <{P.e}>\nTo: {P2}\nSubject: contract renewal
From: {P.f} <{P.e}>\nSent: {DATE}\nTo: {P2.f}
To: {P.f}\nCc: {P2.f}\nSubject: Re: invoice {ID}
Name: {P.f}\nDOB: {DATE}\nAddress: {C}, {K}
Full name: {P.f}\nNationality: {K}\nPassport no: {ID}
patient {P} in bed 4 needs a blood test
Patient: {P.f}, age {NUM}, admitted with chest pain
pt {P} c/o headache x3 days, referred by {T} {P2.s}
the nurse said {P.g} is allergic to penicillin
summarise the discharge note for {P}
PAYEE: {P.f}\nAMOUNT: {AMOUNT}
Beneficiary name: {P.f}, bank in {C}
send {AMOUNT} to {P} for the rent
I transferred the money to {P.f} yesterday but it bounced
candidate {P} applied for the backend role, experience 5 years
Interview feedback for {P.f}: strong on system design
{P.f}\nSoftware Engineer\n{C}, {K}\n{P.e}
RESUME\n{P.f}\n{C}, {K} | {PHONE}
Can you improve the summary on {P.g}'s CV?
I moved from {C} to {C2} last year for work
we relocated from {K} to {K2} in {DATE}
I'm flying from {C} to {C2} on {DAY}, any tips?
What's the weather like in {L} in August?
plan a 3 day trip to {L} for me and {P.g}
my sister {P.g} lives in {C}
my brother {P} is visiting from {K}
my mom {P.g} keeps asking about {C}
my dad {P.f} was born in {L}
my friend {P} from {C} recommended this course
{P} and {P2} are joining the call
{P.g} and {P2.g} went to {L} for their honeymoon
ask {P.g} whether the {TECH} upgrade is done
ping {P.g} about the {TECH} migration
{P.g} owns the {TECH} cluster, talk to her
assign the ticket to {P}
ticket #{NUM} reported by {P.f} ({P.e})
Customer {P.f} called about order {ID}, wants a refund
support: {P} from {C} cannot log in since {DAY}
The user {P.g} reports that the app crashes on startup
HR: {P.f} starts on {DATE} in the {C} office
please update the payroll for {P.f}, employee id {ID}
{P.f} resigned, last day is {DATE}
{T} {P.s} will chair the meeting in {C}
Happy birthday {P.g}!
congrats {P.g} on the promotion
thank you {P.g}, that was very helpful
sorry {P.g}, I missed your message
good morning {P.g}
hey {P.g} how are you
yo {P.g} u coming tonight?
lol {P.g} is so funny
{P.g}: can you review my PR?
{P.g}: sure, give me 5 min
[{TIME}] {P.g}: the build is green now
<{P.g}> anyone seen the staging logs?
@{P.g} please take a look
cc {P}
{P.f} (she/her)
{P.f} | Product Manager | {ORG}
written by {P.f}, {C} {DATE}
the book by {P.f} was great
I'm reading a novel by {P} set in {L}
I was born in {C} but grew up in {K}
I live in {C}
I'm based in {L}, happy to meet in person
we are a team of 5 in {C} and 3 in {C2}
the conference is in {C} this year
our warehouse in {C} is closed for the holiday
the flight to {C} was cancelled
shipping to {K} takes 10 days
Do you ship to {K}?
how do I get a work permit in {K}?
is it safe to travel to {L} alone?
best neighbourhoods in {C} for families?
my grandmother {P} is from a small village near {C}
my uncle {P.g} runs a shop in {M}
we stayed near {M} in {C}
meet me at {M} at {TIME}
the hotel near {M} was too expensive
Send the package to {P.f} in {C}
Contact person: {P.f}, {PHONE}
Emergency contact: {P.f} (husband), {PHONE}
Guardian: {P.f}
Next of kin: {P.f}, {C}
Signed,\n{P.f}\n{DATE}
Yours sincerely,\n\n{P.f}
Warm regards,\n{P.f}\nHead of Sales, {ORG}
Kind regards\n{P.f}\n{ORG} | {C}
-- \n{P.f}\n{PHONE}
Sent from my iPhone\n\n{P.g}
The account holder is {P.f}
Account name: {P.f}
Card holder: {P.f}
Booking for {P.f} and {P2.f}, 2 adults
passenger {P.f}, seat 14C, {C} to {C2}
Guest: {P.f}, check-in {DATE}
translate this message for {P.g}: "see you in {C}"
write a cover letter for {P.f} applying to {ORG} in {C}
{P.f} has 8 years of experience in {TECH} and {TECH2}
References: {P.f}, {ORG}, {P.e}
Reference available from {T} {P.f}
My landlord {P} is refusing to return my deposit
the plumber {P.g} never showed up
our nanny {P.g} is on leave until {DAY}
the teacher {T} {P.s} gave my son detention
my son {P.g} has a fever
my daughter {P.g} starts school in {C}
{P.g}'s birthday party is on {DAY}
invite {P.g}, {P2.g} and {P3.g} to the retro
{P}, {P2} and {P3} are on the interview panel
the winners are {P.f} and {P2.f}
Attendees: {P.f}, {P2.f}, {P3.f}
Owner: {P.f}\nReviewer: {P2.f}
Assignee: {P.f}
Reported by: {P.f}
Approved by {T} {P.s} on {DATE}
{P.f} approved the expense report
I had a call with {P} from {ORG} about the {TECH} license
{P.g} from accounting needs the invoices
{P.g} in legal says the contract is fine
{P.s} from procurement hasn't replied
lunch with {P.g} at {M}?
{P} is my emergency contact
is {P.g} a boy's or girl's name?
what does the name {P.g} mean?
how do you pronounce {P.f}?
my name is {P.f}, I am from {K}
I am {P.f} from {C}, {K}
this is {P.g} from {ORG}, calling about your order
{P.g} here, quick question about the {TECH} setup
it's {P.g} again, the issue is back
as {P.g} mentioned yesterday, the API is rate limited
according to {P.f}, the budget is approved
{P.s} thinks we should use {TECH}
I disagree with {P.g}, {TECH} is fine
{P.g} is out sick today
{P.g} will cover for {P2.g} this week
{P.f} is the new CTO
welcome {P.g} to the team!
farewell party for {P.f} on {DAY}
RIP {P.f}, he was a great mentor
the documentary about {P.f} was filmed in {L}
protest in {C} over fuel prices
floods in {R} displaced thousands
the election in {K} is next month
earthquake near {C} yesterday
I'm stuck at the airport in {C}
my parents live in {R}
we drove through {R} to {C}
the best biryani is in {C}
compare the cost of living in {C} and {C2}
should I move to {K} or {K2}?
salary for a data engineer in {C}?
I got a job offer in {C}, relocating from {C2}
He left {K} in 2010 and settled in {C}
she studied in {C} before moving to {K}
Origin: {C}, {K}\nDestination: {C2}, {K2}
Ship to: {P.f}, {C}
Delivery address is in {C}, call {P.g} on arrival
Location: {C}
Location: {M}, {C}
Place of birth: {C}, {K}
Hometown: {C}
Venue: {M}, {C}
our offices: {C} · {C2} · {C3}
offices in {C}, {C2} and {K}
{P.g} from {C} asked about the {TECH} bug
{P.f}, {C}: "great product, fast delivery"
review by {P.g} ({C}): 5 stars
{P.f} wrote: the {TECH} build keeps failing
> {P.g} wrote:\n> can we push the release?
On {DATE}, {P.f} <{P.e}> wrote:
{P.g} replied to your comment
{P.f} mentioned you in a comment
{P.f} invited you to edit
{P.f} shared a file with you
Missed call from {P.g}
voice note from {P.g}
{P.g} is typing...
{P.g} left the group
{P.g} added {P2.g} to the group
{P.g} changed the subject to "trip to {L}"
call {P.g} back when you land in {C}
remind me to call {P.g} at {TIME}
remind me to email {P.f} on {DAY}
schedule a meeting with {P.f} and {P2.f} on {DAY}
book a table for {P.g} at {TIME}
{P.g}'s flight lands in {C} at {TIME}
pick up {P.g} from {M}
add {P.f} to the {TECH} project
remove {P.g} from the mailing list
grant {P.g} access to the {TECH} dashboard
is {P.f} on the {TECH} team?
who is {P.f}?
tell me about {P.f}
{P.f} vs {P2.f}, who is the better candidate?
rewrite this bio: {P.f} is a designer based in {C}
{P.f} is a nurse from {C} who moved to {C2} in {DATE}
my colleague {P} in {C} speaks {K2}-style English
my girlfriend {P.g} and I are visiting {K}
my husband {P} works night shifts
my boss {P.s} is impossible
our CEO {P.f} announced layoffs
the doctor, {T} {P.s}, prescribed antibiotics
Appointment with {T} {P.f} on {DAY} at {TIME}
{T} {P.f} (cardiology) will see you now
Hello {T} {P.s}, your test results are ready
Namaste {P.g} ji, kindly send the documents
Assalamualaikum {P.g}, how are you?
Salam {P.g}
annyeong {P.g}
xin chào {P.g}
sawasdee {P.g}
{P.g}{HSUF}, thank you for the invitation
I asked {P.s}{HSUF} to check the translation
please reach out to {P.g} at {P.e}
{P.g} <{P.e}>
{P.f} <{P.e}>
"{P.f}" <{P.e}>
{P.e} belongs to {P.f}
{P.f}, {PHONE}, {C}
{P.f}\t{C}\t{K}
{P.f};{C};{DATE}
name,city\n{P.f},{C}
{P.s}, {P.g}\n{C}
{P.s}, {P.g} - {ID}
{NC} {N} for {P.g}: please {V} it by {DAY}
the {A} {N} that {P.g} sent is {A}
{P.g} wants to {V} the {N} before the {N} review
{NC} update from {P.f}: the {N} is {A} again
{P.f} will {V} the {N} in {C}
my {N} {P.g} is {ADV} {A}
{NC}: {P.f}
{NC} {N}: {P.f}, {C}
{NC} of {N}, {ORG}\n{P.f}
{NC} regards,\n{P.f}
we {ADV} {V} {N} with {P.g} in {L}
{NC} near {L} is {A} this time of year
the {N} in {C} was {A}
{NC} {N} in {L}
{P.g} and I {V} the {N} {ADV}
{NC} the {N} for {P.g} and {P2.g}
our {N} {P.f} {V}s the {N}
{NC} said {P.g} is {A}
is {P.g} {A} about the {N}?
{NUM}. {P.f} - {C}
- {P.f} ({C})\n- {P2.f} ({C2})
1) {P.f}\n2) {P2.f}\n3) {P3.f}
"""

NEGATIVE = r"""
the deploy failed again, can you check the logs?
{TECH} keeps crashing with CrashLoopBackOff on pod api-{HASH}
how do I install {TECH} on Windows 11?
migrate from {TECH} to {TECH2} without downtime
{TECH} vs {TECH2} for a small team?
why is my {TECH} build so slow
error: could not resolve host when running {TECH}
I upgraded {TECH} and now {TECH2} fails to start
explain {TECH} like I'm five
write a unit test for this {TECH} function
convert this {TECH} snippet to {TECH2}
what's the difference between {TECH} and {TECH2}?
commit {HASH} broke the {TECH} pipeline
request id {UUID} returned 502
trace {UUID} shows a timeout in {TECH}
set the env var {ID} before running the job
ImagePullBackOff on the {TECH} deployment
NullPointerException in OrderService.java line {NUM}
KeyError: 'user_id' in handlers.py
TypeError: cannot read properties of undefined
please {W} the ticket as resolved
{W} you review the PR when you have time?
the grace period ends on {DAY}
the bill for {ORG} is due on {DATE}
I hope the build passes this time
in august we ship v{NUM}
we had a frank discussion about the roadmap
can you grant access to the shared drive?
we need to chase the vendor for the invoice
the {TECH} team will rotate the keys at dawn
I may be late to standup
mark said item as duplicate and close it
will it scale to {NUM} users?
may I ask how the pricing works?
I bought {ORG} shares in {DATE}
{ORG} reported strong earnings this quarter
{ORG} and {ORG2} announced a partnership
our contract with {ORG} renews in {DATE}
the {ORG} API rate limits us at {NUM} requests per minute
Johnson & Johnson stock dropped today
use Dijkstra's algorithm to find the shortest path
implement a Kalman filter in {TECH}
apply a Gaussian blur before edge detection
explain Bayes' theorem with an example
what is a Markov chain?
compute the Levenshtein distance between two strings
a Bloom filter has false positives but no false negatives
the Turing test is outdated
Monte Carlo simulation for option pricing
Occam's razor applies here
Conway's law explains our architecture
Murphy's law: everything that can fail will fail
the Fourier transform of a Gaussian is a Gaussian
Newton's method converges quadratically
our {TECH} cluster has {NUM} nodes
the invoice total is {AMOUNT} incl. VAT
order {ID} was shipped on {DATE}
your verification code is {NUM}
meeting moved to {TIME} on {DAY}
standup at {TIME}, retro on {DAY}
Sprint {NUM} goals: fix login, add dark mode
TODO: refactor the {TECH} adapter
FIXME: handle empty responses
README: run make install then make test
Step 1: open Settings\nStep 2: click Privacy
Q3 OKRs are due {DAY}
the quick brown fox jumps over the lazy dog
what's a good name for a cat?
suggest names for a coffee shop
give me 10 baby names that start with A
how many calories are in a banana?
recipe for chicken curry with coconut milk
summarize this article in three bullet points
rewrite this paragraph to be more formal
what is the capital of a country?
translate "good morning" into Spanish
is Pluto a planet?
the Moon is 384,400 km away
explain photosynthesis
how does compound interest work?
what are the symptoms of flu?
my laptop fan is very loud
the printer on floor 3 is jammed again
the coffee machine is broken
can you help me with my homework?
I can't sleep, any tips?
write a haiku about autumn
tell me a joke about programmers
What Is The Best Way To Learn {TECH}?
PLEASE RESET MY PASSWORD
URGENT: SERVER DOWN
THE BUILD IS BROKEN AGAIN
ok thanks
thanks a lot!
sure, sounds good
no worries
lgtm, merging
+1
ship it
done ✅
see you tomorrow
good night
Happy New Year!
Merry Christmas everyone
Happy Diwali!
Eid Mubarak!
Happy Lunar New Year
version {NUM}.{NUM}.{NUM} is out
python -m pip install {TECHL}
docker run -p 8080:80 {TECHL}:latest
git checkout -b feature/{TECHL}-fix
curl https://api.example.com/v1/users/{NUM}
SELECT name, city FROM customers WHERE id = {NUM};
/home/ubuntu/{TECHL}/config.yaml
C:\Users\Public\Documents\report.docx
sha256: {HASH}{HASH}
uuid={UUID}
{TECH} 3.12 dropped support for old APIs
The {TECH} Foundation released a new version
Amazon Web Services had an outage in us-east-1
Apple released iOS 18 with new privacy features
Microsoft Teams keeps logging me out
Google Docs won't load
Rust's borrow checker is confusing
Go's goroutines are cheap
Python's GIL limits threads
Kafka consumer lag is growing
Jenkins job #{NUM} failed
Anaconda navigator is slow
Vercel preview deployments are broken
Jakarta EE 10 migration guide
Django admin is not loading CSS
Spring Boot app fails on startup
Windows 11 update broke my wifi
Jupyter kernel keeps dying
Terraform plan shows drift
Redis memory usage is at 90%
Ubuntu 24.04 LTS upgrade
Raspberry Pi won't boot
The Office is my favourite show
Game of Thrones season 8 was disappointing
Star Wars or Star Trek?
Black Friday deals
Cyber Monday sale ends tonight
Prime Day
Super Bowl ads
World Cup final
Champions League draw
Grand Slam
Nobel Prize
Pulitzer Prize
Oscars
Christmas Eve
New Year's Eve
Valentine's Day
Mother's Day
Independence Day
Labor Day weekend
Ramadan Kareem
Thanksgiving dinner
{NC} {N} is {A} today
{NC} the {N} before {DAY}
{NC} {ADV} {V}s the {N}
the {A} {N} {V}s {ADV}
{NC} of {N} and {N}
please {V} the {N} and {V} the {N}
why does the {N} {V} when I {V} the {N}?
{NC}: {A} {N}, {A} {N}
{NC}, {NC} and {NC}
{NC} {NC}
{NC} {N}
{NC} {A} {N} for the {TECH} {N}
we {ADV} {V} the {N} in {TECH}
{NC} {N} failed: {N} not {A}
how do I {V} a {N} in {TECH}?
{NC} is {A}, {N} is {A}
{NC} {N} {N} ({NUM} {N})
the {N} {N} meeting is {A}
{NC} report: {N} {V}s {ADV}
{NC} {V}s the {A} {N}
{NC} {N} and the {N} of {N}
I {ADV} {V} {N}
{NC}! {NC}!
re: {N} {N}
Subject: {NC} {N}
{NC} team: {N} {N} at {TIME}
{NC} {N} {V} {N} {N} {NUM}
{NC} of the {N}: {A}
"""


# Second round (December 2026), written after the first model shipped: kinds of messages the
# first list lacks (transcripts, chat exports, trailers, forms, tables, call-outs, kinship
# titles, names as the object of everyday verbs, casual lower-case chat). ``{P.f:u}`` /
# ``{P.g:l}`` write one slot in upper / lower case. Split into train and dev on its own.
POSITIVE_2 = r"""
[10:42] {P.g}: did the build pass?\n[10:43] {P2.g}: not yet
12/03/24, 21:15 - {P.f}: reached home safe
{P.g}  9:41 AM\nthe client call moved to {DAY}
> On {DAY}, {P.f} <{P.e}> wrote:\n> please find the contract attached
Co-authored-by: {P.f} <{P.e}>
Signed-off-by: {P.f} <{P.e}>
Reviewed-by: {P.f}
# TODO({P.g:l}): remove after the migration
Attendees: {P.f}, {P2.f}, {P3.f}\nApologies: {P4.f}
Minutes taken by {P.f}
Action item: {P.g} to send the budget by {DAY}
Owner - {P.f}\nDue - {DATE}
| {P.f} | {C} | approved |
{P.f}\t{C}\t{NUM}
"name": "{P.f}", "city": "{C}"
name: {P.f}\nrole: admin
CONSIGNEE: {P.f:u}\nDESTINATION: {C:u}
SHIPPER: {P.f:u}
NEXT OF KIN: {P.f:u} (BROTHER)
Emergency contact - {P.f}, {PHONE}
Father's name: {P.f}\nMother's name: {P2.f}
Applicant: {P.f:u}\nPlace of birth: {C:u}
In loving memory of {P.f}, who passed away peacefully in {C}
Congratulations to {P.f} and {P2.f} on their wedding!
welcome to the team {P.g:l}!!
shoutout to {P.g} for fixing prod at 2am
big thanks {P.g} and {P2.g} for the help
{P.g:u}!!! you did it
{P.g:l} where are you??
{P.g:l} pls call me back
miss you {P.g:l}
gm {P.g:l}
good morning {P.g} ji
Uncle {P.g} is coming for dinner
Aunty {P.g} made biryani again
my mother-in-law {P.g} moved in with us
my late grandfather {P.f} was born in {C}
my stepson {P.g} is failing math
our landlord {P.f} won't return the deposit
the plumber {P.g} never showed up
I met {P.g} at the gym yesterday
I called {P.f} twice but no answer
I texted {P.g:l} about the party
we hired {P.f} as a senior analyst
they fired {P.g} last week
I paid {P.g} {AMOUNT} for the tickets
I owe {P.g} {AMOUNT}
we invited {P.g} and {P2.g} to the wedding
I'm staying with {P.g} in {C} for a week
went to {C} with {P.g} and {P2.g}
had dinner with {P.g:l} and her husband
{P.g} and I are planning a trip to {L}
me and {P.g:l} broke up
{P.g} who works in finance says the audit is next week
ask {P.g} or {P2.g}, they know the codebase
can you translate this for {P.g}?
how do I tell {P.g} that I'm quitting?
is it rude to remind {P.g} about the money?
write a toast for {P.g}'s 40th birthday
give me gift ideas for {P.g}, she loves gardening
{P.g}'s mom called, she is in {C}
picked up {P.g}'s parcel from the post office
{P.s} family reunion in {C} this summer
the {P.s}s are moving to {K}
{T} {P.s} prescribed antibiotics
seen by {T} {P.f} in the {C} clinic
{P.f}, 34, from {C}, was admitted on {DATE}
pt {P.f:l} 67m known diabetic
Nurse {P.g} on night shift
Student: {P.f}\nGrade: {NUM}\nTeacher: {T} {P2.s}
{P.f} scored {NUM} in the final exam
Roll no {NUM} - {P.f}
Player of the match: {P.f}
{P.s} scored twice in the second half
Tenant: {P.f}\nProperty: flat {NUM}, {C}
Landlord {P.f} agrees to repair the roof
The Seller, {P.f:u}, hereby transfers
witness 1: {P.f}\nwitness 2: {P2.f}
between {P.f} ("the Employee") and {ORG}
Account holder - {P.f:u}
credited from {P.f:u} ref {ID}
UPI payment to {P.f:l} successful
Sent {AMOUNT} to {P.f}
{P.f} requested {AMOUNT} from you
Driver {P.g} is arriving in {NUM} minutes
Your order was delivered to {P.g}
Booking for {P.f}, {NUM} guests, {TIME}
Passenger name: {P.s:u}/{P.g:u}
Guest: {P.f}\nCheck-in: {DATE}\nHotel: {M}, {C}
Visa applicant {P.f} (passport {ID}) travelling to {K}
Dear Hiring Manager, my name is {P.f} and I am applying from {C}
I am writing on behalf of my client {P.f}
Re: complaint from {P.f}
Caller {P.g} says the router keeps rebooting
Agent {P.g}: how can I help you today?\nCustomer: hi, this is {P2.f}
transcript: {P.g:l} um so i talked to {P2.g:l} and she said no
voice note from {P.g:l} it's about the keys
{P.g} left a voicemail
missed call from {P.g:u}
Contact saved: {P.f}
{P.f} accepted your invitation
{P.f} joined the meeting
{P.f} has left the group
{P.g} reacted to your message
{P.f} mentioned you in a comment
Assigned to: {P.f}\nReporter: {P2.f}
@{P.g:l} @{P2.g:l} can you both look
+{P.g} please review
ping {P.g:l} about it
lgtm, thanks {P.g:l}
{P.g:l}: ok\n{P2.g:l}: cool see u
{P.g} ({C}) and {P2.g} ({C2}) will pair on it
{P.f} - {C}, {K}
Born in {C}, {K}, {P.g} studied law in {C2}
{P.f} is a {NC} {N} based in {C}
Authors: {P.f}, {P2.f} and {P3.f}
Photo by {P.f}
Song by {P.f}, covered by {P2.f}
Directed by {P.f}
Interviewer: {P.f}\nInterviewee: {P2.f}
Q: what did {P.g} say?\nA: {P.g} said yes
my kid {P.g:l} has a fever of 39
we named our daughter {P.g}
is {P.g} a good name for a boy?
{P.g} sahib wants the file today
{P.s} sensei cancelled class
Brother {P.g} will lead the prayer
Pastor {P.f} visited the hospital
Imam {P.g} announced Eid prayers at {TIME}
Hon. {P.f}, Member of Parliament for {C}
President {P.f} visited {C}
Chief {P.f} welcomed the guests
{P.g} from {C} won the contest
{P.f} ({C}) - 2nd place
1. {P.f:u} ..... {NUM}\n2. {P2.f:u} ..... {NUM}
{P.f} / {P2.f} / {P3.f}
{P.s}, {P.g} - {ORG}
dear {P.g:l} thank u so much
hey {P.g:l} its me {P2.g:l}
im {P.g:l} from {C:l}
this is {P.f:l} calling about my appointment
""".strip()

NEGATIVE_2 = r"""
[10:42] bot: deployment succeeded
12/03/24, 21:15 - Messages and calls are end-to-end encrypted.
Co-authored-by: dependabot[bot] <support@github.com>
Signed-off-by: build-bot
# TODO: remove after the migration
Attendees: all engineering\nApologies: none
Action item: send the budget by {DAY}
| Service | Region | Status |\n| api | eu-west-1 | healthy |
name\tcity\tcount
"status": "ok", "count": {NUM}
CONSIGNEE: SAME AS SHIPPER
NEXT OF KIN: NOT PROVIDED
In loving memory of our old office dog
welcome to the team!!
shoutout to the night shift for fixing prod at 2am
gm everyone
good morning all
I met the new manager at the gym
I called the bank twice but no answer
we hired a senior analyst
I paid {AMOUNT} for the tickets
went to the beach with friends
had dinner with the team
can you translate this for my colleague?
how do I tell my boss that I'm quitting?
give me gift ideas for a gardener
the plumber never showed up
Player of the match: the goalkeeper
Tenant: vacant\nProperty: flat {NUM}
Sent {AMOUNT} to savings
Driver is arriving in {NUM} minutes
Your order was delivered to the front desk
Booking for {NUM} guests, {TIME}
Caller says the router keeps rebooting
voice note about the keys
missed call from UNKNOWN
Assigned to: Unassigned\nReporter: system
lgtm, thanks
ok\ncool see u
Photo by Unsplash
Directed by AI
Q: what did the report say?\nA: the report said yes
my kid has a fever of 39
Brother printer error: paper jam
Chief Technology Officer approved the plan
President's Day sale
1. {TECH} ..... {NUM}\n2. {TECH2} ..... {NUM}
{TECH} / {TECH2} / Kubernetes
Grace Hopper Award nominations are open
use Jenkins or GitHub Actions for CI
Lorem ipsum dolor sit amet
Hello World in {TECH}
Victoria Secret sale
Harley Davidson for sale
Ford Mustang 2019
Morgan Stanley earnings call at {TIME}
Louis Vuitton bag
Ruby on Rails with Sidekiq
Ada Lovelace Day
the Gauss-Seidel method
Fourier transform of a square wave
Bloom filter vs cuckoo filter
Levenshtein distance in {TECH}
Euler's number to ten digits
run black and isort before committing
Chrome and Edge both crash
Jasmine and Mocha tests fail
Amber alert issued for the region
Honey, Ginger and Pepper are our cats
Summer sale, Winter collection
Crystal Reports export fails
Apollo client cache is stale
Hermes engine on Android
Marshmallow and Nougat devices
Helm chart for Redis
Prince of Persia remake
Harsh weather warning for the coast
lovely weather today
faith in the process
""".strip()
