#!/usr/bin/env bash
# Writes a man page from a roff template and the program's own --help output, so
# the options on the page are the ones the program parses (one source of truth:
# the QCommandLineParser definitions in app/). Runs at build time.
#
#   genman.sh TEMPLATE OUTPUT VERSION DATE PROGRAM [WRAPPER...]
#
# The template's placeholders, each alone on its line:
#   @OPTIONS@   the options of "PROGRAM --help", as .TP entries
#   @COMMANDS@  one .SS section per command listed under "Commands:" in
#               "PROGRAM --help": its usage, description, options and arguments
#               from "PROGRAM COMMAND --help"
# and, anywhere, @VERSION@ and @DATE@.
# tests/packaging/check-man-page.sh renders the page and checks that every line
# of --help is on it.
set -euo pipefail

if (($# < 5)); then
    echo "usage: genman.sh TEMPLATE OUTPUT VERSION DATE PROGRAM" >&2
    exit 2
fi
template=$1 output=$2 version=$3 date=$4 program=$5
name=$(basename "$program")

# The usage line names the program as it was started (a build-tree path); the
# page names it as installed.
help_of() {
    "$program" "$@" --help | sed "s|^Usage: [^ ]*$name|Usage: $name|"
}

# QCommandLineParser's help on stdin → roff on stdout. Sections: the usage
# line, the description up to the first blank line, "Options:" and
# "Arguments:" lists whose descriptions wrap onto lines indented to their
# column. USAGE=1 also prints the usage line and the description (for a
# command's section); otherwise only the lists.
help_to_roff() {
    awk -v usage="${USAGE:-0}" -v name="$name" '
    function esc(s) {
        gsub(/\\/, "\\e", s)
        gsub(/-/, "\\-", s)
        return s
    }
    function line(s) {
        s = esc(s)
        if (s ~ /^[.'"'"']/) s = "\\&" s
        print s
    }
    # "-h, --help" or "--db <URI>": names bold, the value italic.
    function heading(spec,    n, parts, i, out, piece, value) {
        n = split(spec, parts, /, /)
        out = ""
        for (i = 1; i <= n; i++) {
            piece = parts[i]
            value = ""
            if (match(piece, / <.*>$/)) {
                value = substr(piece, RSTART + 1)
                piece = substr(piece, 1, RSTART - 1)
            }
            out = out (i > 1 ? ", " : "") "\\fB" esc(piece) "\\fR"
            if (value != "") out = out " \\fI" esc(value) "\\fR"
        }
        return out
    }
    function flush() {
        if (entry == "") return
        print ".TP"
        print (section == "Arguments" ? "\\fI" esc(entry) "\\fR" : heading(entry))
        line(text)
        entry = ""; text = ""
    }
    NR == 1 && /^Usage: / {
        if (usage) { sub(/^Usage: /, ""); print ".PP"; print "\\fB" esc($0) "\\fR" }
        state = "description"; next
    }
    state == "description" {
        if ($0 == "") { state = "lists"; next }
        if (usage) { print ".PP"; line($0) }
        next
    }
    /^(Options|Arguments):$/ { flush(); section = substr($0, 1, length($0) - 1); next }
    /^$/ { flush(); next }
    # An entry: two spaces, the names, two or more spaces, the description.
    /^  [^ ]/ {
        flush()
        rest = substr($0, 3)
        if (match(rest, /  +/)) {
            entry = substr(rest, 1, RSTART - 1)
            text = substr(rest, RSTART + RLENGTH)
        } else {
            entry = rest; text = ""
        }
        next
    }
    # A continuation of the description above.
    /^   +[^ ]/ { sub(/^ +/, ""); text = text " " $0; next }
    { print "genman: unexpected help line: " $0 > "/dev/stderr"; exit 1 }
    END { flush() }
    '
}

commands_roff() {
    local commands
    commands=$("$program" --help | awk '/^Commands:$/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
    if [[ -z "$commands" ]]; then
        echo "genman: $name --help lists no commands" >&2
        exit 1
    fi
    for command in $commands; do
        printf '.SS %s\n' "$command"
        help_of "$command" | USAGE=1 help_to_roff
    done
}

tmp=$(mktemp "$output.XXXXXX")
trap 'rm -f "$tmp"' EXIT
while IFS= read -r template_line || [[ -n "$template_line" ]]; do
    case "$template_line" in
    @OPTIONS@) help_of | help_to_roff ;;
    @COMMANDS@) commands_roff ;;
    *)
        template_line=${template_line//@VERSION@/$version}
        printf '%s\n' "${template_line//@DATE@/$date}"
        ;;
    esac
done <"$template" >"$tmp"
mv "$tmp" "$output"
trap - EXIT
