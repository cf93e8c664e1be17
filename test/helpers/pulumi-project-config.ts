/**
 * The Pulumi engine's rules for project-level config (Pulumi.yaml `config:`),
 * as mergeConfig and validateStackConfigValue in pulumi/pulumi
 * sdk/go/common/workspace/config.go apply them before a program runs:
 * - a key of the project's namespace that has neither `default` nor `value`
 *   and is not set in the stack's config stops the run with
 *   "Stack '<stack>' is missing configuration value '<key>'";
 * - a value (default or set) must be of the declared `type`
 *   (string, integer, boolean, array);
 * - a key marked `secret: true` must be set encrypted in the stack file.
 * Keys without a ':' are in the project's namespace.
 */
export interface ProjectConfigType {
  readonly type?: string;
  readonly default?: unknown;
  readonly value?: unknown;
  readonly secret?: boolean;
}

export interface PulumiProject {
  readonly name: string;
  readonly config?: Readonly<Record<string, ProjectConfigType>>;
}

function ofType(type: string | undefined, value: unknown): boolean {
  switch (type) {
    case undefined:
      return true;
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    default:
      return false;
  }
}

/** What the engine would refuse for `stack`, whose Pulumi.<stack>.yaml `config:` is `stackConfig` (fully qualified keys). */
export function projectConfigErrors(project: PulumiProject, stack: string, stackConfig: Readonly<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  const missing: string[] = [];
  for (const [key, declared] of Object.entries(project.config ?? {})) {
    const qualified = key.includes(":") ? key : `${project.name}:${key}`;
    const inProject = !key.includes(":") || key.startsWith(`${project.name}:`);
    if (declared.type !== undefined && !["string", "integer", "boolean", "array"].includes(declared.type)) {
      errors.push(`config key '${key}' has type '${declared.type}', which the engine does not know`);
    }
    const set = Object.prototype.hasOwnProperty.call(stackConfig, qualified);
    const fallback = declared.default !== undefined ? declared.default : declared.value;
    if (!set && fallback === undefined && inProject) {
      missing.push(key);
      continue;
    }
    if (!set && fallback === undefined) continue;
    const value = set ? stackConfig[qualified] : fallback;
    const secure = typeof value === "object" && value !== null && "secure" in value;
    if (declared.secret && !secure) errors.push(`Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`);
    if (!secure && !ofType(declared.type, value)) errors.push(`Stack '${stack}' with configuration key '${key}' must be of type '${declared.type}'`);
  }
  if (missing.length > 0) errors.unshift(`Stack '${stack}' is missing configuration ${missing.length > 1 ? "values" : "value"} ${missing.sort().map((k) => `'${k}'`).join(", ")}`);
  return errors;
}
