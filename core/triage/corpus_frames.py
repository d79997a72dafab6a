"""Frames, fillers and shares the training corpus is composed with, as data.

Times, hedges, medicine names, the calm frames (questions, denials, normal
readings, idioms, everyday news), follow-up openers, and how often each kind
of calm message is drawn.
"""

from typing import Dict, Tuple

from core.triage.levels import EMERGENCY, ROUTINE, URGENT

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
