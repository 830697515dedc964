import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inputMessage, TRANSLATED_INPUT_MESSAGES } from "./input-messages.js";

/** Every TypeScript source under src/ but tests and generated code. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sources(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

/** The sentences zod rules state: `.max(20, "…")`, `.email("…")`, `{ message: "…" }`. */
function ruleMessages(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\.(?:min|max|regex|length|int|refine|superRefine|nonempty)\((?:[^()"]|\([^()]*\))*,\s*"([^"]+)"\s*\)/g,
    /\.(?:email|nonempty|url)\(\s*"([^"]+)"\s*\)/g,
    /\bmessage:\s*"([^"]+)"/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) if (m[1]) found.push(m[1]);
  return found;
}

describe("input rule messages", () => {
  it("every rule the GraphQL schema states has a Chinese sentence", () => {
    const dir = new URL("..", import.meta.url).pathname;
    const missing = new Set<string>();
    const seen = new Set<string>();
    for (const file of sources(dir)) {
      // config.ts checks settings at start, for the person running the server, not API callers
      if (file.endsWith("config.ts")) continue;
      const text = readFileSync(file, "utf8");
      if (!text.includes("validate:")) continue;
      for (const message of ruleMessages(text).filter((m) => /^[A-Z]/.test(m))) {
        seen.add(message);
        if (!TRANSLATED_INPUT_MESSAGES.includes(message)) missing.add(message);
      }
    }
    // the scan finds the schema's rules (so an empty "missing" means something)
    expect(seen.size).toBeGreaterThanOrEqual(25);
    expect([...missing]).toEqual([]);
  });

  it("says a rule in the caller's language, and leaves an unknown one as it is", () => {
    expect(inputMessage("Add at least one cargo line.", "zh-CN")).toBe("请至少添加一条货物明细。");
    expect(inputMessage("Add at least one cargo line.", "en")).toBe("Add at least one cargo line.");
    expect(inputMessage("Too big: expected number to be <=6", "zh-CN")).toBe("Too big: expected number to be <=6");
  });
});
