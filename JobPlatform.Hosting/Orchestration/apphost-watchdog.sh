# The AppHost's watchdog (POSIX sh, started by ProcessWatchdog). It runs in a session of its own and reads from the
# AppHost, on stdin, each process the AppHost runs ("watch PID STOPSIGNAL") or has stopped ("forget PID"). Stdin closes
# when the AppHost exits, however it exits: a SIGKILLed AppHost cannot stop anything itself, and whatever is still
# recorded then is stopped here as the AppHost would have: its stop signal, a grace period, then SIGKILL to it and to
# its process group (what it forked).
# $1: grace period in seconds; $2: log file.
grace=$1
log=$2
watched=" "

forget() {
    kept=" "
    for entry in $watched; do
        [ "${entry%%:*}" = "$1" ] || kept="$kept$entry "
    done
    watched=$kept
}

# True while the process lives: a zombie has exited, only nobody has reaped it yet.
alive() {
    read -r stat 2>/dev/null < "/proc/$1/stat" || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

while read -r verb pid signal; do
    case $verb in
        watch) watched="$watched$pid:$signal " ;;
        forget) forget "$pid" ;;
    esac
done

[ "$watched" = " " ] && exit 0
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) the AppHost exited without stopping:$watched; stopping them" >> "$log"
for entry in $watched; do
    kill "-${entry#*:}" "${entry%%:*}" 2>/dev/null
done

ticks=$((grace * 10))
while [ "$ticks" -gt 0 ]; do
    running=""
    for entry in $watched; do
        alive "${entry%%:*}" && running=yes
    done
    [ -z "$running" ] && break
    sleep 0.1
    ticks=$((ticks - 1))
done

for entry in $watched; do
    kill -9 "-${entry%%:*}" 2>/dev/null
    kill -9 "${entry%%:*}" 2>/dev/null
done
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) stopped" >> "$log"
