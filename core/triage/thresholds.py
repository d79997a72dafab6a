"""Clinical thresholds of the measurements patients quote, as data.

`core/triage/measurements.py` reads temperatures and vital signs against them.
"""

# Fever threshold. Oncology teams use 37.5 to 38 °C; the lower end is taken so
# that no fever in that band goes unescalated.
FEVER_THRESHOLD_C = 37.5
# UKONS: below 36 °C is as much a warning sign as a fever (sepsis).
LOW_TEMPERATURE_C = 36.0
# NEWS2 (Royal College of Physicians, 2017): a single parameter scoring 3 calls
# for urgent review: oxygen saturation 91% or less, breathing rate 25 a minute
# or more or 8 or fewer, systolic blood pressure 90 or less.
OXYGEN_RED_FLAG = 91
BREATHING_RATE_HIGH, BREATHING_RATE_LOW = 25, 8
SYSTOLIC_LOW = 90
# NHS, very high blood pressure: 180 systolic or more needs same-day advice.
SYSTOLIC_HIGH = 180
# NHS, heart palpitations: a heartbeat staying above 120 or below 40 needs an
# urgent appointment; a resting rate above 100 is a fast heart (tachycardia),
# which on a checkpoint inhibitor the team wants to hear about (myocarditis).
PULSE_HIGH, PULSE_LOW, PULSE_RESTING_HIGH = 120, 40, 100
# NHS, high and low blood sugar: above 11 mmol/L (200 mg/dL) is high, below 4
# (72 mg/dL) is a hypo. Society for Endocrinology emergency guidance for immune
# checkpoint inhibitors: new high sugar can be immune-related diabetes.
GLUCOSE_HIGH_MMOL, GLUCOSE_LOW_MMOL = 11.0, 4.0
MG_DL_PER_MMOL_GLUCOSE = 18.0
# Society for Endocrinology emergency guidance: adjusted calcium of 3.0 mmol/L
# or more (or below 1.9) is severe and needs same-day care; 2.6-3.0 is mild.
CALCIUM_SEVERE_MMOL, CALCIUM_HIGH_MMOL, CALCIUM_LOW_MMOL = 3.0, 2.6, 1.9
# A temperature outside this range (in °C) is some other number ("38 years").
TEMPERATURE_PLAUSIBLE_C = (30.0, 45.0)
# A temperature above this is in Fahrenheit, whatever its unit says.
FAHRENHEIT_ABOVE = 50
# A blood sugar above this is in mg/dL, not mmol/L.
GLUCOSE_MG_DL_ABOVE = 40
