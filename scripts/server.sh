# Starting ticket-server from the test scripts on a port of its own choosing: start it with
# `--port 0 --port-file FILE`, then `port=$(await_server_port FILE PID LOG) || exit 1`. No
# port is probed beforehand (a probe cannot see ports that outgoing connections hold, and
# another process may take the port between the probe and the start).

# Prints the port the server (process PID) wrote to FILE once listening; fails, with the end of
# LOG, if the process ends first or 60 s pass.
await_server_port() {
    local file=$1 pid=$2 log=$3
    for _ in $(seq 1 600); do
        if [ -s "$file" ]; then
            cat "$file"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    tail -20 "$log" >&2
    echo "FAIL: the server did not start listening" >&2
    return 1
}
