"""Rewrites the served OpenAPI document so that swift-openapi-generator 1.14.3 keeps every
property: it drops a property typed `oneOf: [X, {"type": "null"}]` altogether, so each such
property becomes `X` and is no longer required (the generated Swift property is `X?`).

    python3 drop-null-branches.py ../../Sources/TicketHTTP/Resources/openapi.json > openapi.json
"""
import json
import sys

NULL = {"type": "null"}


def rewrite(schema):
    if isinstance(schema, dict):
        properties = schema.get("properties")
        if isinstance(properties, dict):
            for name, property in list(properties.items()):
                branches = property.get("oneOf") if isinstance(property, dict) else None
                if isinstance(branches, list) and len(branches) == 2 and NULL in branches:
                    properties[name] = next(branch for branch in branches if branch != NULL)
                    if name in schema.get("required", []):
                        schema["required"].remove(name)
        for value in schema.values():
            rewrite(value)
    elif isinstance(schema, list):
        for value in schema:
            rewrite(value)


document = json.load(open(sys.argv[1]))
rewrite(document)
json.dump(document, sys.stdout, indent=1)
