# shellcheck shell=bash
# Part conduct (src/conduct/): Snowball stemming for nl/en (libstemmer) and ICU's word break
# iterator for Chinese segmentation and case mapping. Sourced by scripts/install-deps.sh.
PACKAGES+=(libstemmer-dev libicu-dev)
