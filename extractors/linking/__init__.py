"""Linking as an ordered list of small named decisions (extractors/facts.py runs them).

- `context`: what every decider reads — the document (`DocContext`) and one amount in it (`AmountContext`).
- `role_deciders`: who applies, receives or distributes: the first role decider that answers decides the role.
- `body_deciders`: whose sum it is: the first body decider that answers decides the body (or that no one's).
- `attributes`: what a fact carries besides body and role: programme, funder, period, decision date, evidence.

A new linking rule is one function, one entry in its module's list, one test table
(tests/test_role_deciders.py, tests/test_body_deciders.py). Every fact names the deciders that decided it
(`facts.how`), so review and calibration can tell the rules apart.
"""
