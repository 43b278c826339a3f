#!/bin/sh
# Playwright's executablePath for Firefox: see firefox-bidi-shim.ts.
here=$(dirname "$0")
exec node --import "$here/../../node_modules/tsx/dist/loader.mjs" "$here/firefox-bidi-shim.ts" "$@"
