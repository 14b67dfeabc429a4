#!/bin/sh
# Installs (as root) or names the system packages the browser and HTML-validity tests need.
set -e
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  else
    echo "The tests need these Debian packages; install them with: sudo apt-get install$need" >&2
    exit 1
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  command -v npm >/dev/null || { echo "The accessibility tests need npm: sudo apt-get install npm" >&2; exit 1; }
  npm ci --silent --no-audit --no-fund
fi
