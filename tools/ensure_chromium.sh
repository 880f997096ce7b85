#!/bin/sh
# Make sure Debian's headless-capable Chromium is installed at /usr/bin/chromium, for the
# report's browser test (tests/test_report_browser.py). Idempotent: does nothing when it is
# already there. Needs root (CI runs as root on Debian); prints what to do otherwise.
set -eu
# A CJK font lets screenshots show Chinese names (the HTML is correct without it).
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing: run 'apt-get update && apt-get install -y chromium' as root" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei
test -x /usr/bin/chromium
