#!/usr/bin/env python3
"""Writes Sources/TicketHTTP/Resources/openapi.json, the OpenAPI 3.1 document of ../shared/API.md.

Edit this file, then run `python3 scripts/generate-openapi.py`; the OpenAPI test checks that the
document and the router serve the same paths and methods.
"""
import json
import pathlib
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def resp(desc, schema=None, headers=None, ctype="application/json"):
    r = {"description": desc}
    if schema is not None: r["content"] = {ctype: {"schema": schema}}
    if headers: r["headers"] = headers
    return r
def problem(desc): return {"$ref": f"#/components/responses/{desc}"}
def body(schema, required=True): return {"required": required, "content": {"application/json": {"schema": schema}}}
list_headers = {"X-Total-Count": {"$ref": "#/components/headers/XTotalCount"}, "Link": {"$ref": "#/components/headers/Link"}}
page_params = [{"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}]
idp = [{"$ref": "#/components/parameters/id"}]
sec = [{"bearer": []}]
common = {"401": problem("Unauthorized"), "default": problem("Error")}
def op(summary, responses, params=None, request=None, security=True, desc=None, tags=None):
    o = {"summary": summary, "responses": {**responses, **({"401": problem("Unauthorized")} if security else {}), "default": problem("Error")}}
    if desc: o["description"] = desc
    if params: o["parameters"] = params
    if request: o["requestBody"] = request
    o["security"] = sec if security else []
    if tags: o["tags"] = tags
    return o

nullable_id = {"type": ["integer", "null"], "minimum": 1}
ts = {"type": "string", "format": "date-time", "description": "RFC 3339 UTC with fractional seconds, e.g. 2026-11-25T12:17:24.123Z"}
statuses = ["incoming", "open", "in progress", "on hold", "resolved", "closed"]
priorities = ["low", "medium", "high", "emergency"]
resolved_at = {"oneOf": [ts, {"type": "null"}], "description": "When the status last moved to resolved; kept when it goes on to closed, null once reopened"}
closed_at = {"oneOf": [ts, {"type": "null"}], "description": "When the status moved to closed; null once reopened"}
schemas = {
  "Problem": {"type": "object", "description": "RFC 9457 problem details; `errors` only on validation failures.",
     "required": ["type", "title", "status", "detail"],
     "properties": {"type": {"type": "string", "example": "about:blank"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}}},
  "Role": {"type": "object", "required": ["role_name"], "properties": {"role_name": {"type": "string", "example": "user"}}},
  "User": {"type": "object", "required": ["id", "name", "email", "user_role", "active", "created_at"],
     "properties": {"id": {"type": "integer", "minimum": 1}, "name": {"type": "string", "minLength": 1, "maxLength": 100},
        "email": {"type": "string", "format": "email"}, "user_role": ref("Role"), "active": {"type": "boolean"}, "created_at": ts}},
  "UserProfile": {"allOf": [ref("User"), {"type": "object", "required": ["created_tickets", "assigned_tickets", "created_comments"],
     "description": "Single-user responses. Nested lists hold only what the caller may see, newest first, at most 50 each.",
     "properties": {"created_tickets": {"type": "array", "items": ref("TicketSummary")}, "assigned_tickets": {"type": "array", "items": ref("TicketSummary")},
        "created_comments": {"type": "array", "items": ref("CommentSummary")}}}]},
  "Priority": {"type": "string", "enum": priorities, "description": "Input is case-insensitive and trimmed; output is lower case."},
  "Status": {"type": "string", "enum": statuses, "description": "Input is case-insensitive and trimmed; output is lower case."},
  "TicketSummary": {"type": "object", "required": ["id", "title", "description", "priority", "status", "created_at", "updated_at", "created_by_id", "assigned_to_id", "duplicate_of_id", "version", "resolved_at", "closed_at"],
     "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "description": {"type": "string"}, "priority": ref("Priority"), "status": ref("Status"),
        "created_at": ts, "updated_at": {"oneOf": [ts, {"type": "null"}]}, "created_by_id": {"type": "integer"}, "assigned_to_id": nullable_id,
        "duplicate_of_id": nullable_id, "version": {"type": "integer"}, "resolved_at": resolved_at, "closed_at": closed_at}},
  "Ticket": {"type": "object", "required": ["id", "title", "description", "priority", "status", "created_at", "updated_at", "created_by_user", "assigned_to_user", "duplicate_of_id", "version", "resolved_at", "closed_at"],
     "properties": {"id": {"type": "integer", "minimum": 1}, "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "description": {"type": "string", "minLength": 1, "maxLength": 20000}, "priority": ref("Priority"), "status": ref("Status"),
        "created_at": ts, "updated_at": {"oneOf": [ts, {"type": "null"}], "description": "null until the first change"},
        "created_by_user": ref("User"), "assigned_to_user": {"oneOf": [ref("User"), {"type": "null"}]}, "duplicate_of_id": nullable_id,
        "version": {"type": "integer", "minimum": 1, "description": "Bumped by every change; the ETag."},
        "resolved_at": resolved_at, "closed_at": closed_at}},
  "SingleTicket": {"allOf": [ref("Ticket"), {"type": "object", "required": ["queue_position", "duplicates", "duplicate_count", "comments"],
     "description": "A ticket on its own (not in a list): with where it stands in the queue, its duplicates and its comments.",
     "properties": {
        "queue_position": {"type": ["integer", "null"], "minimum": 1, "description": "1 + the active tickets handled before it (higher priority first, then older first, then lower id); null unless active."},
        "duplicates": {"type": "array", "items": {"type": "integer", "minimum": 1}, "description": "Ids of the tickets marked as duplicates of this one that the caller may see, ascending."},
        "duplicate_count": {"type": "integer", "minimum": 0, "description": "How many tickets are marked as duplicates of this one, seen or not: how many people hit the same problem."},
        "comments": {"type": "array", "items": ref("TicketComment"), "description": "The first 200, oldest first."}}}]},
  "Stats": {"type": "object", "required": ["active_total", "by_status", "by_priority_active", "workload", "unassigned_active", "median_hours_to_resolve_30d", "mine", "mine_total", "trend"],
     "description": "Office-wide counts, the same for every caller; only mine is about the caller. Active means neither resolved nor closed.",
     "properties": {
        "active_total": {"type": "integer", "minimum": 0},
        "by_status": {"type": "object", "required": statuses, "properties": {s: {"type": "integer", "minimum": 0} for s in statuses}, "additionalProperties": False},
        "by_priority_active": {"type": "object", "required": priorities, "properties": {p: {"type": "integer", "minimum": 0} for p in priorities}, "additionalProperties": False},
        "workload": {"type": "array", "description": "Every active user whose role may manage tickets, by id, with their active assigned tickets (zeros included).",
           "items": {"type": "object", "required": ["user", "active_assigned"], "properties": {
              "user": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "integer", "minimum": 1}, "name": {"type": "string"}}},
              "active_assigned": {"type": "integer", "minimum": 0}}}},
        "unassigned_active": {"type": "integer", "minimum": 0},
        "median_hours_to_resolve_30d": {"type": ["number", "null"], "minimum": 0, "description": "Median hours from creation to resolution of the tickets resolved in the last 30 days (rounded to 0.01); null when none were."},
        "mine": {"type": "array", "description": "The caller's own active tickets in queue order (nearest to being handled first), at most 20.",
           "items": {"type": "object", "required": ["id", "title", "status", "priority", "queue_position"], "properties": {
              "id": {"type": "integer", "minimum": 1}, "title": {"type": "string"}, "status": ref("Status"), "priority": ref("Priority"),
              "queue_position": {"type": "integer", "minimum": 1}}}},
        "mine_total": {"type": "integer", "minimum": 0, "description": "How many active tickets the caller has (mine shows at most 20)."},
        "trend": {"type": "array", "description": "One entry per UTC day of the window, oldest first, zeros included.",
           "items": {"type": "object", "required": ["date", "created", "resolved"], "properties": {
              "date": {"type": "string", "format": "date"}, "created": {"type": "integer", "minimum": 0},
              "resolved": {"type": "integer", "minimum": 0, "description": "Tickets whose resolved_at falls on that day"}}}}}},
  "CreatedTicket": {"allOf": [ref("SingleTicket"), {"type": "object", "required": ["possible_duplicates"], "properties": {"possible_duplicates": {"type": "array", "items": ref("SimilarTicket"),
     "description": "Up to 5 not-closed tickets that look like the same problem, best first (the new ticket itself left out)."}}}]},
  "SimilarTicket": {"type": "object", "required": ["id", "title", "status", "priority", "created_at", "score"],
     "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "status": ref("Status"), "priority": ref("Priority"), "created_at": ts, "score": {"type": "number"}}},
  "CommentAuthor": {"type": "object", "required": ["name", "email"], "properties": {"name": {"type": "string"}, "email": {"type": "string"}}},
  "TicketComment": {"type": "object", "required": ["id", "content", "user", "user_id", "ticket_id", "created_at", "updated_at"],
     "properties": {"id": {"type": "integer"}, "content": {"type": "string"}, "user": ref("CommentAuthor"), "user_id": {"type": "integer"},
        "ticket_id": {"type": "integer"}, "created_at": ts, "updated_at": {"oneOf": [ts, {"type": "null"}]}}},
  "Comment": {"allOf": [ref("TicketComment"), {"type": "object", "required": ["ticket"], "properties": {"ticket": {"type": "object", "required": ["title", "description"],
     "properties": {"title": {"type": "string"}, "description": {"type": "string"}}}}}]},
  "CommentSummary": {"type": "object", "required": ["id", "content", "ticket_id", "user_id", "created_at", "updated_at"],
     "properties": {"id": {"type": "integer"}, "content": {"type": "string"}, "ticket_id": {"type": "integer"}, "user_id": {"type": "integer"}, "created_at": ts, "updated_at": {"oneOf": [ts, {"type": "null"}]}}},
  "HistoryEntry": {"type": "object", "required": ["id", "at", "actor", "event", "from", "to"],
     "properties": {"id": {"type": "integer"}, "at": ts, "actor": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
        "event": {"type": "string", "enum": ["created", "title_changed", "description_changed", "priority_changed", "status_changed", "assigned", "unassigned", "marked_duplicate", "commented", "comment_edited", "comment_deleted"]},
        "from": {"type": ["string", "null"]}, "to": {"type": ["string", "null"]}}},
  "Message": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}},
  "Login": {"type": "object", "required": ["message", "token", "expires_at"], "properties": {"message": {"type": "string", "example": "welcome Ann here is your token"},
     "token": {"type": "string", "description": "JWT HS256; sub = user id"}, "expires_at": ts}},
  "Health": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string", "example": "ok"}}},
  "Registration": {"type": "object", "required": ["name", "email", "password"], "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100},
     "email": {"type": "string", "format": "email"}, "password": {"type": "string", "minLength": 8, "maxLength": 128},
     "role": {"type": "string", "description": "Ignored on open registration; a role name on /auth/register/admin (default user)."}}},
  "Credentials": {"type": "object", "required": ["email", "password"], "properties": {"email": {"type": "string", "format": "email", "maxLength": 254, "description": "Not shaped like an email (or over 254 characters): 400 before any lookup"}, "password": {"type": "string"}}},
  "UserChanges": {"type": "object", "description": "PATCH: any subset. PUT: name and email required. A field the caller may not change is a 403 and nothing changes. Only the fields that change are written, so an administrator's concurrent deactivation or role change stands. A password change ends every earlier token of the user.",
     "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100}, "email": {"type": "string", "format": "email"},
        "password": {"type": "string", "minLength": 8, "maxLength": 128}, "role": {"type": "string", "description": "can_manage_users only"},
        "active": {"type": "boolean", "description": "can_manage_users only, never on oneself; true reactivates"},
        "current_password": {"type": "string", "description": "Required when changing one's own password or email (400 when missing, 403 when wrong; counts as a login attempt)"}}},
  "NewTicket": {"type": "object", "required": ["title", "description", "priority"], "description": "Server-owned fields (status, id, created_by_id, ...) are ignored.",
     "properties": {"title": {"type": "string", "minLength": 1, "maxLength": 200}, "description": {"type": "string", "minLength": 1, "maxLength": 20000}, "priority": ref("Priority")}},
  "TicketChanges": {"type": "object", "description": "PATCH: any subset. PUT: title, description and priority required. Setting duplicate_of_id also sets status closed.",
     "properties": {"title": {"type": "string", "minLength": 1, "maxLength": 200}, "description": {"type": "string", "minLength": 1, "maxLength": 20000},
        "priority": ref("Priority"), "status": ref("Status"), "assigned_to_id": {**nullable_id, "description": "null unassigns; an active user whose role may manage tickets"},
        "duplicate_of_id": {**nullable_id, "description": "another visible ticket, not itself, no cycles"}}},
  "NewComment": {"type": "object", "required": ["ticket_id", "content"], "properties": {"ticket_id": {"type": "integer", "minimum": 1}, "content": {"type": "string", "minLength": 1, "maxLength": 20000}}},
  "CommentContent": {"type": "object", "required": ["content"], "properties": {"content": {"type": "string", "minLength": 1, "maxLength": 20000}}},
}
P = "application/problem+json"
responses = {name: resp(d, ref("Problem"), ctype=P) for name, d in [
  ("BadRequest", "Malformed JSON, wrong JSON types, validation failure or an invalid query parameter"),
  ("Unauthorized", "Missing, malformed, expired or badly signed token; deactivated user; wrong credentials"),
  ("Forbidden", "The role does not allow the action"), ("NotFound", "No such object, or one the caller may not see"),
  ("Conflict", "Email already in use"), ("PreconditionFailed", "If-Match is stale"), ("Error", "Any error, as RFC 9457 problem details (405, 408 for a body slower than 30 s, 413, 415, 500, ...)"),
  ("TooManyRequests", "Too many failed logins; see Retry-After")]}
responses["TooManyRequests"]["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds until login may be tried again"}}
etag = {"ETag": {"schema": {"type": "string"}, "description": "Strong entity tag: the version, e.g. \"3\""}}
loc = {"Location": {"schema": {"type": "string"}}}
ifmatch = {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"}, "description": "\"<version>\": a stale value gets 412 and changes nothing"}
q = lambda name, desc, schema={"type": "string"}, **kw: {"name": name, "in": "query", "required": False, "schema": schema, "description": desc, **kw}
paths = {
  "/health": {"get": op("Database health", {"200": resp("The database answers", ref("Health")), "503": problem("Error")}, security=False, tags=["Operations"])},
  "/openapi.json": {"get": op("This document (JSON)", {"200": resp("OpenAPI 3.1", {"type": "object"})}, security=False, tags=["Operations"])},
  "/openapi.yaml": {"get": op("This document (JSON, which is also YAML)", {"200": resp("OpenAPI 3.1 (JSON is YAML, so a YAML parser reads an object)", {"type": "object"}, ctype="application/yaml")}, security=False, tags=["Operations"])},
  "/auth/register": {"post": op("Open self-registration (role is always user)", {"201": resp("Created", ref("User"), loc), "400": problem("BadRequest"), "403": problem("Forbidden"), "409": problem("Conflict")}, request=body(ref("Registration")), security=False, tags=["Auth"],
      desc="403 when self-registration is switched off in the server's configuration.")},
  "/auth/register/admin": {"post": op("Create an account with a role (can_manage_users)", {"201": resp("Created", ref("User"), loc), "400": problem("BadRequest"), "403": problem("Forbidden"), "409": problem("Conflict")}, request=body(ref("Registration")), tags=["Auth"])},
  "/auth/login": {"post": op("Log in", {"200": resp("A token", ref("Login")), "400": problem("BadRequest"), "401": problem("Unauthorized"), "429": problem("TooManyRequests")}, request=body(ref("Credentials")), security=False, tags=["Auth"],
      desc="Wrong email and wrong password give the same 401. Each attempt is counted before the password is checked: after 5 for one email (a successful login clears them), 429 with Retry-After until 15 minutes after the last counted one, even for the right password. The server may also limit failed logins per client address.")},
  "/auth/me": {"get": op("The caller's own user", {"200": resp("The caller", ref("User"))}, tags=["Auth"])},
  "/auth/logout-all": {"post": op("End every token of the caller issued so far, this one included", {"204": resp("Every earlier token now gets 401")}, tags=["Auth"])},
  "/users": {"get": op("List users (by id)", {"200": resp("A page", {"type": "array", "items": ref("User")}, list_headers), "400": problem("BadRequest")}, params=page_params, tags=["Users"])},
  "/users/{id}": {
     "get": op("A user with what the caller may see of their tickets and comments", {"200": resp("The user", ref("UserProfile")), "404": problem("NotFound")}, params=idp, tags=["Users"]),
     "patch": op("Update a user (partial)", {"200": resp("Updated", ref("User")), "400": problem("BadRequest"), "403": problem("Forbidden"), "404": problem("NotFound"), "409": problem("Conflict"), "429": problem("TooManyRequests")}, params=idp, request=body(ref("UserChanges")), tags=["Users"]),
     "put": op("Update a user (name and email required)", {"200": resp("Updated", ref("User")), "400": problem("BadRequest"), "403": problem("Forbidden"), "404": problem("NotFound"), "409": problem("Conflict"), "429": problem("TooManyRequests")}, params=idp, request=body(ref("UserChanges")), tags=["Users"]),
     "delete": op("Deactivate a user (can_manage_users, never oneself); their tickets and comments stay", {"200": resp("Deactivated", ref("Message")), "403": problem("Forbidden"), "404": problem("NotFound")}, params=idp, tags=["Users"])},
  "/tickets": {
     "get": op("Tickets the caller may see", {"200": resp("A page", {"type": "array", "items": ref("Ticket")}, list_headers), "400": problem("BadRequest")}, tags=["Tickets"],
        params=[q("status", "Repeatable or comma-separated statuses", {"type": "array", "items": {"type": "string"}}, style="form", explode=True),
                q("priority", "Repeatable or comma-separated priorities", {"type": "array", "items": {"type": "string"}}, style="form", explode=True),
                q("assigned_to_id", "A user id, me or none"), q("created_by_id", "A user id or me"),
                q("q", "Full-text search over title, description and comments (stemmed; every word must match)"),
                q("sort", "created_at, updated_at or priority, with an optional leading - for descending; default -created_at", {"type": "string", "default": "-created_at"}), *page_params]),
     "post": op("Report a problem", {"201": resp("Created (status incoming)", ref("CreatedTicket"), {**loc, **etag}), "400": problem("BadRequest")}, request=body(ref("NewTicket")), tags=["Tickets"])},
  "/tickets/similar": {"get": op("Tickets that look like a text: \"someone already reported this\"", {"200": resp("Not-closed tickets by descending score, across all tickets, redacted", {"type": "array", "items": ref("SimilarTicket")}), "400": problem("BadRequest")}, tags=["Tickets"],
      desc="Ranked by textual similarity (stemmed words of the title count more than those of the description; tickets holding every word first), among the 100,000 most recent tickets. Only id, title, status, priority, created_at and score are shown, so tickets the caller may not otherwise see reveal no description and no people.",
      params=[q("title", "Title of the problem (title or description is required)"), q("description", "Description of the problem"),
              q("limit", "How many: default 5, at most 20 (larger values are clamped)", {"type": "integer", "minimum": 1, "default": 5})])},
  "/tickets/{id}": {
     "get": op("A ticket with its comments, queue position and duplicates", {"200": resp("The ticket", ref("SingleTicket"), etag), "404": problem("NotFound")}, params=idp, tags=["Tickets"]),
     "patch": op("Change a ticket (partial)", {"200": resp("Updated", ref("SingleTicket"), etag), "400": problem("BadRequest"), "403": problem("Forbidden"), "404": problem("NotFound"), "412": problem("PreconditionFailed")}, params=idp + [ifmatch], request=body(ref("TicketChanges")), tags=["Tickets"]),
     "put": op("Change a ticket (title, description, priority required)", {"200": resp("Updated", ref("SingleTicket"), etag), "400": problem("BadRequest"), "403": problem("Forbidden"), "404": problem("NotFound"), "412": problem("PreconditionFailed")}, params=idp + [ifmatch], request=body(ref("TicketChanges")), tags=["Tickets"]),
     "delete": op("Delete a ticket with its comments and history (can_delete_all, or the creator while incoming)", {"200": resp("Deleted", ref("Message")), "403": problem("Forbidden"), "404": problem("NotFound")}, params=idp, tags=["Tickets"])},
  "/tickets/{id}/history": {"get": op("The ticket's audit trail, oldest first", {"200": resp("A page", {"type": "array", "items": ref("HistoryEntry")}, list_headers), "400": problem("BadRequest"), "404": problem("NotFound")}, params=idp + page_params, tags=["Tickets"])},
  "/tickets/{id}/comments": {
     "get": op("The ticket's comments, oldest first", {"200": resp("A page", {"type": "array", "items": ref("Comment")}, list_headers), "400": problem("BadRequest"), "404": problem("NotFound")}, params=idp + page_params, tags=["Comments"]),
     "post": op("Comment on the ticket", {"201": resp("Created", ref("Comment"), loc), "400": problem("BadRequest"), "404": problem("NotFound")}, params=idp, request=body(ref("CommentContent")), tags=["Comments"])},
  "/stats": {"get": op("The office's queue in figures: what is active, who works on what, how fast tickets are resolved, where the caller's own tickets stand", {"200": resp("Statistics", ref("Stats")), "400": problem("BadRequest")}, tags=["Stats"],
      params=[q("days", "Days of trend, 1 to 365 (default 30)", {"type": "integer", "minimum": 1, "maximum": 365, "default": 30})])},
  "/comments": {
     "get": op("Comments on tickets the caller may see, oldest first", {"200": resp("A page", {"type": "array", "items": ref("Comment")}, list_headers), "400": problem("BadRequest"), "404": problem("NotFound")},
        params=[q("ticket_id", "Only this ticket's comments (404 when it is missing or invisible)", {"type": "integer", "minimum": 1}), *page_params], tags=["Comments"]),
     "post": op("Comment on a ticket (needs only visibility)", {"201": resp("Created", ref("Comment"), loc), "400": problem("BadRequest"), "404": problem("NotFound")}, request=body(ref("NewComment")), tags=["Comments"])},
  "/comments/{id}": {
     "get": op("A comment", {"200": resp("The comment", ref("Comment")), "404": problem("NotFound")}, params=idp, tags=["Comments"]),
     "patch": op("Edit a comment (author or can_edit_all)", {"200": resp("Updated", ref("Comment")), "400": problem("BadRequest"), "403": problem("Forbidden"), "404": problem("NotFound")}, params=idp, request=body(ref("CommentContent")), tags=["Comments"]),
     "put": op("Edit a comment (author or can_edit_all)", {"200": resp("Updated", ref("Comment")), "400": problem("BadRequest"), "403": problem("Forbidden"), "404": problem("NotFound")}, params=idp, request=body(ref("CommentContent")), tags=["Comments"]),
     "delete": op("Delete a comment (author or can_delete_all)", {"200": resp("Deleted", ref("Message")), "403": problem("Forbidden"), "404": problem("NotFound")}, params=idp, tags=["Comments"])},
}
doc = {"openapi": "3.1.0",
  "info": {"title": "IT Ticket System", "version": "1.0.0",
     "description": "The ticket API of a small office's IT help desk. Every error is application/problem+json (RFC 9457); every response carries X-Request-Id. Request bodies are JSON objects of at most 1 MiB (413 above, 415 for a non-JSON content type). A known path with a method it does not serve is a 405 with Allow. Lists are bare arrays with keyset pagination: limit (default 50, max 200, larger clamped), an opaque cursor, Link rel=next while more rows exist, and X-Total-Count."},
  "tags": [{"name": n} for n in ["Auth", "Users", "Tickets", "Comments", "Stats", "Operations"]],
  "paths": paths,
  "components": {"schemas": schemas, "responses": responses,
     "parameters": {"id": {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
        "limit": q("limit", "Rows per page: default 50, at most 200 (larger values are clamped)", {"type": "integer", "minimum": 1, "default": 50}),
        "cursor": q("cursor", "Opaque position from the previous page's Link header")},
     "headers": {"XTotalCount": {"required": True, "schema": {"type": "integer"}, "description": "Rows in the whole list"},
        "Link": {"schema": {"type": "string"}, "description": "<url>; rel=\"next\" while more rows exist"}},
     "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}}
target = pathlib.Path(__file__).resolve().parent.parent / "Sources/TicketHTTP/Resources/openapi.json"
target.write_text(json.dumps(doc, indent=2) + "\n")
