/**
 * A Mermaid diagram of the region's network (hub, spokes with their address
 * spaces and zones, VPN sites), which GitHub renders in a PR comment.
 */
import type { TenantOutputs } from "../../stacks/contract";
import type { StackPreview } from "../preview/preview-file";

const id = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
const label = (s: string) => s.replace(/"/g, "'");

export function networkDiagram(platform: StackPreview | undefined, tenants: readonly StackPreview[]): string {
  const lines = ["```mermaid", "graph LR"];
  const hubSpace = platform?.resources.find((r) => r.type === "azure-native:network:VirtualNetwork" && r.inputs.location === "norwayeast")?.inputs.addressSpace as
    | { addressPrefixes?: string[] }
    | undefined;
  lines.push(`  hub(("Hub ${label(hubSpace?.addressPrefixes?.join(", ") ?? "")}"))`);
  for (const t of tenants) {
    // A file from another version may lack outputs; the diagram shows "?" then.
    const o = t.outputs as Partial<TenantOutputs>;
    lines.push(`  ${id(t.stack)}["${label(t.stack)}<br/>${label(o.addressSpace ?? "?")}<br/>${label((o.zones ?? []).join(", "))}"]`);
    lines.push(`  hub --- ${id(t.stack)}`);
  }
  for (const lgw of platform?.resources.filter((r) => r.type === "azure-native:network:LocalNetworkGateway") ?? []) {
    const tenant = (lgw.inputs.tags as Record<string, string> | undefined)?.["grunnmur:tenant"] ?? "";
    const prefixes = (lgw.inputs.localNetworkAddressSpace as { addressPrefixes?: string[] } | undefined)?.addressPrefixes ?? [];
    const node = id(`site_${lgw.name}`);
    lines.push(`  ${node}[/"${label(lgw.name.replace(/^site-/, ""))}<br/>${label(prefixes.join(", "))}"/]`);
    lines.push(`  hub -. "VPN ${label(tenant)}" .- ${node}`);
  }
  lines.push("```");
  return lines.join("\n");
}
