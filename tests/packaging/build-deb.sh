#!/usr/bin/env bash
# Builds the two Debian packages of a build directory with cpack and checks
# them before anything installs them: names, fields, the Depends that
# dpkg-shlibdeps computed (backstep-cli without any GUI library), which files
# each package holds, and that the executables are stripped.
#
#   build-deb.sh BUILD_DIR OUT_DIR VERSION APP_ID
set -euo pipefail

build_dir=$1 out_dir=$2 version=$3 app_id=$4
arch=$(dpkg --print-architecture)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

rm -rf "$out_dir"
mkdir -p "$out_dir"
start=$SECONDS
if ! cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$out_dir" >"$out_dir/cpack.log" 2>&1; then
    cat "$out_dir/cpack.log"
    echo "FAIL: cpack failed"
    exit 1
fi
echo "cpack: $((SECONDS - start)) s"

cli_deb=$out_dir/backstep-cli_${version}-1_${arch}.deb
gui_deb=$out_dir/backstep_${version}-1_${arch}.deb
for deb in "$cli_deb" "$gui_deb"; do
    [[ -f "$deb" ]] || { echo "FAIL: cpack wrote no $deb:"; ls -l "$out_dir"; exit 1; }
    echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
    echo "  Depends: $(dpkg-deb -f "$deb" Depends)"
    for field in Maintainer Section Description Homepage; do
        [[ -n "$(dpkg-deb -f "$deb" "$field")" ]] || fail "$(basename "$deb") has no $field"
    done
done

field() { dpkg-deb -f "$1" "$2"; }
[[ "$(field "$cli_deb" Package)" == backstep-cli ]] || fail "cli package is named $(field "$cli_deb" Package)"
[[ "$(field "$gui_deb" Package)" == backstep ]] || fail "gui package is named $(field "$gui_deb" Package)"

# Depends as package names, one per line.
depends() { field "$1" Depends | tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' | sort -u; }
cli_depends=$(depends "$cli_deb")
gui_depends=$(depends "$gui_deb")
for package in libc6 libqt6core6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libsqlite3-0; do
    grep -qx "$package" <<<"$cli_depends" || fail "backstep-cli does not depend on $package"
done
gui_only=$(grep -E '^(libqt6gui6|libqt6widgets6|libqt6svg6|libqt6opengl6|libx11|libxcb|libgl|libegl|libopengl|libfontconfig|libfreetype|libwayland)' <<<"$cli_depends" || true)
[[ -z "$gui_only" ]] || fail "backstep-cli depends on GUI libraries: $(echo $gui_only)"
for package in backstep-cli libqt6widgets6 libqt6gui6 libqt6svg6 libqt6core6; do
    grep -qx "$package" <<<"$gui_depends" || fail "backstep does not depend on $package"
done
field "$gui_deb" Depends | grep -q "backstep-cli (= ${version}-1)" ||
    fail "backstep does not depend on backstep-cli (= ${version}-1): $(field "$gui_deb" Depends)"

contents() { dpkg-deb -c "$1" | awk '{ print $NF }' | sed 's|^\./|/|'; }
cli_files=$(contents "$cli_deb")
gui_files=$(contents "$gui_deb")
for file in /usr/bin/backstep-cli /usr/share/man/man1/backstep-cli.1.gz; do
    grep -qx "$file" <<<"$cli_files" || fail "backstep-cli lacks $file"
done
gui_expected=(/usr/bin/backstep /usr/share/man/man1/backstep.1.gz
    "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg")
for size in 16 22 24 32 48 64 128 256; do
    gui_expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for file in "${gui_expected[@]}"; do
    grep -qx "$file" <<<"$gui_files" || fail "backstep lacks $file"
done
grep -q '/usr/bin/backstep$' <<<"$cli_files" && fail "backstep-cli holds the GUI executable"
grep -q '/usr/bin/backstep-cli$' <<<"$gui_files" && fail "backstep holds backstep-cli (it depends on that package)"
# Nothing outside /usr, nothing the build tree or a library would leave behind.
outside=$(grep -vE '^/$|^/usr(/|$)' <<<"$cli_files"$'\n'"$gui_files" || true)
[[ -z "$outside" ]] || fail "files outside /usr: $(echo $outside)"
stray=$(grep -E '\.(a|h|so[.0-9]*|cmake)$' <<<"$cli_files"$'\n'"$gui_files" || true)
[[ -z "$stray" ]] || fail "library or development files in the packages: $(echo $stray)"

extracted=$out_dir/extracted
dpkg-deb -x "$cli_deb" "$extracted"
dpkg-deb -x "$gui_deb" "$extracted"
for exe in backstep-cli backstep; do
    if readelf -S "$extracted/usr/bin/$exe" | grep -q '\.debug_info'; then
        fail "/usr/bin/$exe is not stripped"
    fi
done
rm -rf "$extracted"

if ((failures)); then
    echo "$failures problem(s) in the packages"
    exit 1
fi
echo "both packages built and checked in $out_dir"
