/**
 * The first thing a preview worker loads, before the Pulumi SDK: see
 * defer-closure-serializer.ts and defer-azure-native-root.ts. GRUNNMUR_EAGER_SDK=1
 * loads the SDK and azure-native's root whole, to measure the difference.
 */
import { deferClosureSerializer } from "./defer-closure-serializer";
import { deferAzureNativeRoot } from "./defer-azure-native-root";

if (process.env.GRUNNMUR_EAGER_SDK !== "1") {
  // The serialiser's stand-ins first: the root's stand-in loads the SDK.
  deferClosureSerializer();
  deferAzureNativeRoot();
}
