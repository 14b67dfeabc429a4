#!/bin/sh
# Installs, each only if missing, the other generators `bench/run.py --peers` times on the same data as
# ours: Debian's Hugo, Eleventy 3 from npm into bench/.peers, and MkDocs into a venv of its own there.
set -e
cd "$(dirname "$0")/.."
peers=bench/.peers
eleventy=$peers/node_modules/.bin/eleventy
mkdocs=$peers/mkdocs-venv/bin/mkdocs
need=""
command -v hugo >/dev/null 2>&1 || need="$need hugo"
[ -x $eleventy ] || command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  else
    echo "The peer benchmark needs these Debian packages; install them with: sudo apt-get install$need" >&2
    exit 1
  fi
fi
if [ ! -x $eleventy ]; then
  echo "Installing Eleventy 3 into $peers"
  npm install --silent --no-audit --no-fund --prefix $peers @11ty/eleventy@3
fi
if [ ! -x $mkdocs ]; then
  echo "Installing MkDocs into $peers/mkdocs-venv"
  ${PYTHON:-python3} -m venv $peers/mkdocs-venv
  $peers/mkdocs-venv/bin/pip install --quiet --disable-pip-version-check "mkdocs>=1.6,<2"
fi
