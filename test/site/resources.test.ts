import { resourceCounts } from "../../scripts/site/resources";
import type { CapturedResource, StackPreview } from "../../scripts/preview/preview-file";

const options = { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] };
const resource = (type: string, name: string, custom = true): CapturedResource => ({ urn: `urn:pulumi:senja::grunnmur::${type}::${name}`, type, name, custom, parent: null, id: null, inputs: {}, options });

describe("what a preview creates, counted by type", () => {
  it("counts resources by type, most first, without components and providers", () => {
    const preview: StackPreview = {
      stack: "senja",
      generatedBy: "test",
      outputs: {},
      resources: [
        resource("grunnmur:network:Spoke", "spoke", false),
        resource("pulumi:providers:azure-native", "tenant-subscription"),
        resource("azure-native:storage:FileShare", "felles"),
        resource("azure-native:storage:FileShare", "helse"),
        resource("azure-native:storage:StorageAccount", "files"),
        resource("azuread:index/group:Group", "admins"),
        resource("random:index/randomPassword:RandomPassword", "vm-app"),
      ],
    };
    expect(resourceCounts(preview)).toEqual([
      { type: "storage:FileShare", count: 2 },
      { type: "entra:group:Group", count: 1 },
      { type: "random:randomPassword:RandomPassword", count: 1 },
      { type: "storage:StorageAccount", count: 1 },
    ]);
  });
});
