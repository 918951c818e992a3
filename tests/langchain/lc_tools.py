"""Tools whose definitions hold personal data (shared by the tool-definition tests)."""

from __future__ import annotations

from typing import Any, Literal

from langchain_core.tools import tool
from pydantic import BaseModel, Field

#: Originals written into the tool definitions below (none may reach the model).
ORIGINALS = ("Maria Lopez", "maria.lopez@example.org", "John Smith", "Lopez", "Smith")
HELLO = "Hello, please look up my last order."


class Lookup(BaseModel):
    """Look up an order placed by Maria Lopez (maria.lopez@example.org)."""

    customer: Literal["Maria Lopez", "John Smith"] = Field(
        description="Whose order to look up, e.g. Maria Lopez."
    )
    reply_to: str = Field(
        default="maria.lopez@example.org",
        description="Where the answer goes, like maria.lopez@example.org.",
        examples=["maria.lopez@example.org"],
    )
    order_id: int = Field(description="The order number.")


RAN: list[dict[str, Any]] = []


@tool(args_schema=Lookup)
def lookup(customer: str, order_id: int, reply_to: str = "maria.lopez@example.org") -> str:
    """Look up an order placed by Maria Lopez (maria.lopez@example.org)."""
    RAN.append({"customer": customer, "order_id": order_id, "reply_to": reply_to})
    return f"order {order_id} of {customer}"


#: The arguments `lookup` must run with when the model picks the first member and the default.
EXPECTED_ARGS = {"customer": "Maria Lopez", "reply_to": "maria.lopez@example.org", "order_id": 7}
