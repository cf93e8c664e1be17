/**
 * Fields files no longer have, with what to do instead: a file written for an
 * earlier version is told why the field went, not only that it is unknown.
 * `*` stands for any key (a site's or access point's name).
 */
export interface RetiredField {
  readonly path: readonly string[];
  readonly message: string;
}

export const RETIRED_FIELDS: readonly RetiredField[] = [
  {
    path: ["sites", "*", "preSharedKey"],
    message:
      "is no longer written in the file: the platform generates each site's VPN pre-shared key and keeps it in its Key Vault; remove the line, and ask the regional IT team for the key (README, \"Keys for a municipality's devices\")",
  },
  {
    path: ["wifi", "accessPoints", "*", "secret"],
    message:
      "is no longer written in the file: the platform generates each access point's RADIUS secret; remove the line, and ask the regional IT team for the secret (README, \"Keys for a municipality's devices\")",
  },
  {
    path: ["eduroam", "cuiKey"],
    message: "is no longer written in the file: the platform generates the Chargeable-User-Identity key (generated-eduroam-cui-key in its Key Vault); remove the line",
  },
];

/** The retired field at `path`, if it is one. */
export function retiredField(path: ReadonlyArray<string | number>): RetiredField | undefined {
  return RETIRED_FIELDS.find((field) => field.path.length === path.length && field.path.every((part, i) => part === "*" || part === path[i]));
}
