"""Names shared by the domain, the training data and the code.

Every intent, slot, entity, response and action name the Python code uses is
spelled out here once, literally, so `rasa data validate` and a grep both find
them. Nothing here is assembled with f-strings.
"""

from typing import Dict, Tuple

from core.triage.levels import EMERGENCY, ROUTINE, URGENT

# --- Topics (keys of `topics:` in a fact file) -----------------------------------
TOPIC_OVERVIEW = "overview"
TOPIC_MECHANISM = "mechanism"
TOPIC_DRUG_CLASS = "drug_class"
TOPIC_APPROVED_USES = "approved_uses"
TOPIC_INVESTIGATIONAL_USES = "investigational_uses"
TOPIC_ADMINISTRATION = "administration"
TOPIC_DOSE = "dose"
TOPIC_SCHEDULE = "schedule"
TOPIC_SIDE_EFFECTS_COMMON = "side_effects_common"
TOPIC_SIDE_EFFECTS_CHEMO = "side_effects_chemo"
TOPIC_SIDE_EFFECTS_SERIOUS = "side_effects_serious"
TOPIC_REPORT_MONITOR = "report_monitor"
TOPIC_PRETREATMENT_TESTS = "pretreatment_tests"
TOPIC_PREMEDICATION = "premedication"
TOPIC_PRECAUTIONS = "precautions"
TOPIC_TRIAL_RESULTS = "trial_results"
TOPIC_APPROVAL = "approval"
TOPIC_DEVELOPER = "developer"
TOPIC_DOSE_ADJUSTMENT = "dose_adjustment"
TOPIC_BOXED_WARNING = "boxed_warning"
TOPIC_RELATED_RESEARCH = "related_research"

# --- Intents ----------------------------------------------------------------------
INTENT_ASK_OVERVIEW = "ask_overview"
INTENT_ASK_MECHANISM = "ask_mechanism"
INTENT_ASK_APPROVED_USES = "ask_approved_uses"
INTENT_ASK_INVESTIGATIONAL_USES = "ask_investigational_uses"
INTENT_ASK_ADMINISTRATION = "ask_administration"
INTENT_ASK_DOSE = "ask_dose"
INTENT_ASK_SCHEDULE = "ask_schedule"
INTENT_ASK_SIDE_EFFECTS_COMMON = "ask_side_effects_common"
INTENT_ASK_SIDE_EFFECTS_CHEMO = "ask_side_effects_chemo"
INTENT_ASK_SIDE_EFFECTS_SERIOUS = "ask_side_effects_serious"
INTENT_ASK_REPORT_MONITOR = "ask_report_monitor"
INTENT_ASK_PRETREATMENT_TESTS = "ask_pretreatment_tests"
INTENT_ASK_PREMEDICATION = "ask_premedication"
INTENT_ASK_PRECAUTIONS = "ask_precautions"
INTENT_ASK_TRIAL_RESULTS = "ask_trial_results"
INTENT_ASK_APPROVAL = "ask_approval"
INTENT_ASK_DEVELOPER = "ask_developer"
INTENT_ASK_DRUG_CLASS = "ask_drug_class"
INTENT_ASK_DOSE_ADJUSTMENT = "ask_dose_adjustment"
INTENT_ASK_BOXED_WARNING = "ask_boxed_warning"
INTENT_ASK_RELATED_RESEARCH = "ask_related_research"

INTENT_INFORM_MEDICINE = "inform_medicine"
INTENT_ASK_UNCOVERED_TOPIC = "ask_uncovered_topic"
INTENT_OUT_OF_SCOPE = "out_of_scope"
INTENT_NLU_FALLBACK = "nlu_fallback"
INTENT_SYMPTOM_EMERGENCY = "symptom_emergency"
INTENT_SYMPTOM_URGENT = "symptom_urgent"
INTENT_SYMPTOM_ROUTINE = "symptom_routine"

# Triage level (core/triage/levels.py) -> the intent the triage component sets.
INTENT_BY_TRIAGE_LEVEL: Dict[str, str] = {
    EMERGENCY: INTENT_SYMPTOM_EMERGENCY,
    URGENT: INTENT_SYMPTOM_URGENT,
    ROUTINE: INTENT_SYMPTOM_ROUTINE,
}
# The triage intent -> its level.
LEVEL_BY_INTENT: Dict[str, str] = {
    intent: level for level, intent in INTENT_BY_TRIAGE_LEVEL.items()
}
TRIAGE_CATEGORY_UNCLASSIFIED = "unclassified"
# One intent per topic, shared by every medicine. Order is the order topics are
# offered to patients.
TOPIC_BY_INTENT: Dict[str, str] = {
    INTENT_ASK_OVERVIEW: TOPIC_OVERVIEW,
    INTENT_ASK_MECHANISM: TOPIC_MECHANISM,
    INTENT_ASK_DRUG_CLASS: TOPIC_DRUG_CLASS,
    INTENT_ASK_APPROVED_USES: TOPIC_APPROVED_USES,
    INTENT_ASK_INVESTIGATIONAL_USES: TOPIC_INVESTIGATIONAL_USES,
    INTENT_ASK_ADMINISTRATION: TOPIC_ADMINISTRATION,
    INTENT_ASK_DOSE: TOPIC_DOSE,
    INTENT_ASK_SCHEDULE: TOPIC_SCHEDULE,
    INTENT_ASK_SIDE_EFFECTS_COMMON: TOPIC_SIDE_EFFECTS_COMMON,
    INTENT_ASK_SIDE_EFFECTS_CHEMO: TOPIC_SIDE_EFFECTS_CHEMO,
    INTENT_ASK_SIDE_EFFECTS_SERIOUS: TOPIC_SIDE_EFFECTS_SERIOUS,
    INTENT_ASK_REPORT_MONITOR: TOPIC_REPORT_MONITOR,
    INTENT_ASK_PRETREATMENT_TESTS: TOPIC_PRETREATMENT_TESTS,
    INTENT_ASK_PREMEDICATION: TOPIC_PREMEDICATION,
    INTENT_ASK_PRECAUTIONS: TOPIC_PRECAUTIONS,
    INTENT_ASK_TRIAL_RESULTS: TOPIC_TRIAL_RESULTS,
    INTENT_ASK_APPROVAL: TOPIC_APPROVAL,
    INTENT_ASK_DEVELOPER: TOPIC_DEVELOPER,
    INTENT_ASK_DOSE_ADJUSTMENT: TOPIC_DOSE_ADJUSTMENT,
    INTENT_ASK_BOXED_WARNING: TOPIC_BOXED_WARNING,
    INTENT_ASK_RELATED_RESEARCH: TOPIC_RELATED_RESEARCH,
}
TOPICS: Tuple[str, ...] = tuple(TOPIC_BY_INTENT.values())

# How a topic reads inside a sentence ("... does not cover {label}").
INTENT_BY_TOPIC: Dict[str, str] = {
    topic: intent for intent, topic in TOPIC_BY_INTENT.items()
}

TOPIC_LABELS: Dict[str, str] = {
    TOPIC_OVERVIEW: "a general overview",
    TOPIC_MECHANISM: "how it works",
    TOPIC_DRUG_CLASS: "what kind of medicine it is",
    TOPIC_APPROVED_USES: "what it is approved to treat",
    TOPIC_INVESTIGATIONAL_USES: "what it is being studied for",
    TOPIC_ADMINISTRATION: "how it is given",
    TOPIC_DOSE: "the dose",
    TOPIC_SCHEDULE: "how often and for how long it is given",
    TOPIC_SIDE_EFFECTS_COMMON: "its common side effects",
    TOPIC_SIDE_EFFECTS_CHEMO: "side effects when it is given with chemotherapy",
    TOPIC_SIDE_EFFECTS_SERIOUS: "its serious side effects",
    TOPIC_REPORT_MONITOR: "what to report and what is monitored",
    TOPIC_PRETREATMENT_TESTS: "tests needed before treatment",
    TOPIC_PREMEDICATION: "medicines given before the infusion (premedication)",
    TOPIC_PRECAUTIONS: "precautions and do's and don'ts",
    TOPIC_TRIAL_RESULTS: "clinical trial results",
    TOPIC_APPROVAL: "its approval status and availability",
    TOPIC_DEVELOPER: "who developed it",
    TOPIC_DOSE_ADJUSTMENT: "dose changes for kidney or liver problems",
    TOPIC_BOXED_WARNING: "a boxed (black box) warning",
    TOPIC_RELATED_RESEARCH: "related research",
}

# What our medicines' names read as where only the form of a message matters
# (question types, side-effect pairings, the triage classifier).
MEDICINE_PLACEHOLDER = "the medicine"

# --- Entities ---------------------------------------------------------------------
ENTITY_MEDICINE = "medicine"
ENTITY_OTHER_MEDICINE = "other_medicine"
ENTITY_TRIAGE_LEVEL = "triage_level"
ENTITY_TRIAGE_CATEGORY = "triage_category"
ENTITY_SYMPTOM_QUESTION = "symptom_question"

# --- Slots ------------------------------------------------------------------------
SLOT_MEDICINE = "medicine"
SLOT_PENDING_TOPIC = "pending_topic"
SLOT_LAST_TOPIC = "last_topic"
SLOT_TRIAGE_LEVEL = "triage_level"
SLOT_TRIAGE_CATEGORY = "triage_category"
SLOT_DISCLAIMER_SHOWN = "disclaimer_shown"
# The medicines the fact base covers, in words ("a and b (CODE)"): set with the
# disclaimer, named by the greeting and the other fixed responses.
SLOT_COVERED_MEDICINES = "covered_medicines"

# --- Actions and responses ---------------------------------------------------------
ACTION_ANSWER_QUESTION = "action_answer_question"
ACTION_ASK_REPHRASE = "action_ask_rephrase"
ACTION_ANSWER_UNCOVERED = "action_answer_uncovered"
ACTION_SESSION_START = "action_session_start"
ACTION_ESCALATE = "action_escalate"
RESPONSE_DISCLAIMER = "utter_disclaimer"
RESPONSE_COVERED_MEDICINES = "utter_covered_medicines"

# Set by the triage component: past, resolved self-harm (gentle reply, crisis
# line), and a message that may be about a symptom (one-tap safety check).
INTENT_SELF_HARM_SUPPORT = "self_harm_support"
INTENT_SAFETY_CHECK = "safety_check"
INTENT_NO_SYMPTOM_NOW = "no_symptom_now"


def escalation_payload(level: str, category: str) -> str:
    """A button payload that reports a symptom at a level (no NLU involved)."""
    return (
        f'/{INTENT_BY_TRIAGE_LEVEL[level]}{{"{ENTITY_TRIAGE_LEVEL}": "{level}", '
        f'"{ENTITY_TRIAGE_CATEGORY}": "{category}"}}'
    )


# The safety check's buttons: title, level and category. Each answers at its
# level through the escalation rules, and is recorded like any escalation.
SAFETY_CHECK_CHOICES = (
    ("Trouble breathing", EMERGENCY, "breathing"),
    ("Chest pain", EMERGENCY, "chest_pain"),
    ("Thoughts of harming myself", EMERGENCY, "self_harm"),
    ("Fever or shivering", URGENT, "fever"),
)
SAFETY_CHECK_PAYLOADS = tuple(
    escalation_payload(level, category) for _, level, category in SAFETY_CHECK_CHOICES
) + (f"/{INTENT_NO_SYMPTOM_NOW}",)
