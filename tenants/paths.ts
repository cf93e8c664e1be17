/** Where the repository's own files are, so commands work from any directory. */
import * as path from "node:path";

/** The repository root: above tenants/, or above dist/tenants/ when compiled. The Pulumi entry and every command use it. */
export const REPO_ROOT = path.resolve(__dirname, "..", path.basename(path.dirname(__dirname)) === "dist" ? ".." : "");

export const DEFAULT_TENANTS_DIR = path.join(REPO_ROOT, "tenants");
export const DEFAULT_PLATFORM_FILE = path.join(REPO_ROOT, "platform.yaml");
export const SCHEMA_DIR = path.join(REPO_ROOT, "tenants", "schema");
