#!/usr/bin/env bash
# One-time bootstrap before the platform stack exists (the platform cannot hold its own state).
# Run it once per host with the Azure CLI (az login), as someone who is Owner of the
# subscription and, in Entra ID, Application Administrator and Privileged Role Administrator.
#
#   scripts/bootstrap-state.sh --host tromso --github-repo <owner>/<repo>
#                              [--location norwayeast] [--subscription <id>] [--dry-run]
#
# It creates, or leaves alone where they already exist:
#   1. the Pulumi state backend: a resource group, a storage account with no public or
#      shared-key access, versioning and soft delete (state history survives a bad write), a
#      container, and a delete lock;
#   2. the secrets provider: a Key Vault (RBAC, purge protection) with one RSA key that
#      encrypts each stack's data key (azurekeyvault://<vault>.vault.azure.net/keys/<key>);
#   3. two identities for GitHub Actions, each an app registration with a service principal,
#      federated credentials (no client secrets), Azure roles and Microsoft Graph application
#      permissions, exactly as docs/permissions.md lists them:
#        grunnmur-<host>-deploy  deploys; only from the environments "platform" and "tenants"
#        grunnmur-<host>-reader  pull-request previews (environment "preview") and the nightly
#                                drift check (branch main); read-only
# and prints the GitHub variables and the stack init commands that use them.
# --dry-run prints every command and changes nothing.
set -euo pipefail

host=""; location="norwayeast"; repo=""; subscription=""; dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host="${2:-}"; shift 2 ;;
    --location) location="${2:-}"; shift 2 ;;
    --github-repo) repo="${2:-}"; shift 2 ;;
    --subscription) subscription="${2:-}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1; see --help" >&2; exit 2 ;;
  esac
done
if ! [[ "$host" =~ ^[a-z][a-z0-9]{1,11}$ ]]; then
  echo "--host must be the host's slug in 2-12 lower-case letters and digits (it becomes part of a storage account name), e.g. tromso" >&2
  exit 2
fi
case "$location" in norwayeast|norwaywest) ;; *) echo "--location must be norwayeast or norwaywest: state stays in Norway" >&2; exit 2 ;; esac
if ! [[ "$repo" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
  echo "--github-repo must name the GitHub repository that deploys, as owner/name (e.g. tromso-kommune/grunnmur): its workflows get the federated credentials" >&2
  exit 2
fi

rg="rg-grunnmur-state-${host}"
account="st${host}pulumistate"
container="pulumi-state"
vault="kv-${host}-state"
key="pulumi-secrets"
secrets_provider="azurekeyvault://${vault}.vault.azure.net/keys/${key}"
backend="azblob://${container}?storage_account=${account}"
deploy_app="grunnmur-${host}-deploy"
reader_app="grunnmur-${host}-reader"
lock_role="grunnmur lock operator (${host})"
graph_app_id="00000003-0000-0000-c000-000000000000" # Microsoft Graph, the same in every tenant
issuer="https://token.actions.githubusercontent.com"

# Commands are printed as they would be typed: plain words bare, anything else in single quotes.
quote() {
  local out="" arg
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then out+="$arg "; else out+="'${arg//\'/\'\\\'\'}' "; fi
  done
  printf '%s\n' "${out% }"
}
exec 3>&1
run() { if $dry_run; then quote "$@"; else "$@"; fi; }
# capture PLACEHOLDER CMD...: the command's output; in a dry run, prints the command and gives PLACEHOLDER.
capture() { local placeholder="$1"; shift; if $dry_run; then quote "$@" >&3; printf '%s' "$placeholder"; else "$@"; fi; }
# exists CMD...: true when the thing is already there (never in a dry run, which shows every create).
exists() { if $dry_run; then return 1; fi; "$@" >/dev/null 2>&1; }
# found CMD...: true when the command prints something (never in a dry run).
found() { if $dry_run; then return 1; fi; [ -n "$("$@" 2>/dev/null)" ]; }
# retry CMD...: for what a new principal, role or consent needs a minute to replicate for.
retry() {
  if $dry_run; then quote "$@"; return; fi
  local attempt
  for attempt in 1 2 3 4 5 6; do
    if "$@"; then return 0; fi
    if [ "$attempt" -eq 6 ]; then echo "This failed six times over two minutes: $(quote "$@"). Run the script again; it skips what already exists." >&2; return 1; fi
    echo "retrying in 20 seconds (a new identity or role takes a moment to appear everywhere)" >&2; sleep 20
  done
}
say() { if $dry_run; then echo "# $*"; else echo "== $*" >&2; fi; }

if [ -n "$subscription" ]; then run az account set --subscription "$subscription"; fi
subscription="$(capture '<subscription-id>' az account show --query id -o tsv)"
tenant_id="$(capture '<tenant-id>' az account show --query tenantId -o tsv)"
sub_scope="/subscriptions/${subscription}"

say "Resource providers the programs use (a fresh subscription has few registered)"
for namespace in Microsoft.Storage Microsoft.KeyVault Microsoft.Network Microsoft.Compute Microsoft.RecoveryServices \
  Microsoft.DataProtection Microsoft.OperationalInsights Microsoft.Insights Microsoft.ManagedIdentity Microsoft.Consumption; do
  run az provider register --namespace "$namespace" --wait
done

say "1. Pulumi state backend: ${backend}"
run az group create --name "$rg" --location "$location" --tags grunnmur:service=state grunnmur:tenant="$host"
run az storage account create --name "$account" --resource-group "$rg" --location "$location" \
  --sku Standard_ZRS --kind StorageV2 --min-tls-version TLS1_2 --https-only true \
  --allow-blob-public-access false --allow-shared-key-access false --default-action Allow
run az storage account blob-service-properties update --account-name "$account" --resource-group "$rg" \
  --enable-versioning true --enable-delete-retention true --delete-retention-days 30 \
  --enable-container-delete-retention true --container-delete-retention-days 30
# Through ARM (container-rm), so it needs no data-plane role and no shared key.
if ! exists az storage container-rm show --name "$container" --storage-account "$account" --resource-group "$rg"; then
  run az storage container-rm create --name "$container" --storage-account "$account" --resource-group "$rg" --public-access off
fi
account_id="${sub_scope}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${account}"

say "2. Secrets provider: ${secrets_provider}"
# Public endpoint on purpose: GitHub-hosted runners have no fixed addresses. The vault holds one
# key and no secrets; every call needs an Entra token and a role on the key (RBAC, no access policies).
if ! exists az keyvault show --name "$vault" --resource-group "$rg"; then
  run az keyvault create --name "$vault" --resource-group "$rg" --location "$location" --sku standard \
    --enable-rbac-authorization true --enable-purge-protection true --retention-days 90 \
    --public-network-access Enabled --tags grunnmur:service=state grunnmur:tenant="$host"
fi
vault_id="${sub_scope}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${vault}"
key_scope="${vault_id}/keys/${key}"
# Creating a key is a data-plane operation: Owner alone may not, so the person running this gets
# Key Vault Crypto Officer on this vault first.
me="$(capture '<your-object-id>' az ad signed-in-user show --query id -o tsv)"
run az role assignment create --assignee-object-id "$me" --assignee-principal-type User \
  --role "Key Vault Crypto Officer" --scope "$vault_id"
if ! exists az keyvault key show --vault-name "$vault" --name "$key"; then
  if $dry_run; then
    run az keyvault key create --vault-name "$vault" --name "$key" --kty RSA --size 3072 --ops encrypt decrypt
  else
    # A new role assignment takes a few minutes to apply.
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      if az keyvault key create --vault-name "$vault" --name "$key" --kty RSA --size 3072 --ops encrypt decrypt >/dev/null; then break; fi
      if [ "$attempt" -eq 10 ]; then echo "Could not create the key $key in $vault: the Key Vault Crypto Officer role has not applied after 5 minutes; run this script again." >&2; exit 1; fi
      echo "waiting for the Key Vault Crypto Officer role to apply ($attempt/10)" >&2; sleep 30
    done
  fi
fi
run az lock create --name lock-pulumi-state --lock-type CanNotDelete --resource-group "$rg" \
  --notes "Pulumi state for grunnmur: deleting it orphans every stack."

say "3. Identities for GitHub Actions (${repo})"
# ensure_app NAME: the app registration's appId and its service principal's object id.
ensure_app() {
  local name="$1" app_id="" sp_id
  if ! $dry_run; then app_id="$(az ad app list --display-name "$name" --query '[0].appId' -o tsv)"; fi
  if [ -z "$app_id" ]; then app_id="$(capture "<appId-of-${name}>" az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg --query appId -o tsv)"; fi
  if ! exists az ad sp show --id "$app_id"; then capture "" az ad sp create --id "$app_id" --query id -o tsv >/dev/null; fi
  sp_id="$(capture "<objectId-of-${name}>" az ad sp show --id "$app_id" --query id -o tsv)"
  printf '%s %s' "$app_id" "$sp_id"
}
# federate APP_ID NAME SUBJECT: one federated credential. An app holds at most 20
# (https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations),
# so subjects name environments, never tenants: the count stays the same for any number of tenants.
federate() {
  local app_id="$1" name="$2" subject="$3"
  if ! found az ad app federated-credential list --id "$app_id" --query "[?name=='${name}'].name" -o tsv; then
    run az ad app federated-credential create --id "$app_id" --parameters \
      "{\"name\":\"${name}\",\"issuer\":\"${issuer}\",\"subject\":\"${subject}\",\"audiences\":[\"api://AzureADTokenExchange\"]}"
  fi
}
# assign SP_ID ROLE SCOPE [az role assignment create options...]
assign() {
  local sp_id="$1" role="$2" scope="$3"; shift 3
  retry az role assignment create --assignee-object-id "$sp_id" --assignee-principal-type ServicePrincipal --role "$role" --scope "$scope" "$@"
}
# graph APP_ID SP_ID PERMISSION: a Microsoft Graph application permission. An app role assignment
# to the service principal is the admin consent for it, so this needs a Privileged Role
# Administrator (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-post-approleassignments).
graph_sp="$(capture '<objectId-of-Microsoft-Graph>' az ad sp show --id "$graph_app_id" --query id -o tsv)"
graph() {
  local app_id="$1" sp_id="$2" permission="$3" role_id
  role_id="$(capture "<appRoleId-of-${permission}>" az ad sp show --id "$graph_app_id" --query "appRoles[?value=='${permission}'].id | [0]" -o tsv)"
  # Listed on the app registration too, so the portal shows it under "API permissions" as granted.
  run az ad app permission add --id "$app_id" --api "$graph_app_id" --api-permissions "${role_id}=Role"
  if ! found az rest --method GET --uri "https://graph.microsoft.com/v1.0/servicePrincipals/${sp_id}/appRoleAssignments" --query "value[?appRoleId=='${role_id}'].id" -o tsv; then
    retry az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/${sp_id}/appRoleAssignments" \
      --headers Content-Type=application/json \
      --body "{\"principalId\":\"${sp_id}\",\"resourceId\":\"${graph_sp}\",\"appRoleId\":\"${role_id}\"}"
  fi
}

# The roles the programs hand out (domain/azure/roles.ts, BUILT_IN_ROLES without Owner, User
# Access Administrator and Role Based Access Control Administrator). The deploy identity may
# assign these, to groups and service principals only, and nothing else: an ABAC condition on
# its Role Based Access Control Administrator assignment
# (https://learn.microsoft.com/en-us/azure/role-based-access-control/delegate-role-assignments-examples).
assignable_roles=(
  b24988ac-6180-42a0-ab88-20f7382dd24c # Contributor
  acdd72a7-3385-48ef-bd42-f606fba81ae7 # Reader
  4d97b98b-1d4f-4787-a291-c67834d212e7 # Network Contributor
  5e467623-bb1f-42f4-a55d-6e525e11384b # Backup Contributor
  00c29273-979b-4161-815c-10b084fb9324 # Backup Operator
  a795c7a0-d4a2-40c1-ae25-d81f01202912 # Backup Reader
  00482a5a-887f-4fb3-b363-3b7fe8e74483 # Key Vault Administrator
  4633458b-17de-408a-b874-0445c86b69e6 # Key Vault Secrets User
  fb1c8493-542b-48eb-b624-b4c8fea62acd # Security Admin
  73c42c96-874c-492b-b04d-ab87d138a893 # Log Analytics Reader
  9980e02c-c2be-4d73-94e8-173b1dc7cf3c # Virtual Machine Contributor
  0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb # Storage File Data SMB Share Contributor
  aba4ae5f-2193-4029-9191-0cb91df5e314 # Storage File Data SMB Share Reader
  e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1 # Storage Account Backup Contributor
)
role_list="$(IFS=,; echo "${assignable_roles[*]}" | sed 's/,/, /g')"
types="{'Group', 'ServicePrincipal'}"
condition="((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${role_list}} AND @Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase ${types})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${role_list}} AND @Resource[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase ${types}))"

# Management locks need Microsoft.Authorization/locks/*, which Contributor lacks and only Owner
# and User Access Administrator have among built-in roles
# (https://learn.microsoft.com/en-us/rest/api/resources/management-locks/create-or-update-by-scope):
# a custom role with only that, rather than either of them.
if ! found az role definition list --custom-role-only true --name "$lock_role" --query '[0].id' -o tsv; then
  run az role definition create --role-definition \
    "{\"Name\":\"${lock_role}\",\"IsCustom\":true,\"Description\":\"Create and delete management locks, nothing else. For the grunnmur deploy identity.\",\"Actions\":[\"Microsoft.Authorization/locks/read\",\"Microsoft.Authorization/locks/write\",\"Microsoft.Authorization/locks/delete\"],\"NotActions\":[],\"AssignableScopes\":[\"${sub_scope}\"]}"
fi

say "3a. ${deploy_app}: deploys from the protected environments platform and tenants"
read -r deploy_id deploy_sp <<<"$(ensure_app "$deploy_app")"
federate "$deploy_id" github-environment-platform "repo:${repo}:environment:platform"
federate "$deploy_id" github-environment-tenants "repo:${repo}:environment:tenants"
assign "$deploy_sp" "Contributor" "$sub_scope"
assign "$deploy_sp" "Role Based Access Control Administrator" "$sub_scope" \
  --condition "$condition" --condition-version 2.0 \
  --description "grunnmur deploy: may assign only the roles the programs use, to groups and service principals"
assign "$deploy_sp" "$lock_role" "$sub_scope"
assign "$deploy_sp" "Storage Blob Data Contributor" "$account_id"
assign "$deploy_sp" "Key Vault Crypto User" "$key_scope"
for permission in Group.ReadWrite.All AdministrativeUnit.ReadWrite.All RoleManagement.ReadWrite.Directory \
  User.Invite.All Policy.ReadWrite.ConditionalAccess Policy.Read.All; do
  graph "$deploy_id" "$deploy_sp" "$permission"
done

say "3b. ${reader_app}: pull-request previews and the nightly drift check, read-only"
read -r reader_id reader_sp <<<"$(ensure_app "$reader_app")"
# Pull requests preview from the environment "preview", which a platform team member approves:
# a pull request's own code runs in its preview, and this identity can decrypt stack secrets.
federate "$reader_id" github-environment-preview "repo:${repo}:environment:preview"
federate "$reader_id" github-main "repo:${repo}:ref:refs/heads/main"
assign "$reader_sp" "Reader" "$sub_scope"
assign "$reader_sp" "Storage Blob Data Reader" "$account_id"
assign "$reader_sp" "Key Vault Crypto User" "$key_scope"
for permission in Group.Read.All AdministrativeUnit.Read.All RoleManagement.Read.Directory User.Read.All Policy.Read.All; do
  graph "$reader_id" "$reader_sp" "$permission"
done

cat <<EOF

Done. The application permissions above are granted tenant-wide (admin consent): check them
under Entra ID > App registrations > ${deploy_app} / ${reader_app} > API permissions.

Then set these repository variables (Settings > Secrets and variables > Actions > Variables):
  gh variable set AZURE_TENANT_ID --repo ${repo} --body ${tenant_id}
  gh variable set AZURE_SUBSCRIPTION_ID --repo ${repo} --body ${subscription}
  gh variable set AZURE_DEPLOY_CLIENT_ID --repo ${repo} --body ${deploy_id}
  gh variable set AZURE_READER_CLIENT_ID --repo ${repo} --body ${reader_id}
  gh variable set PULUMI_STATE_ACCOUNT --repo ${repo} --body ${account}
  gh variable set PULUMI_STATE_VAULT --repo ${repo} --body ${vault}
First create the environments (Settings > Environments): "platform" (required reviewers: the
platform team; branch main), "tenants" (branch main) and "preview" (required reviewers: the
platform team). A workflow that names a missing environment creates it without protection
(docs/ci.md).

Log in to the backend and create the platform stack with the Key Vault secrets provider:
  pulumi login '${backend}'
  pulumi stack init organization/grunnmur/platform --secrets-provider '${secrets_provider}'
The deploy workflow creates the other stacks the same way on their first deploy (.ci/pulumi up):
each hub's (hub-<key>, for every key of network.hubs in platform.yaml) after the platform,
then each tenant's.
EOF
