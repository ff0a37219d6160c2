# Sourced by scripts/install-deps.sh: what src/intake/ needs beyond the base packages.
# libmagic sniffs the type of every stored attachment from its bytes (never the sender's word).
PACKAGES+=(libmagic-dev)
