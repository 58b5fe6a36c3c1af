# shellcheck shell=bash
# Sourced by scripts/fresh-check.sh and scripts/deb-check.sh: a minimal Debian 12 root made with
# `debootstrap --variant=minbase bookworm` (the state of a machine nobody has installed anything on),
# entered with chroot. Needs root. Usage:
#   source scripts/lib/freshroot.sh
#   freshroot_make            # sets FRESHROOT; /proc is mounted, everything is undone on exit
#   freshroot_run 'apt-get install -y foo && foo --version'
#
# Environment: FRESHROOT_KEEP=1 keeps the root after exit (for poking around), FRESHROOT_CACHE (default
# /var/cache/jitscope-freshroot) holds the bare root as a tarball so reruns skip debootstrap (~30 s);
# FRESHROOT_REFRESH=1 makes it again. FRESHROOT_MIRROR overrides the mirror read from apt's sources.

FRESHROOT=""
FRESHROOT_CACHE=${FRESHROOT_CACHE:-/var/cache/jitscope-freshroot}
_FRESHROOT_MOUNTS=()

freshroot_log() { printf '[freshroot %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# The archive URI this machine's apt uses whose path ends in /$1 (debian or debian-security), from
# deb822 .sources or one-line .list files, so the root is made from the archive the host installs from.
_freshroot_archive()
{
    local suffix=$1 file uri
    for file in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -f "$file" ]] || continue
        uri=$(awk -v re="^(https?|file):.*/$suffix/?\$" '
            ($1 == "URIs:" || $1 == "deb") { for (i = 2; i <= NF; ++i) if ($i ~ re) { print $i; exit } }' "$file")
        [[ -n "$uri" ]] && { echo "${uri%/}"; return; }
    done
    echo "http://deb.debian.org/$suffix"
}

freshroot_mirror() { echo "${FRESHROOT_MIRROR:-$(_freshroot_archive debian)}"; }

# Processes still running inside the root (e.g. an Xvfb a check started) block unmounting: end those,
# and only those, by PID.
_freshroot_stop_processes()
{
    local proc pid root
    for proc in /proc/[0-9]*; do
        root=$(readlink "$proc/root" 2>/dev/null) || continue
        [[ "$root" == "$FRESHROOT" ]] || continue
        pid=${proc#/proc/}
        kill -TERM "$pid" 2>/dev/null || true
    done
    sleep 1
    for proc in /proc/[0-9]*; do
        root=$(readlink "$proc/root" 2>/dev/null) || continue
        [[ "$root" == "$FRESHROOT" ]] && kill -KILL "${proc#/proc/}" 2>/dev/null || true
    done
}

freshroot_cleanup()
{
    [[ -n "$FRESHROOT" && -d "$FRESHROOT" ]] || return 0
    _freshroot_stop_processes
    local i
    for ((i = ${#_FRESHROOT_MOUNTS[@]} - 1; i >= 0; --i)); do
        umount -l "${_FRESHROOT_MOUNTS[i]}" 2>/dev/null || true
    done
    _FRESHROOT_MOUNTS=()
    if [[ "${FRESHROOT_KEEP:-0}" == 1 ]]; then
        freshroot_log "kept $FRESHROOT (remove it with: rm -rf --one-file-system $FRESHROOT)"
    else
        # --one-file-system: never follow into a mount that failed to go away.
        rm -rf --one-file-system "$FRESHROOT"
    fi
}

_freshroot_mount()
{
    mkdir -p "$FRESHROOT$2"
    mount "${@:3}" "$1" "$FRESHROOT$2"
    _FRESHROOT_MOUNTS+=("$FRESHROOT$2")
}

# Makes the root under /var/tmp (disk, not tmpfs: a full build needs several GB) and sets FRESHROOT.
freshroot_make()
{
    [[ $(id -u) -eq 0 ]] || { echo "freshroot: needs root (debootstrap, chroot, mount)" >&2; return 1; }
    if ! command -v debootstrap > /dev/null; then
        freshroot_log "installing debootstrap"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2
    fi
    local mirror tarball
    mirror=$(freshroot_mirror)
    tarball="$FRESHROOT_CACHE/bookworm-minbase.tar"
    FRESHROOT=$(mktemp -d /var/tmp/jitscope-fresh.XXXXXX)
    trap freshroot_cleanup EXIT
    trap 'exit 130' INT TERM
    if [[ -f "$tarball" && "${FRESHROOT_REFRESH:-0}" != 1 ]]; then
        freshroot_log "unpacking the cached minbase root $tarball"
        tar -C "$FRESHROOT" -xpf "$tarball"
    else
        freshroot_log "debootstrap --variant=minbase bookworm from $mirror"
        debootstrap --variant=minbase bookworm "$FRESHROOT" "$mirror" > "$FRESHROOT.debootstrap.log" 2>&1 ||
            { tail -20 "$FRESHROOT.debootstrap.log" >&2; return 1; }
        rm -f "$FRESHROOT.debootstrap.log"
        # A bookworm install also follows the point-release and security suites.
        cat > "$FRESHROOT/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $(_freshroot_archive debian-security) bookworm-security main
EOF
        rm -rf "$FRESHROOT"/var/cache/apt/archives/*.deb
        mkdir -p "$FRESHROOT_CACHE"
        tar -C "$FRESHROOT" -cpf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    fi
    # It becomes /: mktemp's 0700 (also restored from the tarball) would lock out every user but root.
    chmod 755 "$FRESHROOT"
    cp /etc/resolv.conf "$FRESHROOT/etc/resolv.conf"
    # Speed only, the package choice stays apt's default (Recommends on): no fsync per unpacked file (as
    # in Debian's container images; a throwaway root survives no crash anyway), no translated descriptions.
    echo force-unsafe-io > "$FRESHROOT/etc/dpkg/dpkg.cfg.d/freshroot-unsafe-io"
    echo 'Acquire::Languages "none";' > "$FRESHROOT/etc/apt/apt.conf.d/99freshroot"
    _freshroot_mount proc /proc -t proc
    # Python's multiprocessing and X servers want POSIX shared memory.
    _freshroot_mount tmpfs /dev/shm -t tmpfs -o mode=1777
    freshroot_log "root ready: $FRESHROOT"
}

# Runs a bash command line inside the root as root, with a clean environment (nothing of the host's:
# no CCACHE_DIR, no PATH additions, no display).
freshroot_run()
{
    chroot "$FRESHROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive /bin/bash -c "$1"
}

# Copies the committed HEAD of the checkout at $1 (a clone, as a new user would get it) to $2 in the root.
freshroot_clone()
{
    local source=$1 target=$FRESHROOT$2 commit
    commit=$(git -C "$source" rev-parse HEAD)
    [[ -z "$(git -C "$source" status --porcelain --untracked-files=no)" ]] ||
        freshroot_log "note: $source has uncommitted changes; the root gets the committed HEAD only"
    git clone -q --no-checkout "$source" "$target"
    # HEAD of the source checkout (a worktree's own branch, or a detached commit), not its default branch.
    git -C "$target" fetch -q "$source" HEAD
    git -C "$target" checkout -q --detach "$commit"
    freshroot_log "cloned $(git -C "$target" log -1 --format='%h %s' | cut -c1-80)"
}
