#!/bin/sh
# Installs `vaultcli` and the server (`secretvault`) as commands: publishes both in Release into
# $SECRETVAULT_HOME (default ~/.local/share/secretvault) and links them from $BIN_DIR (default ~/.local/bin),
# which must be on PATH. Run it again to update. Needs the .NET 10 SDK.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
home=${SECRETVAULT_HOME:-"$HOME/.local/share/secretvault"}
bin=${BIN_DIR:-"$HOME/.local/bin"}

dotnet publish "$root/src/Cli/SecretVault.Cli" -c Release -o "$home/cli" --nologo -v quiet
dotnet publish "$root/src/Server/SecretVault.Server" -c Release -o "$home/server" --nologo -v quiet

mkdir -p "$bin"
ln -sf "$home/cli/vaultcli" "$bin/vaultcli"
ln -sf "$home/server/SecretVault.Server" "$bin/secretvault"

echo "Installed vaultcli and secretvault in $bin"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "Add $bin to PATH, for example: export PATH=\"$bin:\$PATH\"" ;;
esac
