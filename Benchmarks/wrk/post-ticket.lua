-- POST /tickets: a new ticket per request (the token comes with -H).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title": "Printer on floor 2 jams", "description": "It jams on the second page of every job.", "priority": "low"}'
