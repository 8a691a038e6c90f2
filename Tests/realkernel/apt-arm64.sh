# Sourced by setup.sh and module-setup.sh (not run on its own): the private arm64 apt options
# (arm64 native; the machine's own architecture too, for linux-kbuild's host tools).
# Needs $cache; sets $root (the private apt root under the cache), the array apt_private (every
# Dir::State, Dir::Cache and Dir::Etc path pointed into $root, so the machine's own sources,
# lists, status and architectures are neither read nor written) and exports APT_CONFIG.
# Defines apt_download PACKAGE: prints the .deb it fetched with `apt-get download` into
# $cache/debs (a .deb already there is reused).
root="$cache/apt"
host_arch="$(dpkg --print-architecture)"
apt_private=(
  -o "APT::Architecture=arm64" -o "APT::Architectures=arm64"
  -o "Dir::State=$root/state" -o "Dir::State::status=$root/state/status"
  -o "Dir::Cache=$root/cache"
  -o "Dir::Etc::SourceList=$root/etc/sources.list"
  -o "Dir::Etc::SourceParts=$root/etc/sources.list.d"
  -o "Dir::Etc::Preferences=$root/etc/preferences"
  -o "Dir::Etc::PreferencesParts=$root/etc/preferences.d"
  -o "Dir::Etc::Parts=$root/etc/apt.conf.d"
  -o "Debug::NoLocking=1"
)
[ "$host_arch" = arm64 ] || apt_private+=(-o "APT::Architectures::=$host_arch")
[ "$(id -u)" -ne 0 ] || apt_private+=(-o "APT::Sandbox::User=root")
export APT_CONFIG="$root/etc/apt.conf"

apt_download() { # $1 package[:arch][=version]
  local deb name="${1%%=*}" glob arch="*"
  # With :ARCH only that architecture's file counts.
  case "$name" in *:*) arch="${name#*:}"; name="${name%%:*}" ;; esac
  glob="${name}_*_$arch.deb"
  # With =VERSION only that version's file counts (apt writes an epoch's colon as %3a).
  [ "${1%%=*}" = "$1" ] || { glob="${1#*=}"; glob="${name}_${glob//:/%3a}_$arch.deb"; }
  mkdir -p "$cache/debs"
  deb="$(cd "$cache/debs" && ls -t $glob 2>/dev/null | head -n 1 || true)"
  if [ -z "$deb" ]; then
    echo "realkernel: apt-get download $1" >&2
    (cd "$cache/debs" && apt-get "${apt_private[@]}" download "$1" >&2)
    deb="$(cd "$cache/debs" && ls -t $glob | head -n 1)"
  fi
  deb="$cache/debs/$deb"
  echo "$deb"
}
