#!/usr/bin/env bash
# Chart images in the Word letter need a Chromium (plotly's static export). Use Debian's package, never a
# downloaded browser: install it when missing and we may (root with apt-get); otherwise just say so. Never fatal.
if [ -n "${C6_BROWSER:-}" ] || command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium ontbreekt (grafieken in de Word-brief): installeren uit Debian ..."
    (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }) \
        || echo "Chromium installeren lukte niet; de Word-brief noemt dan de ontbrekende grafieken." >&2
else
    echo "Geen Chromium gevonden: installeer Debians pakket 'chromium' voor grafieken in de Word-brief (of zet C6_BROWSER)." >&2
fi
exit 0
