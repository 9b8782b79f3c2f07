-- POST /tickets/{id}/comments (the URL names the ticket, -H the token).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"content": "Still happening this morning."}'
