-- PATCH /tickets/{id}: moves open tickets between "open" and "on hold", one change per
-- request, cycling through the tickets listed in BENCH_MOVED_TICKETS (comma-separated ids),
-- as a technician working through the queue would; each wrk thread starts at its own place
-- in the list. (All connections on one ticket would measure the retries of conflicting
-- writes instead.)
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
local tickets = {}
for id in string.gmatch(os.getenv("BENCH_MOVED_TICKETS") or "", "%d+") do
    table.insert(tickets, id)
end
local started = 0
setup = function(thread)
    thread:set("offset", started * 16)
    started = started + 1
end
local count = 0
request = function()
    count = count + 1
    local place = count + (offset or 0)
    local ticket = tickets[(place % #tickets) + 1]
    local status = (math.floor(place / #tickets) % 2 == 0) and "on hold" or "open"
    return wrk.format(nil, "/tickets/" .. ticket, nil, '{"status": "' .. status .. '"}')
end
