#!/usr/bin/env bash
# Installs, only where missing, the TeX Live that the LaTeX quick-fix test compiles with (test/latex):
# pdflatex and the acronym, acro and glossaries packages. Debian's texlive-latex-extra holds all three
# (acronym.sty, acro.sty, glossaries.sty) and pulls in texlive-latex-base and -recommended: 22 packages,
# about 85 MiB to download and 300 MiB installed, two minutes on a small machine. Silent when present.
# `npm test` runs it before its suites, and `.ci/run` before `npm test`.
set -euo pipefail

have_tex() {
  command -v pdflatex >/dev/null 2>&1 && command -v kpsewhich >/dev/null 2>&1 &&
    [ -n "$(kpsewhich acronym.sty)" ] && [ -n "$(kpsewhich acro.sty)" ] && [ -n "$(kpsewhich glossaries.sty)" ]
}

if have_tex; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[tex-live] pdflatex with acronym, acro and glossaries is missing, and there is no apt-get:" \
    "install TeX Live (texlive-latex-extra or the same packages) yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "[tex-live] apt-get install texlive-latex-extra (pdflatex, acronym, acro, glossaries; about 85 MiB)" >&2
started=$(date +%s)
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends texlive-latex-extra >&2
if ! have_tex; then
  echo "[tex-live] pdflatex or a package is still missing after installing texlive-latex-extra" >&2
  exit 1
fi
echo "[tex-live] installed in $(($(date +%s) - started)) s" >&2
