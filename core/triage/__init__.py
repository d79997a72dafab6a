"""Symptom triage: red flags and self-harm in a patient's message.

Pure package (spaCy and scikit-learn, no Rasa), one module a stage:

* `normalise`: tokens, sentences, normalised forms and typo correction;
* `matcher`: the rules' mini-language compiled into spaCy patterns;
* `context`: negation, questions and hypotheticals; `timing`: time and
  whether a symptom is over;
* `measurements`: temperatures and vital signs against `thresholds`;
* `detector`: the stages together, findings combined into an `Assessment`;
* `self_harm`: the self-harm reading (C-SSRS constructs, warning signs);
* `corpus` and `classifier`: the learned second opinion and what it learns
  from; `verdict`: where the rules and the classifier meet;
* `policy`: the decision for one message, which the NLU component writes.

Data modules hold no logic: `levels`, `categories`, `symptom_rule`, `rules`
(with `rules_emergency` and `rules_urgent`), `advice`, `idioms`, `thresholds`,
`words_*`, `self_harm_constructs`, `self_harm_signs`, `corpus_vocabulary` and
`corpus_frames`.

Nothing is imported here: the action server imports the levels and advice
only, and must stay small.
"""
