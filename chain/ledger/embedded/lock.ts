// One ledger per data folder: a LOCK file holding the owner's pid. A lock left by a process that
// is gone (a crash) is taken over; a live owner, in this process or another, fails the open.
import { open, readFile, rm, writeFile } from "node:fs/promises";
import { LedgerError, LedgerErrorCode } from "../errors.js";

export interface Lock {
  release(): Promise<void>;
}

const heldHere = new Set<string>();

export async function acquireLock(file: string): Promise<Lock> {
  if (heldHere.has(file)) throw locked(file, process.pid);
  try {
    const fh = await open(file, "wx");
    await fh.writeFile(String(process.pid));
    await fh.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) throw locked(file, owner);
    await writeFile(file, String(process.pid));
  }
  heldHere.add(file);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      await rm(file, { force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function locked(file: string, pid: number): LedgerError {
  return new LedgerError(LedgerErrorCode.Locked, `the ledger folder is in use by process ${pid} (${file})`);
}
