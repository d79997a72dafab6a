"""Generate the training corpus for the learned triage classifier.

Pure module, deterministic for a seed. Sentences are composed, not listed: a
symptom phrase from the vocabulary below (lay wording for the PRO-CTCAE terms,
the UKONS presentations and C-SSRS constructs, grouped by the level UKONS gives
them) is crossed with a person (the patient or a carer), a time, a hedge, a
frame (report, negation, resolution, question, hypothetical), typos, numbers
and a question about the medicine. The frame decides the label: the same
symptom is `emergency` when reported now and `calm` when denied, over, or asked
about.

The calm side also takes the bot's own NLU questions (`data/nlu/`), so that
ordinary questions about the medicines stay calm.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from core.nlu_examples import examples_by_intent

CALM, ROUTINE, URGENT, EMERGENCY = "calm", "routine", "urgent", "emergency"
LABELS: Tuple[str, ...] = (CALM, ROUTINE, URGENT, EMERGENCY)

# Phrases take the subject's verb forms: {be} is/am/are, {have} has/have,
# {s} the third-person -s, {self} myself/himself, {pos} my/his/her.
VOCABULARY: Dict[str, Tuple[str, ...]] = {
    EMERGENCY: (
        # UKONS 999: breathing at rest, airway
        "{be} struggling to breathe",
        "can't breathe properly",
        "can't catch {pos} breath",
        "{be} gasping for air",
        "{be} fighting for breath",
        "{be} breathless just sitting still",
        "{be} short of breath even lying in bed",
        "can barely talk because {pos} breathing is so bad",
        "can't get a whole sentence out without gasping",
        "{be} wheezing and can't get air in",
        "{pos} lips {be} going blue",
        "{pos} lips look grey",
        "{be} choking",
        "can't get enough air",
        "{pos} chest {be} so tight {sub} can hardly breathe",
        "{pos} breathing {be} really laboured",
        "{be} panting at rest",
        "{pos} oxygen reading {be} 85 percent",
        "{pos} sats {be} down to 88",
        # chest pain
        "{have} chest pain",
        "{pos} chest {be} crushing",
        "{have} a heavy pressure in {pos} chest",
        "{pos} chest feels like it's being squeezed",
        "{have} pain spreading from {pos} chest to {pos} arm",
        "{have} a sharp stabbing pain in {pos} chest",
        "{pos} chest hurts",
        # anaphylaxis
        "{pos} face {be} swelling up",
        "{pos} lips {be} swollen",
        "{pos} tongue {be} swelling",
        "{pos} throat feels like it's closing",
        "{pos} throat {be} tight and {sub} can't swallow",
        "{pos} eyes and lips {be} puffing up",
        "{be} covered in hives and {pos} throat {be} swelling",
        # collapse, consciousness
        "{be} collapsed on the floor",
        "fainted",
        "passed out",
        "{be} unconscious",
        "won't wake up",
        "{be} not responding",
        "keeled over",
        "blacked out",
        "{be} floppy and unresponsive",
        "{be} hard to wake and very drowsy",
        "{be} slumped and can't be roused",
        # seizure
        "{be} having a seizure",
        "had a fit",
        "{be} jerking and shaking all over and not answering",
        "went stiff and started twitching",
        # major bleeding
        "{be} coughing up blood",
        "{be} vomiting blood",
        "threw up something like coffee grounds",
        "{be} bringing up dark red clots",
        "{be} bleeding heavily and it won't stop",
        "{have} blood pouring from {pos} nose for an hour",
        "{be} losing a lot of blood from {pos} bottom",
        # confusion, stroke
        "{be} suddenly confused",
        "doesn't know where {sub} {be}",
        "{be} talking nonsense",
        "{pos} face {be} drooping on one side",
        "{pos} speech {be} slurred",
        "can't lift {pos} arm",
        "{be} seeing things that aren't there",
        "doesn't recognise us",
        "{be} muddled and very drowsy",
        # C-SSRS
        "want{s} to die",
        "{be} thinking about killing {self}",
        "{be} suicidal",
        "wish{es} {sub} {be} dead",
        "{have} been saving up pills to take them all",
        "{have} a plan to end {pos} life",
        "don't want to wake up tomorrow",
        "{be} cutting {self} again",
        "think{s} everyone would be better off without {obj}",
        "{be} a burden and want{s} it all to end",
        "wrote goodbye letters",
        "{have} been thinking of ending it all",
        "{be} going to take an overdose tonight",
        "burned {self} on purpose",
        "see{s} no point in living any more",
        # Indirect talk of suicide (988 Lifeline, NIMH and Samaritans warning
        # signs): finality, burden, farewells, means and a time decided.
        "won't be around for much longer, it's sorted",
        "{have} decided this is the last week",
        "{be} not going to be here for the next scan",
        "said goodbye to everyone like it's the last time",
        "{have} been giving {pos} things away",
        "{have} made {pos} mind up and picked a day",
        "{have} got the tablets put aside for when the time comes",
        "{be} a weight round everyone's neck",
        "say{s} the family will manage fine without {obj}",
        "keep{s} looking at the bridge on the way home",
        "{have} been reading how many of {pos} painkillers it would take",
        "told {pos} sister to look after the kids for {obj}",
        "{have} sorted the will and the letters, ready now",
        "{be} going to stop being a nuisance to everyone soon",
        "won't need the next appointment, don't bother",
        "{have} worked out how to go to sleep for good",
        "{be} tired of fighting and {have} a plan",
        "keep{s} thinking about the train line",
        "{have} the rope in the garage",
        "{be} done, there's nothing left for {obj} here",
        "by the weekend none of this will matter",
        "{have} made {pos} peace and {be} ready to go",
        "{have} switched {pos} phone off and said goodbye",
    ),
    URGENT: (
        # UKONS fever / sepsis
        "{have} a fever",
        "{be} running a temperature",
        "{have} a high temperature",
        "{be} burning up",
        "{have} a temp of {fever}",
        "{pos} temperature {be} {fever}",
        "{pos} temperature {be} {low} and {sub} feel{s} cold",
        "{be} hot and shivery",
        "{have} the shivers",
        "{be} shaking with chills",
        "{pos} teeth {be} chattering",
        "{have} rigors",
        "feel{s} hot and cold and unwell",
        # GI: diarrhoea, vomiting, bleeding (seeds: colitis)
        "{have} diarrhoea",
        "{have} had diarrhea {count} times today",
        "{have} watery poo",
        "{be} on the toilet constantly",
        "{have} the runs",
        "{have} loose stools since yesterday",
        "{pos} poo {be} black and sticky",
        "{have} blood in {pos} stool",
        "{pos} stools {be} like tar",
        "{have} been sick {count} times",
        "can't keep any fluids down",
        "{be} vomiting",
        "{have} been throwing up all night",
        "{have} bad stomach cramps",
        "{have} severe tummy pain",
        "{pos} belly {be} agony",
        # liver (seeds: hepatitis)
        "{pos} eyes {be} yellow",
        "{pos} skin {be} turning yellow",
        "{pos} pee {be} dark brown",
        "{pos} urine {be} the colour of cola",
        "{be} jaundiced",
        # lungs on effort (seeds: pneumonitis)
        "{have} a new cough",
        "{be} coughing a lot",
        "{be} breathless walking up the stairs",
        "get{s} out of breath doing the washing up",
        "{be} wheezy when {sub} walk{s}",
        # skin and mouth
        "{have} a rash all over",
        "{pos} skin {be} blistering",
        "{pos} skin {be} peeling off",
        "{have} mouth ulcers and can't eat",
        "{pos} mouth {be} so sore {sub} can't swallow food",
        # neuro, heart
        "{have} a terrible headache",
        "{have} the worst headache ever",
        "{pos} vision {be} blurry",
        "{be} seeing double",
        "{be} very dizzy",
        "{pos} heart {be} racing",
        "{have} palpitations",
        "{be} so weak {sub} can't stand",
        "{pos} legs {be} numb and tingling",
        # bleeding, urine
        "{pos} gums {be} bleeding",
        "{have} nosebleeds",
        "{have} lots of strange bruises",
        "{have} blood in {pos} pee",
        "haven't peed all day",
        "{have} not passed urine since this morning",
        # infusion reactions (seeds)
        "got chills and a rash during the infusion",
        "{be} flushed and itchy after the drip",
        "felt shivery straight after the infusion",
    ),
    ROUTINE: (
        "{be} a bit tired",
        "{have} mild nausea",
        "feel{s} a little queasy",
        "{have} a slight itch",
        "{have} a mild headache",
        "{be} more tired than usual",
        "{have} a bit less appetite",
        "{have} a dry mouth",
        "{be} a little constipated",
        "{have} mild aches in {pos} joints",
        "food tastes a bit odd",
        "{be} sleeping badly",
        "{have} slightly dry skin",
        "was sick once",
        "{have} a small patch of dry skin",
    ),
}

PERSONS: Tuple[Dict[str, str], ...] = (
    {
        "subj": "I",
        "be": "am",
        "have": "have",
        "s": "",
        "es": "",
        "self": "myself",
        "pos": "my",
        "sub": "I",
        "obj": "me",
    },
    {
        "subj": "I",
        "be": "'m",
        "have": "'ve got",
        "s": "",
        "es": "",
        "self": "myself",
        "pos": "my",
        "sub": "I",
        "obj": "me",
    },
    {
        "subj": "im",
        "be": "",
        "have": "have",
        "s": "",
        "es": "",
        "self": "myself",
        "pos": "my",
        "sub": "i",
        "obj": "me",
    },
    {
        "subj": "my husband",
        "be": "is",
        "have": "has",
        "s": "s",
        "es": "es",
        "self": "himself",
        "pos": "his",
        "sub": "he",
        "obj": "him",
    },
    {
        "subj": "my wife",
        "be": "is",
        "have": "has",
        "s": "s",
        "es": "es",
        "self": "herself",
        "pos": "her",
        "sub": "she",
        "obj": "her",
    },
    {
        "subj": "mum",
        "be": "is",
        "have": "has",
        "s": "s",
        "es": "es",
        "self": "herself",
        "pos": "her",
        "sub": "she",
        "obj": "her",
    },
    {
        "subj": "my dad",
        "be": "is",
        "have": "has",
        "s": "s",
        "es": "es",
        "self": "himself",
        "pos": "his",
        "sub": "he",
        "obj": "him",
    },
    {
        "subj": "she",
        "be": "is",
        "have": "has",
        "s": "s",
        "es": "es",
        "self": "herself",
        "pos": "her",
        "sub": "she",
        "obj": "her",
    },
    {
        "subj": "he",
        "be": "is",
        "have": "has",
        "s": "s",
        "es": "es",
        "self": "himself",
        "pos": "his",
        "sub": "he",
        "obj": "him",
    },
    {
        "subj": "my partner",
        "be": "is",
        "have": "has",
        "s": "s",
        "es": "es",
        "self": "themselves",
        "pos": "their",
        "sub": "they",
        "obj": "them",
    },
)
NOW = (
    "",
    "",
    "right now",
    "since this morning",
    "for the last hour",
    "tonight",
    "today",
    "since the infusion yesterday",
    "all of a sudden",
    "since last night",
    "again",
)
HEDGES = (
    "",
    "",
    "",
    "I think",
    "not sure but",
    "sorry to bother you,",
    "help",
    "please help,",
    "quick question,",
    "hi,",
    "is this normal?",
    "should I worry?",
)
MEDICINES = (
    "socazolimab",
    "plozalizumab",
    "MLN1202",
    "the immunotherapy",
    "my treatment",
)
# Questions about other medicines are as calm as questions about ours.
# The drug names above: the classifier reads each as "the medicine".
DRUG_NAMES = (
    "socazolimab",
    "plozalizumab",
    "MLN1202",
    "pembrolizumab",
    "nivolumab",
    "keytruda",
    "ibuprofen",
    "paracetamol",
    "cisplatin",
)
OTHER_MEDICINES = (
    "pembrolizumab",
    "nivolumab",
    "keytruda",
    "ibuprofen",
    "paracetamol",
    "chemo",
    "cisplatin",
    "steroids",
    "this drug",
    "the new drug",
)
QUESTIONS = (
    "how often do they give {med}?",
    "what is the usual {med} dose?",
    "is {med} approved?",
    "how does {med} work?",
    "any side effects with {med} I should know?",
    "should I stop {med}?",
    "is this from {med}?",
    "what should I do?",
    "do I need to go in?",
)
CALM_REQUESTS = (
    "can I talk to a nurse about {med}?",
    "I want to speak to my doctor",
    "who do I call about {med} appointments?",
    "which side effects come with {med}?",
    "is {med} some kind of chemo or not?",
    "how long does {med} stay in the body?",
    "is alcohol ok with {med}, just a glass?",
    "thanks, that helps",
    "what does {med} cost?",
    "where do I park for {med}?",
)
# Frames that make a symptom calm. {x} is the symptom said as a noun phrase or
# a clause in the past.
CALM_FRAMES = (
    "can {med} cause {noun}?",
    "is {noun} one of the side effects of {med}?",
    "what if I get {noun}?",
    "what should I do if I get {noun}?",
    "how common is {noun} with {med}?",
    "I'm worried about getting {noun} on {med}",
    "no {noun}",
    "I don't have {noun}",
    "{Subj} {had} {noun} last month but it's gone now",
    "{noun} has cleared up",
    "{Subj} {had} {noun} a few weeks ago, all fine now",
    "the {noun} is much better today",
    "{noun}? no, none at all",
    "thankfully no {noun} this time",
    "never had {noun}",
    "{noun} went away after a day",
    "{Subj} used to get {noun} but not any more",
    "when should I call about {noun}?",
    "does {noun} mean I should stop {med}?",
    # How bad side effects get is a question, not a report: "mild", "bad" and
    # "severe" appear calm too.
    "is {noun} usually mild with {med}?",
    "how bad can {noun} get on {med}?",
    "are the side effects of {med} mostly mild or severe?",
    "what counts as severe {noun}?",
    "is mild {noun} something to report?",
    "what happens during the {med} drip if {noun} starts?",
    # Suppositions later in a conversation.
    "and if I get {noun} during it?",
    "and if {noun} starts after the drip?",
    "say I get {noun}, is that urgent?",
    "suppose I had {noun} at home, what then?",
    "and what if it gives me {noun}?",
    "imagine I got {noun} at the weekend, who do I ring?",
)
# Nouns for the calm frames, by level, so that every level's words also appear calm.
NOUNS: Dict[str, Tuple[str, ...]] = {
    EMERGENCY: (
        "chest pain",
        "trouble breathing",
        "a seizure",
        "swelling of the face",
        "blood in vomit",
        "confusion",
        "blue lips",
        "fainting",
        "thoughts of suicide",
    ),
    URGENT: (
        "a fever",
        "diarrhoea",
        "a rash",
        "chills",
        "yellow skin",
        "dark urine",
        "a cough",
        "vomiting",
        "mouth sores",
        "blurred vision",
        "a racing heart",
        "bleeding gums",
        "dizziness",
        "a bad headache",
        "stomach cramps",
        "a high temperature",
    ),
    ROUTINE: (
        "tiredness",
        "nausea",
        "itching",
        "a headache",
        "dry mouth",
        "constipation",
    ),
}
NORMAL_READINGS = ("36.5", "36.8", "37.0", "37.2", "98.6 F", "97.9F", "36,9", "37.1 C")
IDIOM_SENTENCES = (
    "this waiting is killing me",
    "I'm dying to know when the results come",
    "the forms are a pain in the neck",
    "I'm sick and tired of the car park",
    "that bill nearly gave me a heart attack",
    "I'm bored to death in the waiting room",
    "my heart sank when I saw the queue",
    "I could kill for a cup of tea",
    "the news took my breath away",
    "I'm fed up with the parking",
    "I'm feeling blue about my hair",
    "the letter came out of the blue",
    "I'm 38 years old",
    "I weigh 70 kg, what dose would that be",
    "my appointment is at 10.30",
    "the ward number is 38",
    "I'm in bay 37",
    "is 5 mg/kg a lot?",
    "I'm 102 years young",
    "my room is 36",
)
NORMAL_VITALS = (
    "sats {n}",
    "oxygen {n} percent",
    "pulse {n} at rest",
    "blood pressure 12{n}/80",
    "blood sugar 5.{n}",
    "my sats are {n} and I feel ok",
    "resting heart rate {n}",
    "I turned {n} last week",
    "my wife is {n} and still working",
)
NUMBER_CALM = (
    "{person} is {age} and has {n} grandchildren, can {sub} still travel?",
    "we have {n} kids at home, is that a problem during treatment?",
    "{person} has had {n} cycles so far, how many more?",
    "the clinic is {n} miles away",
    "{person} is {age}, is {med} safe at that age?",
    "I've had {n} infusions of {med} so far",
    "my appointment is on the {n}th at {n}.30",
    "{person} weighs {age} kg, what would the dose be?",
    "I'm {age} and fit, how often would I go in?",
    "our ward is number {n}",
)
# The background patients give before a question (age, illness, plans, other
# treatment): no symptom, so a question after it stays calm.
CONTEXTS = (
    "{Subj} {be} {age}",
    "{Subj} {have} cervical cancer that came back",
    "{Subj} {be} starting {med} next week",
    "{Subj} {be} in a trial",
    "{Subj} got a letter about a study",
    "{Subj} {have} been on {med} for {n} months",
    "{Subj} {be} diabetic",
    "{Subj} take{s} blood pressure tablets",
    "{Subj} weigh{s} {age} kg",
    "the oncologist mentioned {med} today",
    "we live {n} miles from the hospital",
    "{Subj} had chemo before",
    "{Subj} {have} a friend on {med}",
    "{Subj} read about {med} online",
    "{Pos} nurse said {med} every few weeks",
    "{Subj} {be} having {pos} {n}th infusion on monday",
    "we are going on holiday in june",
    "{Subj} had a heart attack {n} years ago",
    "{Subj} {have} kidney disease",
    "{Subj} {be} worried about the cost",
    "{Pos} sister gets {med} every 2 weeks",
)
# How carers and patients say that all is well: a day's doings, not symptoms.
WELLBEING = (
    "{be} eating well",
    "{be} up and about",
    "slept well",
    "{be} chatting away",
    "{be} out in the garden",
    "{be} back at work",
    "{be} back on {pos} bike",
    "went for a walk",
    "{have} been fine",
    "{be} in good spirits",
    "ate a full dinner",
    "{be} bright and cheerful",
    "{have} had a normal day",
    "{be} watching the telly",
    "{be} doing the crossword",
    "{have} no problems at all",
    "{be} feeling like {pos} old self",
    "had a normal poo",
    "{be} drinking plenty",
)
WELL_OPENERS = (
    "just checking in:",
    "all fine here.",
    "update:",
    "good news,",
    "nothing to report.",
    "",
)
# Things patients and carers report that are not symptoms: treatment, tests,
# plans, feelings about them. Composed with the same persons, times, hedges and
# questions as the symptom reports, so that none of those words (a carer, "today",
# "since the infusion", "please help", "blood test") carries the level: only
# the symptom does.
NEUTRAL_EVENTS = (
    "{have} {pos} first infusion next tuesday",
    "{have} {pos} next drip on friday",
    "{be} at the hospital for {pos} infusion",
    "had {pos} {med} infusion",
    "{be} starting {med}",
    "{have} a scan next week",
    "{have} blood tests before every cycle",
    "got {pos} blood results back",
    "{be} seeing the oncologist",
    "{be} nervous about needles",
    "hate{s} sitting still for hours",
    "{be} feeling fine",
    "feel{s} well in {self}",
    "{have} no new symptoms",
    "{be} doing ok on {med}",
    "went back to work",
    "had a good week",
    "{have} questions about {med}",
    "want{s} to know more about {med}",
    "can't remember what the nurse said about {med}",
    "{have} forgotten what the doctor explained",
    "{have} a friend who had {med}",
    "{be} on a trial of {med}",
    "{be} in {pos} third cycle",
    "{have} {pos} next dose on monday",
    "{be} travelling to the clinic tomorrow",
    "read that {med} cuts off the blood supply to tumours",
    "{have} cervical cancer",
    "{have} lung cancer",
    "had chemo last year",
    "{be} taking {pos} usual tablets",
    "{be} worried about the cost of {med}",
    "{have} a blood test tomorrow",
    "got a letter from the hospital",
    "{be} waiting for a blood count",
    "was told {pos} scan looks stable",
    "{be} going on holiday after the next cycle",
    "{have} had {count} infusions so far",
    "{be} booked in for {count} more cycles",
    "want{s} to understand the trial results",
    "{be} reading about immunotherapy",
    "got the leaflet about {med}",
    "{have} a port for the drip",
    "{be} on the waiting list",
    # Calm twins of the farewell, plan and finality frames.
    "said goodbye to the nurses on the ward",
    "gave {pos} old clothes to the charity shop",
    "{have} made a will with the solicitor, like everyone should",
    "picked a date for the wedding",
    "won't be around next week, we're on holiday",
    "{have} {pos} tablets ready for tomorrow",
    "{be} ready for the next cycle",
    "{have} worked out how to get to the clinic",
    "{have} put aside money for the parking",
    "made peace with losing {pos} hair",
    "{be} reading about how many infusions it would take",
    "the end of treatment is in sight",
    # News that sounds big but is calm: the end of treatment, results, celebrations.
    "finished {pos} last cycle today",
    "{have} finished treatment",
    "rang the bell on the ward",
    "got {pos} scan results and they are clear",
    "had great news from the oncologist",
    "{be} going out for dinner to celebrate",
    "{be} celebrating the end of {med}",
    "{be} having a party for {pos} birthday",
    "{be} so relieved after the results",
    "{have} a big week with the move and the grandkids",
    "{be} done with chemo at last",
)
# How people ask a follow-up question in a conversation ("and how is it
# given?"): the opener and "it" carry no level.
FOLLOW_UP_OPENERS = (
    "and",
    "so",
    "ok and",
    "ok so",
    "right,",
    "right, and",
    "what about",
    "and what about",
    "cool,",
    "thanks, and",
    "great, and",
    "also",
    "oh and",
    "sorry, and",
    "one more thing,",
    "and also",
    "hmm, and",
    "alright,",
)
FOLLOW_UP_SHARE = 0.4
# Follow-ups that only name a side effect, asked about in a conversation.
FRAGMENT_FRAMES = (
    "and {noun}?",
    "or {noun}?",
    "what about {noun}?",
    "and what about {noun}",
    "ok so {noun}",
    "so {noun}?",
    "also {noun}?",
    "how about {noun}?",
    "right, and {noun}?",
    "ok and {noun}?",
)
FRAGMENT_SHARE = 0.15
# "Take" is a word of overdoses and of ordinary medicine questions alike.
TAKE_QUESTIONS = (
    "can I take {med} at home?",
    "how do I take {med}?",
    "can {sub} take it at home?",
    "do I take {med} with food?",
    "can I take my other tablets with {med}?",
    "how long does it take?",
    "how is {med} taken?",
    "do I take it every day?",
    "can I take paracetamol on {med}?",
    "who can take {med}?",
)
MINE_CUES = (
    "I've got it right now",
    "mine is bad today",
    "I have it now",
    "and I've been like this since last night",
    "it's happening now",
    "he has it at the moment",
    "I've had it all day",
)
FEVER_VALUES = (
    "37.8",
    "38",
    "38.3",
    "38.9",
    "39.4",
    "40",
    "101 F",
    "102.2",
    "100.4F",
    "38,5",
)
LOW_VALUES = ("35.4", "35.8", "95.5 F")
COUNTS = ("4", "5", "6", "7", "8", "10", "twelve", "six")
# Share of the calm messages composed like the symptom reports, around a
# neutral event.
NEUTRAL_SHARE = 0.25
# Share of the bot's own questions asked two at a time, and how they are joined.
MULTI_QUESTION_SHARE = 0.3
JOINS = (", and ", " and ", "? also ", ", and also ", ". and ", " - and ")


def _person_text(phrase: str, person: Dict[str, str], rng: random.Random) -> str:
    values = dict(person)
    values.update(
        fever=rng.choice(FEVER_VALUES),
        low=rng.choice(LOW_VALUES),
        count=rng.choice(COUNTS),
        med=rng.choice(MEDICINES),
    )
    body = phrase.format(**values)
    subject = person["subj"]
    if phrase.startswith(
        (
            "{be}",
            "{have}",
            "can",
            "don't",
            "doesn't",
            "won't",
            "want",
            "wish",
            "think",
            "see",
            "feel",
            "get",
            "fainted",
            "passed",
            "keeled",
            "blacked",
            "went",
            "had",
            "threw",
            "wrote",
            "burned",
            "haven't",
            "got",
            "felt",
            "was",
            "food",
            "hate",
            "read",
        )
    ):
        if phrase.startswith("food"):
            return body
        if person["s"] == "s":
            body = (
                body.replace("don't", "doesn't", 1)
                if body.startswith("don't")
                else body
            )
            body = (
                body.replace("haven't", "hasn't", 1)
                if body.startswith("haven't")
                else body
            )
        return f"{subject} {body}".replace("  ", " ")
    return body


def typo(text: str, rng: random.Random) -> str:
    """One typing slip in a longer word: a letter dropped, swapped or doubled."""
    words = text.split()
    candidates = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = list(words[i])
    j = rng.randrange(1, len(w) - 1)
    op = rng.randrange(3)
    if op == 0:
        del w[j]
    elif op == 1:
        w[j], w[j + 1 if j + 1 < len(w) else j - 1] = (
            w[j + 1 if j + 1 < len(w) else j - 1],
            w[j],
        )
    else:
        w.insert(j, w[j])
    words[i] = "".join(w)
    return " ".join(words)


def _dress(text: str, rng: random.Random) -> str:
    """Casing, punctuation and typos as patients type."""
    if rng.random() < 0.25:
        text = typo(text, rng)
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.3:
        text = text.rstrip("?.!")
    return text


def _report(phrase: str, rng: random.Random, symptom: bool = True) -> str:
    """`phrase` said by someone, with a time, a hedge and maybe a question; a
    symptom report may also follow a question about that symptom."""
    person = rng.choice(PERSONS)
    text = _person_text(phrase, person, rng)
    now = rng.choice(NOW)
    hedge = rng.choice(HEDGES)
    if now:
        text = f"{text} {now}"
    if hedge and hedge.endswith("?"):
        text = f"{text}, {hedge}"
    elif hedge:
        text = f"{hedge} {text}"
    if symptom and rng.random() < 0.1:
        question = rng.choice(CALM_FRAMES[:5]).format(
            noun=rng.choice(NOUNS[URGENT]), med=rng.choice(MEDICINES)
        )
        return f"{question} {rng.choice(MINE_CUES)}. {text}"
    if rng.random() < 0.3:
        question = rng.choice(QUESTIONS).format(med=rng.choice(MEDICINES))
        text = f"{text}, {question}" if rng.random() < 0.6 else f"{question} {text}"
    return text


def _calm(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    if rng.random() < NEUTRAL_SHARE:
        return _report(rng.choice(NEUTRAL_EVENTS), rng, symptom=False)
    roll = rng.random()
    if roll < 0.45:
        level = rng.choice((EMERGENCY, URGENT, URGENT, ROUTINE))
        if rng.random() < FRAGMENT_SHARE:
            # A follow-up that names a side effect to ask about it ("and a
            # rash?", "ok so yellow eyes"): a topic, not a report.
            return rng.choice(FRAGMENT_FRAMES).format(noun=rng.choice(NOUNS[level]))
        frame = rng.choice(CALM_FRAMES)
        person = rng.choice(PERSONS[:1] + PERSONS[3:])
        return frame.format(
            noun=rng.choice(NOUNS[level]),
            med=rng.choice(MEDICINES),
            Subj=person["subj"].capitalize(),
            had="had",
        )
    if roll < 0.6:
        reading = rng.choice(NORMAL_READINGS)
        return rng.choice(
            (
                "temp {r} this morning",
                "my temperature is {r}, normal",
                "{r} tonight, feeling ok",
                "his temp was {r} after the drip",
                "temperature normal at {r}",
                "checked again: {r}",
            )
        ).format(r=reading)
    if roll < 0.66:
        return rng.choice(IDIOM_SENTENCES)
    if roll < 0.70:
        return rng.choice(NORMAL_VITALS).format(
            n=rng.choice(("97", "98", "99", "72", "66", "80"))
        )
    if roll < 0.74:
        person = rng.choice(PERSONS[3:])
        return rng.choice(NUMBER_CALM).format(
            person=person["subj"],
            sub=person["sub"],
            age=rng.randrange(18, 95),
            n=rng.randrange(1, 40),
            med=rng.choice(MEDICINES),
        )
    if roll < 0.78:
        person = rng.choice(PERSONS)
        first, second = rng.sample(NOUNS[rng.choice((EMERGENCY, URGENT))], 2)
        return rng.choice(
            (
                "{s} has no {a} and no {b}",
                "no {a}, no {b}, just a question about {med}",
                "{s} hasn't had {a} or {b}, {s} is fine",
                "{a} isn't an issue and neither is {b}",
                "not {a}, not {b}, all good",
                "I don't have {a} or {b}",
            )
        ).format(
            s=person["subj"],
            a=first.replace("a ", "", 1),
            b=second.replace("a ", "", 1),
            med=rng.choice(MEDICINES),
        )
    if roll < 0.80:
        person = rng.choice(PERSONS[:1] + PERSONS[3:7])
        doings = rng.sample(WELLBEING, 2)
        fill = dict(be=person["be"], have=person["have"], pos=person["pos"])
        when = rng.choice(
            (
                "",
                "after the infusion yesterday",
                "since treatment",
                "today",
                "this week",
            )
        )
        return " ".join(
            part
            for part in (
                rng.choice(WELL_OPENERS),
                person["subj"],
                doings[0].format(**fill),
                "and",
                doings[1].format(**fill),
                when,
            )
            if part
        )
    if roll < 0.82:
        subject = rng.choice(
            (
                "my breathing",
                "my temperature",
                "my chest",
                "the rash",
                "my stomach",
                "the diarrhoea",
                "the cough",
                "my mood",
                "the headache",
                "my skin",
            )
        )
        state = rng.choice(
            (
                "is fine today",
                "is normal",
                "is much better",
                "has settled",
                "is back to normal",
                "has gone",
                "is ok now",
                "cleared up",
            )
        )
        return f"{subject} {state}"
    if roll < 0.86:
        return rng.choice(QUESTIONS + CALM_REQUESTS).format(
            med=rng.choice(OTHER_MEDICINES + MEDICINES)
        )
    question = (
        rng.choice(nlu_examples)
        if nlu_examples and rng.random() < 0.8
        else rng.choice(QUESTIONS + CALM_REQUESTS + TAKE_QUESTIONS).format(
            med=rng.choice(MEDICINES), sub=rng.choice(PERSONS)["sub"]
        )
    )
    if rng.random() < FOLLOW_UP_SHARE:
        return follow_up(question, rng)
    if nlu_examples and rng.random() < MULTI_QUESTION_SHARE:
        # Patients ask two things at once ("what is it, and how is it given?"):
        # joining words and "it" carry no level.
        second = rng.choice(nlu_examples).rstrip("?.!")
        return f"{question.rstrip('?.!')}{rng.choice(JOINS)}{second[:1].lower()}{second[1:]}?"
    if rng.random() < 0.5:
        return question
    context = background(rng, rng.choice(MEDICINES))
    return f"{context}. {question}" if rng.random() < 0.7 else f"{question} {context}"


_NAMES = re.compile(
    r"\b(?:%s)\b" % "|".join(re.escape(n) for n in DRUG_NAMES + MEDICINES[3:]),
    re.IGNORECASE,
)


def follow_up(question: str, rng: random.Random) -> str:
    """`question` asked later in a conversation: an opener, the medicine as "it"."""
    if rng.random() < 0.7:
        question = _NAMES.sub("it", question)
    question = f"{question[:1].lower()}{question[1:]}"
    if rng.random() < 0.2:
        question = f"{question.rstrip('?.! ')} then?"
    return f"{rng.choice(FOLLOW_UP_OPENERS)} {question}"


def background(rng: random.Random, medicine: str) -> str:
    """A patient's or carer's situation, no symptom in it ("my dad is 82")."""
    person = rng.choice(PERSONS[:1] + PERSONS[3:7])
    return rng.choice(CONTEXTS).format(
        Subj=person["subj"],
        be=person["be"],
        have=person["have"],
        s=person["s"],
        pos=person["pos"],
        Pos=person["pos"].capitalize(),
        med=medicine,
        age=rng.randrange(20, 95),
        n=rng.randrange(2, 20),
    )


def nlu_questions(nlu_dir: Path) -> List[str]:
    """The bot's own NLU examples, minus the symptom intents: calm questions."""
    return [
        example
        for intent, examples in examples_by_intent(nlu_dir).items()
        if not intent.startswith("symptom_")
        for example in examples
    ]


def generate(
    size: int = 24000, seed: int = 13, nlu_examples: Optional[Sequence[str]] = None
) -> List[Tuple[str, str]]:
    """`size` (text, label) pairs: about a third calm, the rest spread over levels."""
    rng = random.Random(seed)
    examples = list(nlu_examples or [])
    corpus: List[Tuple[str, str]] = []
    shares = ((CALM, 0.40), (EMERGENCY, 0.25), (URGENT, 0.25), (ROUTINE, 0.10))
    for label, share in shares:
        for _ in range(int(size * share)):
            if label == CALM:
                text = _calm(rng, examples)
            else:
                text = _report(rng.choice(VOCABULARY[label]), rng)
            corpus.append((_dress(text, rng), label))
    rng.shuffle(corpus)
    return corpus


def labels_in(corpus: Iterable[Tuple[str, str]]) -> Dict[str, int]:
    """How many examples each label has."""
    counts: Dict[str, int] = {label: 0 for label in LABELS}
    for _, label in corpus:
        counts[label] += 1
    return counts


# Hand-written, labelled messages (triage_messages/*.yml): real wording the
# composed corpus lacks. Past self-harm is "calm" for the classifier: the rules
# give it the gentle reply, and the classifier only ever raises a level.
_LABEL_OF_WRITTEN = {
    EMERGENCY: EMERGENCY,
    URGENT: URGENT,
    ROUTINE: ROUTINE,
    CALM: CALM,
    "history": CALM,
}


def written_self_harm(paths: Iterable[Path]) -> List[Tuple[str, bool]]:
    """(text, is a self-harm statement) for every labelled message: the
    statements marked `self_harm: true` at emergency level against everything
    else (calm twins, past episodes, other symptoms)."""
    import yaml

    pairs: List[Tuple[str, bool]] = []
    for path in sorted(paths):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for case in data.get("cases") or []:
            text = str(case.get("text") or "").strip()
            if text:
                pairs.append(
                    (
                        text,
                        bool(case.get("self_harm")) and case.get("level") == EMERGENCY,
                    )
                )
    return pairs


def written_messages(paths: Iterable[Path]) -> List[Tuple[str, str]]:
    """(text, label) pairs from labelled message files (`cases: [{text, level}]`).

    Raises ValueError naming the file and the case for an unknown level, so a
    staff member's typo in a label never trains silently.
    """
    import yaml  # PyYAML comes with Rasa; imported here to keep generation light

    pairs: List[Tuple[str, str]] = []
    for path in sorted(paths):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for number, case in enumerate(data.get("cases") or [], start=1):
            level = _LABEL_OF_WRITTEN.get(str(case.get("level", "")))
            text = str(case.get("text") or "").strip()
            if level is None or not text:
                raise ValueError(
                    f"{path}: case {number} needs a text and a level among "
                    f"{sorted(_LABEL_OF_WRITTEN)}, got {case!r}"
                )
            pairs.append((text, level))
    return pairs
