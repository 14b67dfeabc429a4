#!/bin/sh
# Installs (as root) or names the Debian packages the browser and HTML-validity tests need, then the
# npm test tools pinned in package-lock.json: axe-core and the Nu Html Checker.
set -e
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
axe=node_modules/axe-core/axe.min.js
vnu=node_modules/vnu-jar/build/dist/vnu.jar
tools_ready() { [ -f $axe ] && [ -f $vnu ]; }
tools_ready || command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  else
    echo "The tests need these Debian packages; install them with: sudo apt-get install$need" >&2
    exit 1
  fi
fi
tools_ready || npm ci --silent --no-audit --no-fund
