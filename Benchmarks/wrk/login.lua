-- POST /auth/login, cycling through the benchmark's 16 login accounts (hashed at the server's
-- configured cost), so no one account has more attempts in flight than the login limit allows.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local count = 0
request = function()
    count = count + 1
    local body = '{"email": "bench-login-' .. (count % 16 + 1) .. '@example.com", "password": "bench-login-password"}'
    return wrk.format(nil, nil, nil, body)
end
