import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  parsePreviewFile,
  parseResourceList,
  PREVIEW_FORMAT_VERSION,
  previewFileText,
  readPreviewFile,
  type CapturedResource,
  type PreviewFileRead,
  type PreviewScope,
  type StackPreview,
  writePreviewFile,
} from "../../scripts/preview/preview-file";

const FILE = "out/preview/senja.json";

function resource(name: string, extra: Partial<CapturedResource> = {}): CapturedResource {
  const base: CapturedResource = {
    urn: `urn:pulumi:senja::grunnmur::azure-native:storage:StorageAccount::${name}`,
    type: "azure-native:storage:StorageAccount",
    name,
    custom: true,
    parent: null,
    id: `id-${name}`,
    inputs: { accountName: `st${name}`, location: "norwayeast", tags: { "grunnmur:tenant": "senja" } },
    options: { protect: true, retainOnDelete: true, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [{ parentUrn: "urn:pulumi:senja::grunnmur::x:y:Z::old" }] },
  };
  // Keys in the order the preview writes them, the provider after the parent.
  const { urn, type, custom, parent, provider, id, inputs, options } = { ...base, ...extra };
  return { urn, type, name, custom, parent, ...(provider !== undefined ? { provider } : {}), id, inputs, options };
}

const PROVIDER_URN = "urn:pulumi:senja::grunnmur::pulumi:providers:azure-native::tenant-subscription";
const tenantProvider = resource("tenant-subscription", {
  urn: PROVIDER_URN,
  type: "pulumi:providers:azure-native",
  provider: null,
  inputs: { environment: "public", subscriptionId: "00000000-0000-4000-8000-000000005530" },
  options: { ...resource("x").options, protect: false, retainOnDelete: false, aliases: [] },
});

/** A preview as the worker writes it (with a scope, for a platform of some tenants) and the policy check completes it. */
function preview(extra: { stack?: string; scope?: PreviewScope } = {}): StackPreview {
  return {
    stack: extra.stack ?? "senja",
    generatedBy: "grunnmur preview (offline, Pulumi mocks)",
    resources: [
      tenantProvider,
      resource("files", { provider: { urn: PROVIDER_URN, name: "tenant-subscription", subscriptionId: "00000000-0000-4000-8000-000000005530" } }),
      resource("archive", { custom: false, id: null, provider: null }),
    ],
    outputs: { addressSpace: "10.20.0.0/22", zones: ["general"] },
    ...(extra.scope ? { scope: extra.scope } : {}),
    policy: {
      pack: "grunnmur",
      checkedOn: "2026-11-30",
      violations: [{ policy: "tags-cost-allocation", rule: "TG-01", enforcement: "advisory", resource: "files", urn: resource("files").urn, message: "tags lack a cost centre" }],
      waived: [],
      summary: { mandatory: 0, advisory: 1, waived: 0, policies: 38, resources: 1 },
    },
  };
}

/** JSON text as the preview writes it, of data whose version field is left out or set by the test. */
function fileText(data: Record<string, unknown>): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

const scopedPlatform = () => preview({ stack: "platform", scope: { tenants: ["senja"], regionTenants: ["senja", "bardu"] } });
/** The same preview as a grunnmur that did not record providers wrote it. */
const beforeProviders = (): StackPreview => ({ ...preview(), resources: preview().resources.map(({ provider: _left, ...r }) => r) });
const withProvider = (value: unknown) => ({ ...preview(), resources: [{ ...resource("files"), provider: value }] });
const withProtect = (value: unknown) => ({ ...preview(), resources: [{ ...resource("files"), options: { ...resource("files").options, protect: value } }] });

describe("reading a preview file", () => {
  it.each<[string, string, PreviewFileRead]>([
    ["reads a file of this version", previewFileText(preview()), { ok: true, preview: preview() }],
    ["reads a file without formatVersion, written before the field existed, as version 1", fileText({ ...preview() }), { ok: true, preview: preview() }],
    ["reads a platform preview of some tenants with its scope", previewFileText(scopedPlatform()), { ok: true, preview: scopedPlatform() }],
    ["reads a file written before providers were recorded, leaving them unknown, in the same version", previewFileText(beforeProviders()), { ok: true, preview: beforeProviders() }],
    [
      "refuses a provider without its URN",
      fileText({ formatVersion: 1, ...withProvider({ name: "tenant-subscription" }) }),
      { ok: false, problems: [`${FILE} resources[0].provider.urn: is required but missing`] },
    ],
    [
      "refuses another version, naming the file and the version it reads",
      fileText({ formatVersion: 2, ...preview() }),
      { ok: false, problems: [`${FILE}: formatVersion 2 is not supported by this grunnmur (it reads 1); preview again with this version`] },
    ],
    ["refuses a version that is not a number", fileText({ formatVersion: "1", ...preview() }), { ok: false, problems: [`${FILE} formatVersion: must be a number (this grunnmur reads 1), found "1"`] }],
    [
      "refuses broken JSON, naming the file",
      previewFileText(preview()).slice(0, 200),
      { ok: false, problems: [expect.stringMatching(/^out\/preview\/senja\.json: not valid JSON \(.+\); run "grunnmur preview" again to write it$/)] },
    ],
    ["refuses a wrong shape, naming the field path", fileText({ formatVersion: 1, ...withProtect("yes") }), { ok: false, problems: [`${FILE} resources[0].options.protect: must be true or false, found the text "yes"`] }],
    ["refuses a file that is not an object", "[]\n", { ok: false, problems: [`${FILE}: must be a map of fields, found a list`] }],
    [
      "lists every field missing from a preview's resource",
      fileText({ ...preview(), resources: [{ type: "azure-native:storage:StorageAccount", name: "files" }] }),
      { ok: false, problems: ["urn", "custom", "parent", "id", "inputs", "options"].map((field) => `${FILE} resources[0].${field}: is required but missing`) },
    ],
  ])("%s", (_behaviour, text, expected) => {
    expect(parsePreviewFile(text, FILE)).toEqual(expected);
  });

  it("names a file that does not exist", () => {
    const file = path.join(os.tmpdir(), "grunnmur-no-such-preview.json");
    expect(readPreviewFile(file)).toEqual({ ok: false, problems: [`${file}: no such file; run "grunnmur preview" again to write it`] });
  });
});

describe("writing a preview file", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-preview-file-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads back what it wrote", () => {
    const file = path.join(dir, "nested", "senja.json");
    writePreviewFile(file, preview());
    expect(readPreviewFile(file)).toEqual({ ok: true, preview: preview() });
  });

  it("puts formatVersion first and leaves the rest as the file was before the field existed", () => {
    const before = fileText({ ...preview() });
    const lines = previewFileText(preview()).split("\n");
    expect(lines[1]).toBe(`  "formatVersion": ${PREVIEW_FORMAT_VERSION},`);
    expect([lines[0], ...lines.slice(2)].join("\n")).toBe(before);
  });

  it("writes a file it read byte for byte as it was", () => {
    const text = previewFileText(scopedPlatform());
    const read = parsePreviewFile(text, FILE);
    if (!read.ok) throw new Error(read.problems.join("\n"));
    expect(previewFileText(read.preview)).toBe(text);
  });
});

describe("reading a resource list for the policy check", () => {
  it("gives a hand-written resource Pulumi's defaults and a URN from its stack, type and name", () => {
    const read = parseResourceList(JSON.stringify({ stack: "senja", resources: [{ type: "azure-native:storage:StorageAccount", name: "scratch" }] }), "scratch.json");
    expect(read).toEqual({
      ok: true,
      stack: {
        stack: "senja",
        outputs: {},
        resources: [
          {
            urn: "urn:pulumi:senja::grunnmur::azure-native:storage:StorageAccount::scratch",
            type: "azure-native:storage:StorageAccount",
            name: "scratch",
            custom: true,
            parent: null,
            provider: null,
            id: null,
            inputs: {},
            options: { protect: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] },
          },
        ],
      },
    });
  });

  it("reads a preview file as it is", () => {
    const read = parseResourceList(previewFileText(preview()), FILE);
    expect(read.ok && read.stack.resources).toEqual(preview().resources);
  });

  it("reads resources of a file that did not record providers as made through the default provider", () => {
    const read = parseResourceList(previewFileText(beforeProviders()), FILE);
    expect(read.ok && read.stack.resources.map((r) => r.provider)).toEqual([null, null, null]);
  });

  it("refuses another format version, as the preview reader does", () => {
    expect(parseResourceList(fileText({ formatVersion: 2, stack: "senja", resources: [] }), FILE)).toEqual({
      ok: false,
      problems: [`${FILE}: formatVersion 2 is not supported by this grunnmur (it reads 1); preview again with this version`],
    });
  });
});
