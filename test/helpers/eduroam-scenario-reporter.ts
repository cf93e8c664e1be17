/**
 * Prints how many eduroam scenarios ran against real FreeRADIUS (the tests in
 * test/eduroam/), so CI output shows they ran rather than skipped.
 */
import * as path from "node:path";
import { INSTALL_HINT, missingTools } from "../eduroam/lab/radius-tools";

interface AssertionResult {
  status: string;
}
interface TestFileResult {
  testFilePath: string;
  testResults: AssertionResult[];
}
interface AggregatedResult {
  testResults: TestFileResult[];
}

const SCENARIO_DIR = `${path.sep}test${path.sep}eduroam${path.sep}`;

class EduroamScenarioReporter {
  onRunComplete(_contexts: unknown, results: AggregatedResult): void {
    const scenarios = results.testResults.filter((file) => file.testFilePath.includes(SCENARIO_DIR)).flatMap((file) => file.testResults);
    if (scenarios.length === 0) return;
    const count = (status: string) => scenarios.filter((s) => s.status === status).length;
    const skipped = count("pending") + count("skipped") + count("todo");
    const note = skipped > 0 && missingTools.length > 0 ? `; skipped because ${missingTools.join(", ")} ${missingTools.length === 1 ? "is" : "are"} not installed (${INSTALL_HINT})` : "";
    process.stdout.write(`eduroam scenarios (real FreeRADIUS): ${count("passed")} passed, ${count("failed")} failed, ${skipped} skipped${note}\n`);
  }
}

export = EduroamScenarioReporter;
