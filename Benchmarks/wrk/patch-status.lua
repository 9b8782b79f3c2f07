-- PATCH /tickets/{id}: moves the ticket between "open" and "on hold", one change per request.
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
local count = 0
request = function()
    count = count + 1
    local status = (count % 2 == 0) and "open" or "on hold"
    return wrk.format(nil, nil, nil, '{"status": "' .. status .. '"}')
end
