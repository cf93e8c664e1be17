#!/usr/bin/env bash
# One-time bootstrap of the Pulumi state backend in Azure Blob storage, before the
# platform stack exists (the platform cannot hold its own state). Run it once per
# host with the Azure CLI, logged in as someone allowed to create resource groups.
#
#   scripts/bootstrap-state.sh --host tromso [--location norwayeast] [--ci-principal <object id>] [--dry-run]
#
# It creates a resource group, a storage account with no public or shared-key
# access, versioning and soft delete (state history survives a bad write), a
# container, a delete lock, and grants the CI identity blob data access.
set -euo pipefail

host=""; location="norwayeast"; ci_principal=""; dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host="$2"; shift 2 ;;
    --location) location="$2"; shift 2 ;;
    --ci-principal) ci_principal="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1; see --help" >&2; exit 2 ;;
  esac
done
if ! [[ "$host" =~ ^[a-z][a-z0-9]{1,11}$ ]]; then
  echo "--host must be the host's slug in 2-12 lower-case letters and digits (it becomes part of a storage account name), e.g. tromso" >&2
  exit 2
fi
case "$location" in norwayeast|norwaywest) ;; *) echo "--location must be norwayeast or norwaywest: state stays in Norway" >&2; exit 2 ;; esac

rg="rg-grunnmur-state-${host}"
account="st${host}pulumistate"
container="pulumi-state"

run() {
  if $dry_run; then printf '%q ' "$@"; echo; else "$@"; fi
}

run az group create --name "$rg" --location "$location" --tags grunnmur:service=state grunnmur:tenant="$host"
run az storage account create --name "$account" --resource-group "$rg" --location "$location" \
  --sku Standard_ZRS --kind StorageV2 --min-tls-version TLS1_2 --https-only true \
  --allow-blob-public-access false --allow-shared-key-access false --default-action Allow
run az storage account blob-service-properties update --account-name "$account" --resource-group "$rg" \
  --enable-versioning true --enable-delete-retention true --delete-retention-days 30 \
  --enable-container-delete-retention true --container-delete-retention-days 30
run az storage container create --name "$container" --account-name "$account" --auth-mode login
run az lock create --name lock-pulumi-state --lock-type CanNotDelete --resource-group "$rg" \
  --notes "Pulumi state for grunnmur: deleting it orphans every stack."
if [ -n "$ci_principal" ]; then
  if $dry_run; then subscription="<subscription-id>"; else subscription=$(az account show --query id -o tsv); fi
  scope="/subscriptions/${subscription}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${account}"
  run az role assignment create --assignee-object-id "$ci_principal" --assignee-principal-type ServicePrincipal \
    --role "Storage Blob Data Contributor" --scope "$scope"
fi

echo
echo "Log in to the backend with:"
echo "  pulumi login 'azblob://${container}?storage_account=${account}'"
