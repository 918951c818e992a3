"""Entity-type labels shared by tokens and placeholders."""

from __future__ import annotations

import re

__all__ = ["label_for"]

_LABELS = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDITCARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "SSN",
    "IP_ADDRESS": "IPADDRESS",
    "API_KEY": "APIKEY",
    "STREET_ADDRESS": "ADDRESS",
    "ORGANIZATION": "ORG",
    "DATE_TIME": "DATE",
    "NATIONAL_ID": "NATIONALID",
    "DATE_OF_BIRTH": "DOB",
}


def label_for(entity_type: str) -> str:
    """The short upper-case label used in tokens and placeholders for an entity type."""
    return _LABELS.get(entity_type, re.sub(r"[^A-Z]", "", entity_type.upper()) or "PII")
