#!/usr/bin/env bash
# Writes parley(1) in roff to standard output, generated from the binary's
# own help texts (`parley help`, `parley help COMMAND`), so the manual and
# the help never disagree.  `make install` runs it.
#   scripts/manpage.sh PATH/TO/parley > parley.1
set -euo pipefail
bin=$1
version=$("$bin" version | awk '{print $2}')
# Help text as roff: backslashes doubled, a leading '.' or "'" escaped,
# every line kept as it is (.nf) since the help is laid out in columns.
esc() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/" -e 's/-/\\-/g'; }
cat <<ROFF
.TH PARLEY 1 "" "parley $version" "User Commands"
.SH NAME
parley \\- diplomatic news as a REST JSON API: who met whom, who said what, when and where
.SH SYNOPSIS
.B parley
.I COMMAND
.RI [ OPTIONS ]
.SH DESCRIPTION
.nf
ROFF
"$bin" help | esc
echo ".fi"
echo ".SH COMMANDS"
for cmd in $("$bin" help | awk '/^commands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {exit}'); do
  echo ".SS $cmd"
  echo ".nf"
  "$bin" help "$cmd" | esc
  echo ".fi"
done
cat <<'ROFF'
.SH EXIT STATUS
.TP
.B 0
success
.TP
.B 1
a runtime failure: the database could not be reached or migrated, a file could not be read,
a server could not start, a health check failed
.TP
.B 2
a usage or configuration error: unknown command or flag, a setting out of range, an unreadable
configuration file; also a bare
.B parley
(which prints the help)
.SH FILES
.TP
.I PREFIX/share/parley/
migrations, the extraction dictionary (data), the dashboard (web), the API description
(api-spec), the demo corpus (demo); found next to the executable without any setting
.TP
.I /etc/parley/parley.conf
KEY=value settings read by the systemd units (and by
.B \-\-config
or
.BR PARLEY_CONFIG )
.SH SEE ALSO
The README and CHANGELOG.md of the source distribution.
ROFF
