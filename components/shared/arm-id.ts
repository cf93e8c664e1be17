/**
 * The one parser for Azure resource ids, so no code splits ids by hand:
 * /subscriptions/{s}/resourceGroups/{g}/providers/{Namespace}/{type}/{name}[/{type}/{name}...]
 */
export interface ArmId {
  readonly subscriptionId: string;
  readonly resourceGroup?: string;
  /** e.g. "Microsoft.Network"; undefined for a subscription or resource group id. */
  readonly namespace?: string;
  /** Type/name pairs after the namespace, outermost first. */
  readonly segments: ReadonlyArray<{ type: string; name: string }>;
  /** The last name in the id. */
  readonly name: string;
}

export function parseArmId(id: string): ArmId {
  const parts = id.split("/").filter((p) => p.length > 0);
  if (parts.length < 2 || parts[0].toLowerCase() !== "subscriptions") {
    throw new Error(`"${id}" is not an Azure resource id (it must start with /subscriptions/<id>)`);
  }
  const subscriptionId = parts[1];
  let i = 2;
  let resourceGroup: string | undefined;
  if (parts[i]?.toLowerCase() === "resourcegroups") {
    resourceGroup = parts[i + 1];
    if (!resourceGroup) throw new Error(`"${id}" names no resource group after /resourceGroups/`);
    i += 2;
  }
  let namespace: string | undefined;
  const segments: Array<{ type: string; name: string }> = [];
  if (parts[i]?.toLowerCase() === "providers") {
    namespace = parts[i + 1];
    i += 2;
    for (; i < parts.length; i += 2) {
      if (parts[i + 1] === undefined) throw new Error(`"${id}" has a type "${parts[i]}" without a name`);
      segments.push({ type: parts[i], name: parts[i + 1] });
    }
  } else if (i < parts.length) {
    throw new Error(`"${id}" has unexpected parts after the resource group`);
  }
  const name = segments.length > 0 ? segments[segments.length - 1].name : (resourceGroup ?? subscriptionId);
  return { subscriptionId, resourceGroup, namespace, segments, name };
}
