#!/usr/bin/env bash
# Set a Debian or Ubuntu machine up as a till: the till user, the program in /opt/serial-till,
# the system-wide config, the database and log folders, device access, the till on tty1 at
# boot, thin clients over SSH and a console font with Ukrainian letters.
#
#   sudo deploy/install.sh [--source PATH|WHEEL] [--console unit|getty|none] [--ssh]
#   deploy/install.sh --root DIR ...   # stage every file under DIR and only print the commands
#
# Running it again upgrades the program and keeps the shop's config and database.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
SOURCE="$(dirname "$HERE")"
CONSOLE="unit"
SSH="no"
ROOT=""
TILL_USER="till"
PREFIX="/opt/serial-till"
DATA="/var/lib/serial-till"
LOGS="/var/log/serial-till"
ETC="/etc/serial-till"

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --source) SOURCE="$2"; shift 2 ;;
        --console) CONSOLE="$2"; shift 2 ;;
        --ssh) SSH="yes"; shift ;;
        --root) ROOT="$(realpath -m "$2")"; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "install.sh: unknown option $1" >&2; usage 2 ;;
    esac
done

case "$CONSOLE" in
    unit|getty|none) ;;
    *) echo "install.sh: --console is unit, getty or none, not $CONSOLE" >&2; exit 2 ;;
esac

if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run it as root (sudo), or with --root DIR to stage the files" >&2
    exit 1
fi

# A system command: run it, or only print it when staging under --root.
run() {
    if [ -n "$ROOT" ]; then
        echo "+ $*"
    else
        "$@"
    fi
}

# Install one file from deploy/ with its mode; an existing file is kept when $4 is "keep".
place() {
    local source="$1" target="$ROOT$2" mode="$3" policy="${4:-replace}"
    if [ "$policy" = keep ] && [ -e "$target" ]; then
        echo "kept $2"
        return
    fi
    if [ -e "$target" ] && [ "$policy" = backup ]; then
        cp -p "$target" "$target.before-serial-till"
    fi
    install -D -m "$mode" "$source" "$target"
    echo "wrote $2"
}

folder() {
    local path="$1" mode="$2" owner="$3"
    install -d -m "$mode" "$ROOT$path"
    chmod "$mode" "$ROOT$path"
    run chown "$owner" "$path"
}

system_user() {
    local shell=/bin/sh
    [ "$CONSOLE" = getty ] && shell="$PREFIX/bin/till-session"
    if [ -n "$ROOT" ] || ! id "$TILL_USER" >/dev/null 2>&1; then
        run useradd --system --user-group --home-dir "$DATA" --shell "$shell" \
            --groups input,lp,dialout --comment "serial-till" "$TILL_USER"
    else
        run usermod --append --groups input,lp,dialout --shell "$shell" "$TILL_USER"
    fi
}

program() {
    if [ -z "$ROOT" ] && command -v apt-get >/dev/null; then
        python3 -c 'import ensurepip' 2>/dev/null \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    fi
    run python3 -m venv "$PREFIX"
    run "$PREFIX/bin/pip" install --quiet --upgrade "$SOURCE"
    place "$HERE/till-session" "$PREFIX/bin/till-session" 0755
}

files() {
    folder "$DATA" 0700 "$TILL_USER:$TILL_USER"
    folder "$LOGS" 0700 "$TILL_USER:$TILL_USER"
    folder "$ETC" 0750 "root:$TILL_USER"
    place "$HERE/config.toml" "$ETC/config.toml" 0640 keep
    run chown "root:$TILL_USER" "$ETC/config.toml"
    place "$HERE/udev/70-serial-till.rules" /etc/udev/rules.d/70-serial-till.rules 0644
    run udevadm control --reload
    run udevadm trigger
}

console() {
    place "$HERE/console-setup" /etc/default/console-setup 0644 backup
    if [ -z "$ROOT" ] && ! command -v setupcon >/dev/null && command -v apt-get >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq console-setup
    fi
    run setupcon --save
    case "$CONSOLE" in
        unit)
            place "$HERE/systemd/serial-till.service" /etc/systemd/system/serial-till.service 0644
            run systemctl daemon-reload
            run systemctl enable serial-till.service
            ;;
        getty)
            place "$HERE/systemd/getty@tty1.service.d/autologin.conf" \
                /etc/systemd/system/getty@tty1.service.d/autologin.conf 0644
            run systemctl daemon-reload
            ;;
        none) ;;
    esac
}

ssh_access() {
    place "$HERE/ssh/serial-till.conf" /etc/ssh/sshd_config.d/serial-till.conf 0644
    folder "$DATA/.ssh" 0700 "$TILL_USER:$TILL_USER"
    run systemctl reload ssh
}

system_user
program
files
console
[ "$SSH" = yes ] && ssh_access
run runuser -u "$TILL_USER" -- "$PREFIX/bin/till" doctor --quick || true
echo "serial-till is installed; the till starts on tty1 at the next boot (or: systemctl start serial-till)."
