/**
 * The first thing a preview worker loads, before the Pulumi SDK: see
 * defer-closure-serializer.ts. GRUNNMUR_EAGER_SDK=1 loads the SDK whole, to
 * measure the difference.
 */
import { deferClosureSerializer } from "./defer-closure-serializer";

if (process.env.GRUNNMUR_EAGER_SDK !== "1") deferClosureSerializer();
