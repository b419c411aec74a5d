#!/usr/bin/env bash
# Renders a man page with man -l and checks it against the program's --help: the
# usage line, the description and every option and argument with its full text,
# for the program and for each of its commands; and that the page has a section
# for every command --help lists and none for a command it does not.
#
#   check-man-page.sh PROGRAM PAGE
set -euo pipefail

program=$1 page=$2
name=$(basename "$program")
failures=0

# One line of text, whitespace collapsed: the page is rendered very wide, so
# nothing is hyphenated or wrapped, and --help's wrapped descriptions are joined.
normalize() { tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'; }

# LC_ALL=C: ASCII hyphens and quotes, as --help prints them.
rendered=$(LC_ALL=C MANWIDTH=4000 man -l "$page" 2>&1) || {
    echo "FAIL: man -l $page failed: $rendered"
    exit 1
}
flat=$(normalize <<<"$rendered")

expect() { # DESCRIPTION TEXT [--ignore-case]
    local text haystack=$flat
    text=$(normalize <<<"$2")
    if [[ "${3:-}" == --ignore-case ]]; then
        text=${text,,} haystack=${flat,,}
    fi
    if [[ "$haystack" != *"$text"* ]]; then
        echo "FAIL: $1 is not on the page: \"$text\""
        failures=$((failures + 1))
    fi
}

help_of() {
    "$program" "$@" --help | sed "s|^Usage: [^ ]*$name|Usage: $name|"
}

# Each entry of --help's Options/Arguments lists, continuation lines joined, and
# the description paragraph after the usage line.
check_help() { # LABEL HELP_TEXT
    local label=$1 help=$2 usage description entry
    usage=$(sed -n '1s/^Usage: //p' <<<"$help")
    [[ -n "$usage" ]] && expect "$label usage" "$usage"
    description=$(awk 'NR == 1 { next } /^$/ { exit } { print }' <<<"$help")
    # A program's description is the page's NAME line, which starts in lower case.
    [[ -n "$description" ]] && expect "$label description" "$description" ${3:-}
    while IFS= read -r entry; do
        [[ -n "$entry" ]] && expect "$label option" "$entry"
    done < <(awk '
        /^(Options|Arguments):$/ { on = 1; next }
        !on { next }
        /^  [^ ]/ { if (e != "") print e; e = $0; next }
        /^   +[^ ]/ { sub(/^ +/, " "); e = e $0; next }
        /^$/ { if (e != "") print e; e = "" }
        END { if (e != "") print e }' <<<"$help")
}

top=$(help_of)
commands=$(awk '/^Commands:$/ { on = 1; next } on && /^$/ { exit } on { print $1 }' <<<"$top")
if [[ -z "$commands" ]]; then
    check_help "$name" "$top" --ignore-case
else
    # The summary's own first line is the page's NAME.
    expect "$name summary" "$(head -n 1 <<<"$top" | sed "s/^$name: //")"
    sections=$(LC_ALL=C MANWIDTH=4000 man -l "$page" 2>/dev/null | sed -n 's/^   \([a-z][a-z-]*\)$/\1/p' | sort)
    if [[ "$sections" != "$(sort <<<"$commands")" ]]; then
        echo "FAIL: the page's command sections ($(echo $sections)) differ from --help's commands ($(echo $commands))"
        failures=$((failures + 1))
    fi
    for command in $commands; do
        check_help "$name $command" "$(help_of "$command")"
    done
fi

if ((failures)); then
    echo "$failures difference(s) between $name --help and $page"
    exit 1
fi
echo "$page: every line of $name --help is on the page"
