/**
 * The lock rules (domain/azure/locks.ts) and what a destroy would do
 * (domain/azure/retention.ts), on resources built the way the previews show them.
 */
import { lockFindings, LOCK_FORBIDDEN_TYPES, LOCK_REQUIRED_TYPES, lockScopeOfId, type LockFinding, type LockSubject } from "../../domain/azure/locks";
import { destroyHazards, type DestroySubject } from "../../domain/azure/retention";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000000";
const HUB = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const DATA = `${SUB}/resourceGroups/rg-senja-data`;
const ACCOUNT = `${DATA}/providers/Microsoft.Storage/storageAccounts/stsenja`;
const NETWORK = `${SUB}/resourceGroups/rg-senja-network`;
const SPOKE = `${NETWORK}/providers/Microsoft.Network/virtualNetworks/vnet-senja`;

const kept = { protect: true, retainOnDelete: true };
const retainedOnly = { protect: false, retainOnDelete: true };
const plain = { protect: false, retainOnDelete: false };

function subject(name: string, type: string, id: string, options: { protect: boolean; retainOnDelete?: boolean } = plain, extra: Partial<DestroySubject> = {}): DestroySubject {
  return { urn: `urn:pulumi:s::grunnmur::${type}::${name}`, type: `azure-native:${type}`, id, ...options, ...extra };
}

const lockOn = (name: string, scope: string, options = kept, level = "CanNotDelete") =>
  subject(name, "authorization:ManagementLockByScope", `${scope}/providers/Microsoft.Authorization/locks/lock-${name}`, options, { lock: { scope, level } });

const account = subject("storage", "storage:StorageAccount", ACCOUNT, kept);
const accountLock = lockOn("storage-lock", ACCOUNT);
const diag = (options: { protect: boolean; retainOnDelete?: boolean } = retainedOnly) => subject("storage-diag", "monitor:DiagnosticSetting", `${ACCOUNT}/providers/Microsoft.Insights/diagnosticSettings/to-central-workspace`, options);
const endpoint = (options = retainedOnly) =>
  subject("storage-pe", "network:PrivateEndpoint", `${DATA}/providers/Microsoft.Network/privateEndpoints/pe-senja-file`, options, {
    connectsTo: [ACCOUNT],
    subnetId: `${SPOKE}/subnets/snet-endpoints`,
  });
const hub = subject("hub", "network:VirtualNetwork", HUB);
const hubPeering = subject("spoke-from-hub", "network:VirtualNetworkPeering", `${HUB}/virtualNetworkPeerings/to-senja`);

const kinds = (findings: readonly LockFinding[]) => findings.map((f) => `${f.kind}:${"resource" in f ? f.resource.urn.split("::").pop() : f.target.urn.split("::").pop()}`);

describe("the lock rules", () => {
  it("accept a storage account locked with a kept lock, its children retained", () => {
    expect(lockFindings([account, accountLock, diag(), endpoint()])).toEqual([]);
  });

  it("refuse a lock on the hub network, and name the tenant's peering below it, when the stacks are seen together", () => {
    // The hub's lock is the platform's, the peering a tenant stack's: only together do they show the conflict.
    expect(kinds(lockFindings([hub, lockOn("hub-lock", HUB, plain), hubPeering]))).toEqual(["forbidden:hub", "deletes-under-lock:spoke-from-hub"]);
  });

  it.each(Object.keys(LOCK_FORBIDDEN_TYPES).map((type) => [type]))("refuse any lock on %s", (type) => {
    const target = { urn: "urn:x::t", type, id: `${SUB}/resourceGroups/rg-x/providers/Microsoft.X/things/t`, protect: false, retainOnDelete: false };
    expect(kinds(lockFindings([target, lockOn("t-lock", target.id, plain)]))).toEqual(["forbidden:t"]);
  });

  it("name a diagnostic setting below a lock that the stack would delete, and a private endpoint into the locked account", () => {
    expect(kinds(lockFindings([account, accountLock, diag(plain), endpoint(plain)]))).toEqual(["deletes-under-lock:storage-diag", "deletes-under-lock:storage-pe"]);
  });

  it("cannot tell what the engine does not say: a child whose retainOnDelete is unknown is not a finding", () => {
    expect(lockFindings([account, accountLock, diag({ protect: false, retainOnDelete: undefined })])).toEqual([]);
  });

  it.each(Object.keys(LOCK_REQUIRED_TYPES).map((type) => [type]))("require a lock on every %s", (type) => {
    const target = { urn: "urn:x::data", type, id: `${SUB}/resourceGroups/rg-x/providers/Microsoft.X/things/data`, ...kept };
    expect(kinds(lockFindings([target]))).toEqual(["missing:data"]);
    expect(lockFindings([target, lockOn("data-lock", target.id)])).toEqual([]);
  });

  it("require that lock to be CanNotDelete, protected and retained", () => {
    const problems = (lock: LockSubject) => lockFindings([account, lock]).map((f) => (f.kind === "lock-not-kept" ? f.problem : f.kind));
    expect(problems(lockOn("l", ACCOUNT, kept, "ReadOnly"))).toEqual(["level"]);
    expect(problems(lockOn("l", ACCOUNT, retainedOnly))).toEqual(["protect"]);
    expect(problems(lockOn("l", ACCOUNT, { protect: true, retainOnDelete: false }))).toEqual(["retainOnDelete"]);
  });

  it("find the locked resource by the resources its scope came from while the id is unknown", () => {
    const unknown = { ...account, id: undefined };
    const lock = { ...accountLock, id: undefined, lock: { scopeFrom: [account.urn], level: "CanNotDelete" } };
    expect(lockFindings([unknown, lock])).toEqual([]);
  });

  it("read what a lock locks from its own id", () => {
    expect(lockScopeOfId(`${ACCOUNT}/providers/Microsoft.Authorization/locks/lock-storage`)).toBe(ACCOUNT);
    expect(lockScopeOfId(ACCOUNT)).toBeUndefined();
  });
});

describe("what unprotecting and destroying a stack would do", () => {
  const group = (name: string, id: string, options = retainedOnly) => subject(name, "resources:ResourceGroup", id, options);
  const spoke = (options = retainedOnly) => subject("spoke", "network:VirtualNetwork", SPOKE, options);
  const safe = () => [group("rg-data", DATA), group("rg-network", NETWORK), account, accountLock, diag(), endpoint(), spoke()];
  const hazards = (subjects: DestroySubject[]) => destroyHazards(subjects).map((h) => h.kind);

  it("is safe for a leaving tenant: everything protected is retained, and what holds it too", () => {
    expect(destroyHazards(safe())).toEqual([]);
  });

  it("would delete a protected resource that is not retained", () => {
    expect(hazards([...safe(), subject("share", "storage:FileShare", `${ACCOUNT}/fileServices/default/shares/felles`, { protect: true, retainOnDelete: false })])).toEqual([
      "protected-not-retained",
      // And it lies below the account's lock, so Azure would refuse it anyway.
      "deletes-under-lock",
    ]);
  });

  it("would take the retained account with its resource group", () => {
    expect(hazards([group("rg-data", DATA, plain), ...safe().slice(1)])).toEqual(["group-takes-retained", "group-takes-retained", "group-takes-retained", "group-takes-retained"]);
  });

  it("would stop at the spoke while the retained endpoint keeps a subnet busy", () => {
    expect(hazards([...safe().slice(0, -1), spoke(plain)])).toEqual(["subnet-kept-busy"]);
  });
});
