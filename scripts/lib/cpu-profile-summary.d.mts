/** Types for cpu-profile-summary.mjs. */

/** The parts of a V8 .cpuprofile the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    /** Samples per 1-based script line, when V8 recorded them. */
    positionTicks?: { line: number; ticks: number }[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One function's self time. */
export interface ProfileRow {
  name: string;
  /** `file:line`, relative to the root, mapped through a linked source map when there is one. */
  location: string;
  selfMs: number;
  percent: number;
  /** Its hottest lines (`file:line`, mapped like `location`) and their share of its line samples. */
  lines: { where: string; percent: number }[];
}

/** Top functions by self time. */
export function summarizeProfile(
  profile: CpuProfile,
  options?: { limit?: number; root?: string },
): { totalMs: number; top: ProfileRow[] };
/** A summary as a Markdown table. */
export function profileMarkdown(title: string, summary: { totalMs: number; top: ProfileRow[] }): string;
