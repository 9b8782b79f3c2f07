-- PATCH /tickets/{id}: moves open tickets between "open" and "on hold", one change per
-- request, as a technician working through the queue would: the tickets listed in
-- BENCH_MOVED_TICKETS (comma-separated ids) are shared out between wrk's threads, and each
-- thread moves its own share in turn. (All connections on one ticket would measure the
-- retries of conflicting writes instead.)
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
local tickets = {}
for id in string.gmatch(os.getenv("BENCH_MOVED_TICKETS") or "", "%d+") do
    table.insert(tickets, id)
end
local share = math.max(1, math.floor(#tickets / 2))
local started = 0
setup = function(thread)
    thread:set("first", started * share)
    started = started + 1
end
local count = 0
request = function()
    local ticket = tickets[((first or 0) + count % share) % #tickets + 1]
    local status = (math.floor(count / share) % 2 == 0) and "on hold" or "open"
    count = count + 1
    return wrk.format(nil, "/tickets/" .. ticket, nil, '{"status": "' .. status .. '"}')
end
