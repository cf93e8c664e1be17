/** A file that passed its schema, with the source it came from, for rules that name lines. */
import type { PlatformFile } from "../schema/platform";
import type { TenantFile } from "../schema/tenant";
import type { YamlSource } from "./yaml-source";

export interface TenantInput {
  readonly source: YamlSource;
  readonly spec: TenantFile;
}

export interface PlatformInput {
  readonly source: YamlSource;
  readonly spec: PlatformFile;
}
