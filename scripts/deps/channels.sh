# Sourced by scripts/install-deps.sh: what src/channels/ needs beyond the base packages.
# GMime 3 parses inbound MIME; libsodium (already in the base list) signs webhooks and form tokens.
PACKAGES+=(libgmime-3.0-dev libsodium-dev)
