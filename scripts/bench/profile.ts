/**
 * Reads a CPU profile of a page's renderer and a trace of its main thread: how much of the time was
 * the extension's JS, which of its functions took it, how long its start-up ran before the first
 * scan, and how the main thread's tasks look with it (their lengths, and the extension's part in each).
 * All times in the profile and the trace are microseconds on the same monotonic clock.
 */
import type { SourceMapLookup } from './source-map';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, when the trace has it. */
  tdur?: number;
  args?: { name?: string };
}

/**
 * Functions that read the page for mentions: the first sample inside one of them ends the start-up.
 * Names as in the original source (PageMentions.scan and rescan, the text index's paragraph walk).
 */
const SCANNING = new Set(['scan', 'rescan', 'paragraphsOf']);

/** A sample: when it was taken, how long it stands for, and what was on the stack. */
interface Sample {
  ts: number;
  /** Wall time (µs) until the next sample. */
  dur: number;
  /** Thread time (µs) it stands for: dur scaled by its task's thread time over wall time. */
  cpu: number;
  leaf: number;
  /** An extension function was on the stack (its own code or a browser function it called). */
  ext: boolean;
  scanning: boolean;
  /** Not idle: the thread was doing something (any JS, or the browser's own work). */
  busy: boolean;
  /** Inside the marker function (the bench's own bare pass). */
  marker: boolean;
}

export interface Task {
  ts: number;
  /** Wall time (µs): where the task lies on the profile's clock. */
  dur: number;
  /** Thread time (µs): how much of the main thread's CPU it took, whatever else the machine was running. */
  cpu: number;
  /** The extension's JS inside this task, in thread time (µs). */
  ext: number;
}

/**
 * Times are thread (CPU) time of the page's main thread: a sample's wall time scaled by its task's
 * thread time over wall time, so that time the thread spent descheduled (a busy machine) is left out.
 */
export interface LoadProfile {
  /** Samples with an extension function on the stack (ms): its JS and the browser calls it made. */
  extMs: number;
  /** The same in wall time (ms). */
  extWallMs: number;
  /** Self time in the extension's own functions only (ms). */
  extSelfMs: number;
  /** Garbage collection on the thread (ms), whoever's garbage: not in extMs. */
  gcMs: number;
  /** Self time per function (ms), the extension's own ("name (file:line)") and the browser calls it made ("name (browser)"). */
  byFunction: Map<string, number>;
  /** The extension's JS before the first sample in its scanning code (ms); null when it never scanned. */
  startupMs: number | null;
  /** The extension's JS in the first task it ran in: evaluating the content script (ms). */
  evaluationMs: number | null;
  /** Thread time over wall time of the task(s) that ran the marker function; 1 when there was none. */
  markerCpuShare: number;
  tasks: Task[];
}

function shortSource(source: string): string {
  return source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');
}

export function readLoadProfile(
  profile: CpuProfile,
  trace: TraceEvent[],
  options: { extensionUrl: string; sourceMap?: SourceMapLookup | null; marker?: string },
): LoadProfile {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const isExt = (id: number) => nodes.get(id)!.callFrame.url.startsWith(options.extensionUrl);

  const labels = new Map<number, string>();
  const names = new Map<number, string>();
  const nameOf = (id: number): string => {
    let name = names.get(id);
    if (name === undefined) {
      const frame = nodes.get(id)!.callFrame;
      // A function the minifier left unnamed was anonymous in the source too (an arrow, a callback).
      const original = frame.functionName ? options.sourceMap?.functionAt(frame.lineNumber, frame.columnNumber) : null;
      name = original?.name || frame.functionName || '(anonymous)';
      names.set(id, name);
    }
    return name;
  };
  const labelOf = (id: number): string => {
    let label = labels.get(id);
    if (label === undefined) {
      const frame = nodes.get(id)!.callFrame;
      if (!isExt(id)) {
        label = `${frame.functionName || '(anonymous)'} (browser)`;
      } else {
        const found = options.sourceMap?.functionAt(frame.lineNumber, frame.columnNumber);
        const original = found?.position;
        const where = `content.js:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
        // A name the source did not give at that spot: the minified one, and the place only roughly.
        const near = found && !found.name && frame.functionName ? 'near ' : '';
        if (original) label = `${nameOf(id)} (${near}${shortSource(original.source)}:${original.line + 1})`;
        // Code the map does not cover is the bundler's: the script's top level (the wrapper that
        // evaluates every module) or its runtime helpers.
        else if (options.sourceMap && frame.lineNumber === 0 && frame.columnNumber < 20) label = `(content script top level) (${where})`;
        else if (options.sourceMap) label = `${nameOf(id)} (bundler runtime, ${where})`;
        else label = `${nameOf(id)} (${where})`;
      }
      labels.set(id, label);
    }
    return label;
  };

  // Per leaf node: is an extension frame on its stack, a scanning function, the marker.
  const onStack = new Map<number, { ext: boolean; scanning: boolean; marker: boolean }>();
  const stackOf = (leaf: number) => {
    let known = onStack.get(leaf);
    if (!known) {
      known = { ext: false, scanning: false, marker: false };
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
        if (options.marker && nodes.get(id)!.callFrame.functionName === options.marker) known.marker = true;
        if (isExt(id)) {
          known.ext = true;
          if (SCANNING.has(nameOf(id))) known.scanning = true;
        }
      }
      onStack.set(leaf, known);
    }
    return known;
  };

  const samples: Sample[] = [];
  let ts = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    ts += profile.timeDeltas[i]!;
    // A sample stands for the time until the next one (as DevTools counts it).
    const dur = i + 1 < profile.samples.length ? profile.timeDeltas[i + 1]! : Math.max(0, profile.endTime - ts);
    const leaf = profile.samples[i]!;
    const busy = nodes.get(leaf)!.callFrame.functionName !== '(idle)';
    samples.push({ ts, dur, cpu: dur, leaf, busy, ...stackOf(leaf) });
  }
  const { tasks, markerCpuShare } = mainThreadTasks(trace, samples);

  const byFunction = new Map<string, number>();
  let ext = 0;
  let extWall = 0;
  let extSelf = 0;
  let startup = 0;
  let gc = 0;
  const firstScan = samples.find((sample) => sample.scanning)?.ts ?? Number.POSITIVE_INFINITY;
  for (const sample of samples) {
    if (nodes.get(sample.leaf)!.callFrame.functionName === '(garbage collector)') gc += sample.cpu;
    if (!sample.ext) continue;
    ext += sample.cpu;
    extWall += sample.dur;
    if (isExt(sample.leaf)) extSelf += sample.cpu;
    if (sample.ts < firstScan) startup += sample.cpu;
    const label = labelOf(sample.leaf);
    byFunction.set(label, (byFunction.get(label) ?? 0) + sample.cpu / 1000);
  }
  const firstExtTask = tasks.find((task) => task.ext > 0);
  return {
    extMs: ext / 1000,
    extWallMs: extWall / 1000,
    extSelfMs: extSelf / 1000,
    gcMs: gc / 1000,
    byFunction,
    startupMs: Number.isFinite(firstScan) ? startup / 1000 : null,
    evaluationMs: firstExtTask ? firstExtTask.ext / 1000 : null,
    markerCpuShare,
    tasks,
  };
}

/**
 * The top-level tasks of the page's main thread, each with the extension's JS inside it, and each
 * sample's thread time set from its task. The page's renderer is the main thread ("CrRendererMain")
 * whose tasks hold the most busy profile samples.
 */
function mainThreadTasks(trace: TraceEvent[], samples: Sample[]): { tasks: Task[]; markerCpuShare: number } {
  const mainThreads = new Set(
    trace.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, Task[]>();
  for (const event of trace) {
    if (event.ph !== 'X' || event.name !== 'RunTask' || event.dur === undefined) continue;
    const thread = `${event.pid}:${event.tid}`;
    if (!mainThreads.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    byThread.set(thread, list);
    list.push({ ts: event.ts, dur: event.dur, cpu: event.tdur ?? event.dur, ext: 0 });
  }
  const busy = samples.filter((s) => s.busy);
  /** Each top-level task with the busy samples inside it (indexes into `busy`). */
  const place = (list: Task[]) => {
    list.sort((a, b) => a.ts - b.ts);
    // Top-level tasks only: a task run inside another (a nested run loop) is part of it.
    const top: { task: Task; from: number; to: number }[] = [];
    for (const task of list) {
      const last = top.at(-1)?.task;
      if (last && task.ts < last.ts + last.dur) continue;
      top.push({ task, from: 0, to: 0 });
    }
    let i = 0;
    for (const entry of top) {
      while (i < busy.length && busy[i]!.ts < entry.task.ts) i++;
      entry.from = i;
      while (i < busy.length && busy[i]!.ts < entry.task.ts + entry.task.dur) i++;
      entry.to = i;
    }
    return top;
  };
  let best: ReturnType<typeof place> = [];
  let bestInside = -1;
  for (const list of byThread.values()) {
    const placed = place(list);
    const inside = placed.reduce((n, entry) => n + entry.to - entry.from, 0);
    if (inside > bestInside) {
      bestInside = inside;
      best = placed;
    }
  }
  const marker = { cpu: 0, wall: 0 };
  for (const { task, from, to } of best) {
    const share = task.dur ? Math.min(1, task.cpu / task.dur) : 1;
    let hasMarker = false;
    for (let j = from; j < to; j++) {
      const sample = busy[j]!;
      sample.cpu = sample.dur * share;
      if (sample.ext) task.ext += sample.cpu;
      if (sample.marker) hasMarker = true;
    }
    if (hasMarker) {
      marker.cpu += task.cpu;
      marker.wall += task.dur;
    }
  }
  return { tasks: best.map((entry) => entry.task), markerCpuShare: marker.wall ? Math.min(1, marker.cpu / marker.wall) : 1 };
}

/** The longest task and how many ran over 50 ms, in thread time; the extension's largest part in one, and the tasks it made long. */
export function taskStats(tasks: Task[]): {
  longestMs: number;
  over50: number;
  longestExtMs: number;
  madeLong: number;
} {
  let longest = 0;
  let over50 = 0;
  let longestExt = 0;
  let madeLong = 0;
  for (const task of tasks) {
    longest = Math.max(longest, task.cpu);
    longestExt = Math.max(longestExt, task.ext);
    if (task.cpu > 50_000) {
      over50++;
      // Over 50 ms because of the extension: without its part the task would not be long.
      if (task.ext > 0 && task.cpu - task.ext <= 50_000) madeLong++;
    }
  }
  return { longestMs: longest / 1000, over50, longestExtMs: longestExt / 1000, madeLong };
}
