// Shared by every workspace's vitest.config.ts: when the root test command collects reports,
// each workspace also writes a JSON report it can count.
export function reporting(workspace: string) {
  const dir = process.env.CORRIDOR_TEST_REPORTS;
  return dir ? { reporters: ["default", "json"], outputFile: { json: `${dir}/vitest-${workspace}.json` } } : {};
}
